// The run in one line: the `summary` output, the report's `summary` field, the job's failure message.
import type { CheckResult, CheckStatus } from '../model/check.js'
import type { Report } from '../model/report.js'
import { clip, count, formatMs, oneLine } from '../model/wording.js'

export type SummaryInput = Pick<Report, 'status' | 'checks' | 'errors' | 'duration_seconds'>

/** The problems worth naming, worst first, with the words that follow their count. */
const PROBLEMS: ReadonlyArray<[CheckStatus, string]> = [
  ['failed', 'failed'],
  ['error', 'could not be evaluated'],
  ['warning', 'warned'],
  ['skipped', 'skipped']
]
/** Ids named per kind of problem; the rest are counted. */
const MAX_IDS = 5
const MAX_MESSAGE = 200

export function summaryLine(report: SummaryInput): string {
  const { status, checks } = report
  if (status === 'error') return `error: ${whyItCouldNotRun(report.errors)}`
  if (!checks.length) return `${status}: no checks ran`
  const parts = status === 'passed' ? [`${count(checks.length, 'check')} passed`] : problems(checks)
  const flaky = checks.filter(check => check.status === 'flaky').length
  if (flaky) parts.push(`${flaky} flaky`)
  parts.push(`in ${formatMs(Math.round(report.duration_seconds * 1000))}`)
  return `${status}: ${parts.join(', ')}`
}

/** `2 of 7 checks failed (services.api, services.cache)`, then `1 warned (services.queue)`... */
function problems(checks: readonly CheckResult[]): string[] {
  const parts: string[] = []
  for (const [status, words] of PROBLEMS) {
    const ids = checks.filter(check => check.status === status).map(check => check.id)
    if (!ids.length) continue
    const subject = parts.length ? `${ids.length}` : `${ids.length} of ${count(checks.length, 'check')}`
    parts.push(`${subject} ${words} (${named(ids)})`)
  }
  return parts
}

function named(ids: string[]): string {
  const shown = ids.slice(0, MAX_IDS).join(', ')
  return ids.length > MAX_IDS ? `${shown} and ${ids.length - MAX_IDS} more` : shown
}

/** Problems with a location are the configuration's; any other says what stopped the run. */
function whyItCouldNotRun(errors: SummaryInput['errors']): string {
  const located = errors.filter(error => error.file).length
  const other = errors.find(error => !error.file)
  const otherText = other && clip(oneLine(other.message), MAX_MESSAGE)
  if (!located) return otherText ?? 'the validation could not run'
  const configuration = `the configuration has ${count(located, 'problem')}`
  return otherText ? `${configuration}; ${otherText}` : configuration
}
