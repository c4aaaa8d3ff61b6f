// What became of the rollback dispatch, as the publisher saw it: sent, or not and why. The
// publisher sends it before the summary is written, so the summary can say so.
import { code, escape } from './markdown-text.js'

export type RollbackDispatch =
  | { sent: true; eventType: string; payloadKeys: string[] }
  | { sent: false; eventType?: string; reason: string }

/** One line for the summary's head. */
export function rollbackLine(dispatch: RollbackDispatch): string {
  const event = dispatch.eventType ? ` (repository_dispatch ${code(dispatch.eventType)})` : ''
  if (dispatch.sent)
    return (
      `↩️ **Rollback dispatched**${event}: the rollback workflow on the default branch starts from it, ` +
      `with the client_payload keys ${dispatch.payloadKeys.map(code).join(', ')}.`
    )
  return `↩️ **No rollback dispatched**${event}: ${escape(dispatch.reason)}.`
}

/** The same, for the log. */
export function rollbackLogLine(dispatch: RollbackDispatch): string {
  const event = dispatch.eventType ? ` (repository_dispatch ${dispatch.eventType})` : ''
  return dispatch.sent
    ? `Rollback dispatched${event} with the client_payload keys ${dispatch.payloadKeys.join(', ')}.`
    : `No rollback dispatched${event}: ${dispatch.reason}.`
}
