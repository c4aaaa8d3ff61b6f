// A report as a terminal shows it: the verdict first, then what to fix, then a line per check in
// run order. Styles are applied by the caller's `paint`, so the same text serves a colour terminal,
// a pipe and a log file. Every text from the report is made one line with no control characters:
// a server's answer must not move the cursor or recolour the terminal.
import type { CheckResult, CheckStatus, RunStatus } from '../model/check.js'
import type { Report, ReportError } from '../model/report.js'
import { clip, count, formatMs, oneLine } from '../model/wording.js'

export type Style = 'good' | 'warn' | 'bad' | 'strong' | 'dim'
export type Paint = (text: string, style: Style) => string

export const plain: Paint = text => text

const VERDICT_STYLE: Record<RunStatus, Style> = {
  passed: 'good',
  warning: 'warn',
  failed: 'bad',
  error: 'bad'
}
const CHECK_STYLE: Record<CheckStatus, Style> = {
  passed: 'good',
  flaky: 'warn',
  warning: 'warn',
  skipped: 'warn',
  failed: 'bad',
  error: 'bad'
}
/** The widest status word, so that the ids line up. */
const STATUS_WIDTH = 'skipped'.length
/** Ids longer than this do not push every other line to the right. */
const MAX_ID_WIDTH = 32
const MAX_MESSAGE = 300
const MAX_OUTPUT_LINES = 20

export interface TextOptions {
  paint?: Paint
  /** Where the JSON report was written, for the last line. */
  reportPath?: string
}

export function renderText(report: Report, { paint = plain, reportPath }: TextOptions = {}): string {
  const lines = [
    `${paint(report.status.toUpperCase(), VERDICT_STYLE[report.status])}  ${safe(report.environment)}  ${paint(report.deployment_id, 'dim')}`,
    paint(safe(report.summary), 'strong')
  ]
  if (report.environments?.length) {
    lines.push('', 'Environments:')
    for (const each of report.environments) {
      lines.push(
        `  ${paint(each.status.padEnd(STATUS_WIDTH), VERDICT_STYLE[each.status])}  ${safe(each.environment)}  ${safe(each.summary)}`
      )
    }
  }
  if (report.errors.length) lines.push('', 'Problems to fix:', ...report.errors.map(problemLine))
  if (report.checks.length) {
    const width = Math.min(MAX_ID_WIDTH, Math.max(...report.checks.map(check => check.id.length)))
    lines.push('', 'Checks:', ...report.checks.map(check => checkLine(check, width, paint)))
  }
  lines.push(...failedStepOutput(report, paint))
  if (reportPath) lines.push('', paint(`Report: ${reportPath}`, 'dim'))
  return `${lines.join('\n')}\n`
}

function checkLine(check: CheckResult, width: number, paint: Paint): string {
  const status = paint(check.status.padEnd(STATUS_WIDTH), CHECK_STYLE[check.status])
  const critical = check.critical ? ' (critical)' : ''
  const attempts = check.attempts > 1 ? `, ${count(check.attempts, 'attempt')}` : ''
  const figures = paint(`${formatMs(check.duration_ms)}${attempts}`, 'dim')
  // A passing check's message only repeats that it passed, and its criticality is no news.
  const message = check.status === 'passed' ? '' : `  ${safe(check.message)}${critical}`
  return `  ${status}  ${safe(check.id).padEnd(width)}  ${figures}${message}`
}

function problemLine(error: ReportError): string {
  const where = [error.file, error.line, error.column].filter(part => part !== undefined).join(':')
  return where ? `  ${safe(where)}: ${safe(error.message)}` : `  ${safe(error.message)}`
}

/** The last lines of the step that stopped the deploy: usually all a reader needs to see why. */
function failedStepOutput(report: Report, paint: Paint): string[] {
  const deploy = report.deploy
  const step = deploy?.failed_step ? deploy.steps[deploy.failed_step] : undefined
  if (!step?.output_tail.length) return []
  const tail = step.output_tail.slice(-MAX_OUTPUT_LINES)
  return ['', `Last lines of ${safe(step.name)}:`, ...tail.map(line => paint(`  | ${safe(line)}`, 'dim'))]
}

/** One line, shortened, with every control character shown as `?`. */
function safe(text: string): string {
  return withoutControls(clip(oneLine(text), MAX_MESSAGE))
}

/** Control characters (but newlines and tabs) and bidirectional overrides shown as `?`. */
export function withoutControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what is replaced
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?')
}
