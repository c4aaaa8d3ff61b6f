// The job summary: GitHub-flavoured markdown, verdict first, problems before passes. GitHub drops a
// step summary over 1 MiB entirely, so the summary fits a byte budget by leaving out table rows
// from the end (passes go first) and saying how many the JSON report still holds.
import type { CheckResult, CheckStatus, RunStatus } from '../model/check.js'
import type { Report, ReportError } from '../model/report.js'
import { clip, count, formatMs, oneLine } from '../model/wording.js'

/** 1 MiB, less room for anything else the step appends to its summary. */
export const MAX_SUMMARY_BYTES = 1024 * 1024 - 64 * 1024

export interface SummaryOptions {
  maxBytes?: number
  /** Where the JSON report was written, for the footer. */
  reportPath?: string
  /** The uploaded report artifact, when there is one: the footer links it. */
  artifactUrl?: string
}

const VERDICT_ICON: Record<RunStatus, string> = { passed: '✅', warning: '⚠️', failed: '❌', error: '🛑' }
const CHECK_ICON: Record<CheckStatus, string> = {
  error: '🛑',
  failed: '❌',
  warning: '⚠️',
  flaky: '🔁',
  skipped: '⏭️',
  passed: '✅'
}
/** Table order: what needs a reader's attention first. */
const ORDER: readonly CheckStatus[] = ['error', 'failed', 'warning', 'flaky', 'skipped', 'passed']
const TABLE_HEAD = ['| Check | Status | Time | Attempts | Reason |', '| --- | --- | --- | --- | --- |']
/** Characters per reason cell and per problem; the JSON report keeps the whole text. */
const MAX_CELL = 300
const MAX_PROBLEM = 1000

export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? MAX_SUMMARY_BYTES
  const head = [
    `## ${VERDICT_ICON[report.status]} ${report.status} · ${escape(report.environment)} · ${code(report.deployment_id)}`,
    '',
    escape(report.summary),
    '',
    ...environmentsTable(report)
  ]
  const foot = ['---', footer(report, options)]
  let budget = maxBytes - byteSize(head) - byteSize(foot)

  // The configuration's problems say what to fix before anything else can run: they get the budget first.
  const problems = fit(
    ['### Problems to fix', ''],
    report.errors.map(problemLine),
    kept => `${count(report.errors.length - kept, 'more problem')} not shown: see the JSON report.`,
    budget
  )
  budget -= byteSize(problems)

  // Steps read best in the order they ran; checks that run side by side read best failures first.
  const deploy = report.checks.filter(check => check.category === 'deploy')
  const smoke = report.checks.filter(check => check.category === 'smoke')
  const others = ORDER.flatMap(status =>
    report.checks.filter(check => check.status === status && !isStep(check))
  )
  const sections: string[][] = []
  for (const [title, checks] of [
    ['Deploy', deploy],
    ['Checks', others],
    ['Smoke tests', smoke]
  ] as const) {
    const table = fit(
      [`### ${title}`, '', ...TABLE_HEAD],
      checks.map(row),
      kept => omittedChecks(checks.slice(kept)),
      budget
    )
    budget -= byteSize(table)
    sections.push(table)
    if (title === 'Deploy') {
      const output = failedStepOutput(report, budget)
      budget -= byteSize(output)
      sections.push(output)
    }
  }

  return clipBytes([...head, ...problems, ...sections.flat(), ...foot].join('\n') + '\n', maxBytes)
}

function isStep(check: CheckResult): boolean {
  return check.category === 'deploy' || check.category === 'smoke'
}

