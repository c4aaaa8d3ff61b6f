// The action: typed inputs -> engine -> report, job summary, outputs and exit status.
import { relative, resolve, sep } from 'node:path'
import * as core from '@actions/core'
import { ValidationRun } from './engine.js'
import { shouldFailJob } from './judge/verdict.js'
import type { Logger } from './log.js'
import { actionOutputs, type OutputFacts } from './outputs.js'
import { renderSummary } from './report/markdown.js'
import type { Report } from './report/model.js'
import { writeReport, writeReportSync } from './report/write.js'

/** GitHub shows at most 10 annotations of a type per step; more would only be dropped silently. */
const MAX_ANNOTATIONS = 10

const actionLogger: Logger = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  error: message => core.error(message),
  debug: message => core.debug(message),
  group: (name, fn) => core.group(name, fn),
  mask: value => core.setSecret(value)
}

export async function run(): Promise<void> {
  const validation = new ValidationRun({
    getInput: name => core.getInput(name),
    env: process.env,
    workspace: workspaceOf(),
    logger: actionLogger
  })
  // A cancelled job still leaves its report and outputs: the runner sends SIGINT, then SIGTERM.
  const onSignal = (signal: NodeJS.Signals) => {
    const report = validation.snapshot(`the run was cancelled (${signal}) before it finished`)
    writeReportSync(validation.reportPath, report, validation.reportFormats)
    setOutputs(report, { reportPath: validation.reportPath })
    core.setFailed(report.summary)
    process.exit(1)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    const report = await validation.execute()
    await writeReport(validation.reportPath, report, validation.reportFormats).catch((error: Error) =>
      core.error(`Could not write the report to ${validation.reportPath}: ${error.message}`)
    )
    await writeJobSummary(report, validation.reportPath)
    annotate(report, validation.workingDirectory)
    setOutputs(report, { reportPath: validation.reportPath, baselinePath: validation.baselinePath })
    if (shouldFailJob(report.status, validation.inputs.failOn)) core.setFailed(report.summary)
    else if (report.status !== 'passed') core.warning(report.summary)
    else core.info(report.summary)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

async function writeJobSummary(report: Report, reportPath: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info('No job summary outside GitHub Actions (GITHUB_STEP_SUMMARY is not set).')
    return
  }
  // Readers of the summary are on GitHub, not on the runner: name the report from the workspace.
  const shown = relative(workspaceOf(), reportPath)
  await core.summary.addRaw(renderSummary(report, { reportPath: shown })).write()
}

/** Points the workflow run's annotations at the YAML lines behind errors and failed checks. */
function annotate(report: Report, workingDirectory: string): void {
  // The report names files from the working directory; GitHub attaches annotations to paths from
  // the repository root, which is the workspace.
  const fromRoot = (file: string) =>
    relative(workspaceOf(), resolve(workingDirectory, file)).split(sep).join('/')
  const located = [
    ...report.errors
      .filter(e => e.file && e.line)
      .map(e => ({ message: e.message, file: e.file!, line: e.line!, column: e.column })),
    ...report.checks
      .filter(c => c.status === 'failed' || c.status === 'error')
      .map(c => ({ message: `${c.id}: ${c.message}`, file: c.file, line: c.line, column: c.column }))
  ]
  for (const a of located.slice(0, MAX_ANNOTATIONS)) {
    core.error(a.message, { file: fromRoot(a.file), startLine: a.line, startColumn: a.column })
  }
  if (located.length > MAX_ANNOTATIONS) {
    core.notice(`${located.length - MAX_ANNOTATIONS} more problems are not annotated: see the job summary.`)
  }
}

function workspaceOf(): string {
  return process.env.GITHUB_WORKSPACE ?? process.cwd()
}

function setOutputs(report: Report, facts: OutputFacts): void {
  for (const [name, value] of Object.entries(actionOutputs(report, facts))) core.setOutput(name, value)
}
