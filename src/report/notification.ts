// The words of a notification: one short message, in Slack's text format, on a failed verdict, on
// the outcome of a rollback and on a recovery, with a link to the run. A passing run that follows a
// passing one says nothing: a channel that hears of every green run stops being read.
import type { GitInfo, Report } from '../model/report.js'
import { clip, oneLine } from '../model/wording.js'

/** How a rollback ended, for the message that says so (given by the rollback, when one ran). */
export type RollbackOutcome = 'succeeded' | 'failed'

export interface NotificationFacts {
  report: Pick<Report, 'status' | 'environment' | 'summary' | 'mode'> & { git: Pick<GitInfo, 'run_url'> }
  /** The environment's previous deployment failed; undefined when that is not known. */
  previousFailed?: boolean
  /** The rollback that ran after this verdict, if one did. */
  rollback?: RollbackOutcome
}

export interface Notification {
  reason: 'failed' | 'rollback' | 'recovered'
  text: string
}

/** The summary line is already short; this bounds what a hostile message inside it can add. */
const MAX_SUMMARY = 300

/** The message this run owes, or undefined when it owes none. */
export function notificationFor({
  report,
  previousFailed,
  rollback
}: NotificationFacts): Notification | undefined {
  // Merge mode combines the matrix's reports; each environment's own job has already told.
  if (report.mode === 'merge') return undefined
  const environment = `*${slackText(report.environment)}*`
  const summary = slackText(clip(oneLine(report.summary), MAX_SUMMARY))
  const link = runLink(report.git.run_url)
  if (rollback)
    return {
      reason: 'rollback',
      text:
        rollback === 'succeeded'
          ? `↩️ ${environment}: rolled back after a failed validation (${summary}).${link}`
          : `🚨 ${environment}: the rollback failed after a failed validation (${summary}). ` +
            `Follow the manual steps in the job summary.${link}`
    }
  if (report.status === 'failed')
    return {
      reason: 'failed',
      text: `❌ ${environment}: the deployment failed validation (${summary}).${link}`
    }
  if (report.status === 'error')
    return {
      reason: 'failed',
      text: `⚠️ ${environment}: the deployment could not be validated (${summary}).${link}`
    }
  if (previousFailed)
    return {
      reason: 'recovered',
      text: `✅ ${environment}: recovered, the validation passes again (${summary}).${link}`
    }
  return undefined
}

function runLink(runUrl: string | null): string {
  return runUrl && /^https?:\/\/[^\s|<>]+$/.test(runUrl) ? ` <${runUrl}|Open the run>` : ''
}

/** Slack reads `<…>` as links and mentions, and `&` as an entity: outside text is only text. */
function slackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
