// The job summary: GitHub-flavoured markdown a reader takes in at a glance. The verdict and a count
// of each status come first, then what needs attention (critical failures first) with reasons, the
// latency in words; passing checks and the statistics are folded away. GitHub drops a step summary
// over 1 MiB entirely, so every section fits a byte budget, the most important first, and a note
// under the verdict says what was left out.
import {
  isUnchanged,
  latencyInWords,
  medianNow,
  runnerPaceInWords,
  STATISTICS_HEAD,
  statisticsCells
} from './latency-words.js'
import { byteSize, clipBytes, code, escape, fit, tableRow, unbroken } from './markdown-text.js'
import type { CheckResult, CheckStatus, RunStatus } from '../model/check.js'
import type { LatencyFinding, Report, ReportError } from '../model/report.js'
import { rollbackLine, type RollbackDispatch } from './rollback-notice.js'
import { rollbackSummary } from './rollback-text.js'
import { linked, sourceUrl, type SourceLinks } from './source-link.js'
import { clip, count, formatMs, oneLine } from '../model/wording.js'

/** 1 MiB, less room for anything else the step appends to its summary. */
export const MAX_SUMMARY_BYTES = 1024 * 1024 - 64 * 1024

export interface SummaryOptions {
  maxBytes?: number
  /** Where the JSON report was written, for the footer. */
  reportPath?: string
  /** The uploaded report artifact, when there is one: the footer links it. */
  artifactUrl?: string
  /**
   * Check ids link to their line of YAML at the commit when this is given and the report knows the
   * repository and commit.
   */
  sourceLinks?: Pick<SourceLinks, 'serverUrl' | 'fromRoot'>
  /** What became of the rollback dispatch; nothing is said of it when absent. A sent one is in the report. */
  rollback?: RollbackDispatch
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
/** What needs a reader's attention first; within a status, critical checks come first. */
const ORDER: readonly CheckStatus[] = ['error', 'failed', 'warning', 'flaky', 'skipped', 'passed']
/** Characters per reason cell and per problem; the JSON report keeps the whole text. */
const MAX_CELL = 300
const MAX_PROBLEM = 1000
/** Kept free for the note that says the summary was shortened. */
const NOTE_ROOM = 400

/** A part of the summary that fits what is left of the budget, in the order of importance. */
interface Section {
  /** Names `n` left-out items for the notes: "3 passed checks". */
  what: (n: number) => string
  intro: string[]
  items: string[]
  outro?: string[]
}

export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? MAX_SUMMARY_BYTES
  const link = linkerOf(report, options.sourceLinks)
  const head = [
    `## ${VERDICT_ICON[report.status]} ${report.status} · ${escape(report.environment)} · ${code(report.deployment_id)}`,
    '',
    escape(report.summary),
    '',
    ...countsRow(report),
    ...(report.rollback ? [...rollbackSummary(report.rollback, report.status), ''] : []),
    ...(options.rollback && !options.rollback.sent ? [rollbackLine(options.rollback), ''] : []),
    ...environmentsTable(report)
  ]
  const foot = ['---', footer(report, options)]
  let budget = maxBytes - byteSize(head) - byteSize(foot) - NOTE_ROOM

  const body: string[] = []
  const leftOut: string[] = []
  for (const section of sections(report, link)) {
    const { lines, kept } = fit(
      { ...section, note: omitted => `${section.what(omitted)} not shown here: see the JSON report.` },
      budget
    )
    body.push(...lines)
    budget -= byteSize(lines)
    const omitted = section.items.length - kept
    if (omitted) leftOut.push(section.what(omitted))
  }
  const note = leftOut.length
    ? [
        `> ✂️ **Shortened** to fit ${kib(maxBytes)}: ${leftOut.join(', ')} left out; the JSON report has everything.`,
        ''
      ]
    : []
  return clipBytes([...head, ...note, ...body, ...foot].join('\n') + '\n', maxBytes)
}

/** Turns a check id or a problem's place into a link to its YAML line, where one can be made. */
type Linker = (text: string, file: string | undefined, line: number | undefined) => string

function linkerOf(report: Report, given: SummaryOptions['sourceLinks']): Linker {
  const { repository, sha } = report.git
  if (!given || !repository || !sha) return text => text
  const links = { ...given, repository, sha }
  return (text, file, line) => linked(text, file ? sourceUrl(links, file, line) : undefined)
}