/** The last lines of the step that stopped the deploy: usually all a reader needs to see why. */
function failedStepOutput(report: Report, budget: number): string[] {
  const id = report.deploy?.failed_step
  const step = id ? report.deploy?.steps[id] : undefined
  if (!step?.output_tail.length) return []
  const fence = '`'.repeat(
    Math.max(3, ...(step.output_tail.join('\n').match(/`+/g) ?? []).map(r => r.length + 1))
  )
  const block = [
    `<details><summary>Last lines of ${escape(step.name)}</summary>`,
    '',
    `${fence}text`,
    ...step.output_tail,
    fence,
    '',
    '</details>',
    ''
  ]
  return byteSize(block) <= budget ? block : []
}

/**
 * The intro and as many items as fit in `budget` bytes; when some do not fit, a note (given how many
 * items were kept) replaces them. A blank line ends the section, which also ends a markdown table.
 */
function fit(intro: string[], items: string[], note: (kept: number) => string, budget: number): string[] {
  if (!items.length) return []
  const whole = [...intro, ...items, '']
  if (byteSize(whole) <= budget) return whole
  const sizes = items.map(item => Buffer.byteLength(item) + 1)
  let kept = 0
  let used = byteSize(intro)
  while (kept < items.length && used + (sizes[kept] ?? 0) <= budget) used += sizes[kept++] ?? 0
  // The note needs room too; an intro without items is not worth its bytes.
  const total = () => (kept ? used + 1 : 0) + Buffer.byteLength(note(kept)) + 2
  while (kept > 0 && total() > budget) used -= sizes[--kept] ?? 0
  return [...(kept ? [...intro, ...items.slice(0, kept), ''] : []), note(kept), '']
}

function omittedChecks(omitted: CheckResult[]): string {
  const byStatus = ORDER.map(status => ({
    status,
    n: omitted.filter(check => check.status === status).length
  }))
  const breakdown = byStatus.filter(({ n }) => n > 0).map(({ status, n }) => `${n} ${status}`)
  return `${count(omitted.length, 'more check')} not shown (${breakdown.join(', ')}): see the JSON report.`
}

function row(check: CheckResult): string {
  return tableRow([
    code(check.id),
    statusText(check),
    formatMs(check.duration_ms),
    String(check.attempts),
    escape(clip(oneLine(check.message), MAX_CELL))
  ])
}

function tableRow(cells: readonly string[]): string {
  // A pipe ends a cell even inside a code span; GitHub turns `\|` back into `|` there too.
  return `| ${cells.map(cell => cell.replaceAll('|', '\\|')).join(' | ')} |`
}

function statusText(check: CheckResult): string {
  const icon = CHECK_ICON[check.status]
  if (check.status === 'flaky') return `${icon} passed after ${count(check.attempts, 'attempt')} (flaky)`
  // Criticality is worth a reader's attention only where the check did not pass.
  const critical = check.critical && check.status !== 'passed' ? ' (critical)' : ''
  return `${icon} ${check.status}${critical}`
}

function problemLine(error: ReportError): string {
  const where = [error.file, error.line, error.column].filter(part => part !== undefined).join(':')
  const message = escape(clip(oneLine(error.message), MAX_PROBLEM))
  return where ? `- ${code(where)} ${message}` : `- ${message}`
}

/** Merge mode: a row per environment, before the checks of all of them. */
function environmentsTable(report: Report): string[] {
  if (!report.environments?.length) return []
  return [
    '| Environment | Status | Summary |',
    '| --- | --- | --- |',
    ...report.environments.map(each =>
      tableRow([
        escape(each.environment),
        `${VERDICT_ICON[each.status]} ${each.status}`,
        escape(clip(oneLine(each.summary), MAX_CELL))
      ])
    ),
    ''
  ]
}

function footer(report: Report, { reportPath, artifactUrl }: SummaryOptions): string {
  const where = reportPath ? `Full report: ${code(reportPath)}` : 'Full report: the JSON report of this run'
  const artifact = artifactUrl ? ` ([download the report artifact](${artifactUrl}))` : ''
  return `${where}${artifact} · started ${report.timestamp} · report version ${report.report_version}`
}

/**
 * Text that reads as itself: no markdown emphasis, links, images or HTML from a server's answer.
 * Pipes only matter in tables, where `row` escapes them.
 */
function escape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]~]/g, '\\$&')
}

/** A code span whose fence is longer than any run of backticks inside it. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = longest ? ' ' : ''
  return `${fence}${pad}${oneLine(text)}${pad}${fence}`
}

function byteSize(lines: string[]): number {
  return lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0)
}

/** The last resort for a budget smaller than the verdict itself: cut at a character boundary. */
function clipBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text)
  if (bytes.length <= maxBytes) return text
  let end = Math.max(0, maxBytes)
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--
  return bytes.subarray(0, end).toString()
}
