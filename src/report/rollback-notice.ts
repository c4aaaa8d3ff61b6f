// What became of the rollback dispatch, as the publisher saw it: sent, or not and why. It is sent
// before the report is written, so a sent one is recorded in the report and the summary says so.
import { failedCheckIds } from '../judge/verdict.js'
import type { Report } from '../model/report.js'
import { untriggered } from '../model/rollback.js'
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

/**
 * The report with a sent dispatch in its rollback section: `dispatched`, unless a rollback ran in
 * this job too (its own state then stands).
 */
export function recordDispatch(report: Report, dispatch: RollbackDispatch | undefined): Report {
  if (!dispatch?.sent) return report
  const section =
    report.rollback ?? untriggered('auto', 'skipped', 'not run in this job', failedCheckIds(report.checks))
  const ran = section.state === 'succeeded' || section.state === 'failed'
  return {
    ...report,
    rollback: {
      ...section,
      ...(ran
        ? {}
        : {
            state: 'dispatched',
            message: `a rollback workflow was started by the repository_dispatch ${dispatch.eventType}`
          }),
      dispatch: { event_type: dispatch.eventType, payload_keys: dispatch.payloadKeys }
    }
  }
}

/** The dispatch a report records, as the publisher saw it. */
export function recordedDispatch(dispatch: { event_type: string; payload_keys: string[] }): RollbackDispatch {
  return { sent: true, eventType: dispatch.event_type, payloadKeys: dispatch.payload_keys }
}
