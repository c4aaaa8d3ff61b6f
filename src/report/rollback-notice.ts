// What became of the rollback dispatch, as the publisher saw it: sent, or not and why. The
// publisher sends it before the summary is written, so the summary can say so.
import { code, escape } from './markdown-text.js'

export type RollbackDispatch =
  { sent: true; eventType: string } | { sent: false; eventType?: string; reason: string }

/** One line for the summary's head. */
export function rollbackLine(dispatch: RollbackDispatch): string {
  const event = dispatch.eventType ? ` (repository_dispatch ${code(dispatch.eventType)})` : ''
  if (dispatch.sent)
    return `↩️ **Rollback dispatched**${event}: the rollback workflow on the default branch starts from it.`
  return `↩️ **No rollback dispatched**${event}: ${escape(dispatch.reason)}.`
}