/** The sections in order of importance: what the budget cannot hold is left out from the end. */
function sections(report: Report, link: Linker): Section[] {
  const latency = Object.entries(report.baseline?.latency ?? {})
  const findings = new Map(latency.map(([service, finding]) => [`baseline.latency.${service}`, finding]))
  const reason = (check: CheckResult) => {
    const finding = findings.get(check.id)
    return escape(clip(oneLine(finding ? latencyInWords(finding) : check.message), MAX_CELL))
  }
  const needing = report.checks.filter(check => check.status !== 'passed')
  const attention = needing.filter(check => check.category !== 'security').sort(byAttention)
  // Security checks are grouped by target: a reader fixes one server's findings together.
  const security = needing
    .filter(check => check.category === 'security')
    .sort((a, b) => securityTarget(a).localeCompare(securityTarget(b)) || byAttention(a, b))
  const passed = report.checks.filter(check => check.status === 'passed')
  return [
    {
      what: n => count(n, 'problem'),
      intro: ['### Problems to fix', ''],
      items: report.errors.map(error => problemLine(error, link)),
      outro: ['']
    },
    {
      what: n => `${count(n, 'check')} needing attention`,
      intro: [
        '### Needs attention',
        '',
        '| Check | Status | Time | Attempts | Reason |',
        '| --- | --- | --- | --- | --- |'
      ],
      items: attention.map(check =>
        tableRow([
          checkCell(check, link),
          statusText(check),
          unbroken(formatMs(check.duration_ms)),
          String(check.attempts),
          reason(check)
        ])
      ),
      outro: ['']
    },
    {
      what: n => `${count(n, 'security check')} needing attention`,
      intro: [
        `### 🔒 Security${report.security ? ` · level ${report.security.level}` : ''}`,
        '',
        '| Target | Check | Status | Reason |',
        '| --- | --- | --- | --- |'
      ],
      items: security.map(check =>
        tableRow([code(securityTarget(check)), checkCell(check, link), statusText(check), reason(check)])
      ),
      outro: ['']
    },
    {
      what: () => "the failed deploy step's output",
      intro: [],
      // One item: the block is shown whole or not at all.
      items: failedStepOutput(report)
    },
    {
      what: n => count(n, 'latency line'),
      intro: ['### Latency', ''],
      items: latencyLines(latency),
      outro: ['']
    },
    {
      what: n => count(n, 'passed check'),
      intro: [
        `<details><summary>✅ ${count(passed.length, 'check')} passed</summary>`,
        '',
        '| Check | Time | Result |',
        '| --- | --- | --- |'
      ],
      items: passed.map(check =>
        tableRow([checkCell(check, link), unbroken(formatMs(check.duration_ms)), reason(check)])
      ),
      outro: ['', '</details>', '']
    },
    {
      what: n => count(n, 'latency statistics row'),
      intro: ['<details><summary>Latency statistics</summary>', '', ...STATISTICS_HEAD],
      items: latency.map(([service, finding]) => tableRow([code(service), ...statisticsCells(finding)])),
      outro: ['', '</details>', '']
    }
  ]
}

/** A security check is named `<target> <rule>` (a target's name has no spaces). */
function securityTarget(check: CheckResult): string {
  return check.name.split(' ')[0] ?? check.name
}

/** Critical failures first, then by status; otherwise in the order the checks ran. */
function byAttention(a: CheckResult, b: CheckResult): number {
  return attentionRank(a) - attentionRank(b)
}

function attentionRank(check: CheckResult): number {
  const failing = check.status === 'failed' || check.status === 'error'
  return (failing && check.critical ? 0 : ORDER.length) + ORDER.indexOf(check.status)
}

/** `**25 checks** · ❌ 1 failed · ✅ 24 passed` (the summary line above says how long it took). */
function countsRow(report: Report): string[] {
  if (!report.checks.length) return []
  const counts = ORDER.flatMap(status => {
    const n = report.checks.filter(check => check.status === status).length
    return n ? [`${CHECK_ICON[status]} ${n} ${status}`] : []
  })
  return [[`**${count(report.checks.length, 'check')}**`, ...counts].join(' · '), '']
}

function checkCell(check: CheckResult, link: Linker): string {
  return link(code(check.id), check.file, check.line)
}

/** A line per service whose latency moved or broke a bound; one line names all the unchanged ones. */
function latencyLines(latency: ReadonlyArray<[string, LatencyFinding]>): string[] {
  const unchanged = latency.filter(([, finding]) => isUnchanged(finding))
  const others = latency.filter(([, finding]) => !isUnchanged(finding))
  const lines = others.map(
    ([service, finding]) =>
      `- ${CHECK_ICON[finding.status]} ${code(service)}: ${escape(clip(oneLine(latencyInWords(finding)), MAX_CELL))}`
  )
  if (unchanged.length)
    lines.push(
      `- ✅ Unchanged from the baseline: ${unchanged.map(([service, finding]) => `${code(service)} ${medianNow(finding)}`).join(', ')}`
    )
  const runner = runnerPaceInWords(latency.map(([, finding]) => finding))
  if (runner) lines.push(`- 🏃 Runner: ${escape(runner)}`)
  return lines
}

/** The last lines of the step that stopped the deploy, as one block: usually all a reader needs. */
function failedStepOutput(report: Report): string[] {
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
  return [block.join('\n')]
}

function statusText(check: CheckResult): string {
  const icon = CHECK_ICON[check.status]
  if (check.status === 'flaky') return `${icon} passed after ${count(check.attempts, 'attempt')} (flaky)`
  // Criticality is worth a reader's attention only where the check did not pass.
  const critical = check.critical ? ' (critical)' : ''
  return `${icon} ${check.status}${critical}`
}

function problemLine(error: ReportError, link: Linker): string {
  const where = [error.file, error.line, error.column].filter(part => part !== undefined).join(':')
  const message = escape(clip(oneLine(error.message), MAX_PROBLEM))
  return where ? `- ${link(code(where), error.file, error.line)} ${message}` : `- ${message}`
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

function kib(bytes: number): string {
  return `${Math.floor(bytes / 1024)} KiB`
}
