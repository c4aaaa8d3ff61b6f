// The action: typed inputs -> engine -> report, publishers (job summary, artifact, check run, comment,
// deployment status, dispatch) -> outputs and exit status.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { holdUntilNextTurn } from './batched-output.js'
import { exitOnCancellation } from './cancellation.js'
import { DEFAULT_REPORT_PATH } from './config/defaults.js'
import type { EnvironmentConfig } from './config/model.js'
import { readEvent, redactingLogger, ValidationRun } from './engine.js'
import { readInputs, type Inputs } from './inputs.js'
import { shouldFailJob } from './judge/verdict.js'
import type { Logger } from './log.js'
import { actionOutputs, type OutputFacts } from './outputs.js'
import { annotationsOf, type Annotation } from './report/annotations.js'
import { renderSummary } from './report/markdown.js'
import { rollbackFailure } from './report/rollback-text.js'
import { recordDispatch } from './report/rollback-notice.js'
import type { Report } from './model/report.js'
import { Secrets } from './secrets/redact.js'
import { writeReport } from './report/write.js'
import * as runner from './runner.js'
import { REPORT_ARTIFACT_PREFIX } from './publish/artifacts.js'
import { Publisher, type RunOutcome } from './publish/publisher.js'
import { collectRunReports } from './publish/run-reports.js'
import { deploymentId, gitInfo } from './model/run-identity.js'
import { errorMessage } from './model/errors.js'
import { mergeReports } from './report/merge.js'
import { schemaChecked } from './report/schema-check.js'
import { setV8Flags } from './v8-flags.js'

/** GitHub shows at most 10 annotations of a type per step; more would only be dropped silently. */
const MAX_ANNOTATIONS = 10

/** Each message is a write to stdout; held, the lines of one turn go out in one write. */
const actionLogger: Logger = {
  info: message => held(() => runner.info(message)),
  warning: message => held(() => runner.annotate('warning', message)),
  error: message => held(() => runner.annotate('error', message)),
  debug: message => held(() => runner.debug(message)),
  group: (name, fn) => held(() => runner.group(name, fn)),
  mask: value => runner.mask(value)
}

function held<T>(write: () => T): T {
  holdUntilNextTurn(process.stdout)
  return write()
}

export async function run(): Promise<void> {
  setV8Flags()
  const env = process.env
  const event = await readEvent(env)
  const { inputs, problems: inputProblems } = readInputs(runner.getInput)
  const git = gitInfo(env, event)
  // One set of secrets for every channel: the engine adds those it finds, the publisher's warnings
  // and everything this file writes are redacted with them.
  const secrets = new Secrets(inputs.githubToken ? [inputs.githubToken] : [])
  const logger = redactingLogger(actionLogger, secrets)
  const publisher = await Publisher.connect({
    inputs,
    env,
    git,
    defaultBranch: (event as { repository?: { default_branch?: string } } | undefined)?.repository
      ?.default_branch,
    logger,
    redactor: secrets
  })
  if (inputs.mode === 'merge') return merge(publisher, inputs, secrets)
  const validation = new ValidationRun({
    inputs,
    inputProblems,
    git,
    env,
    workspace: workspaceOf(),
    logger: actionLogger,
    secrets,
    onConfigured: config => publisher.start(config.environment),
    fetchBaselineArtifact: environment =>
      publisher.fetchBaseline(environment, join(env.RUNNER_TEMP ?? tmpdir(), 'deploy-verify-baseline')),
    findLastGoodRelease: environment => publisher.lastGoodRelease(environment),
    // A folder of its own: nothing left by an earlier step is taken for the failed run's report.
    findFailedRun: async environment =>
      publisher.failedRun(
        event,
        environment,
        await mkdtemp(join(env.RUNNER_TEMP ?? tmpdir(), 'deploy-verify-failed-run-'))
      )
  })
  // A cancelled job still leaves its report, outputs and job summary; nothing is published on
  // GitHub then, which would not fit in the time the runner gives before it kills the process.
  const stopHandling = exitOnCancellation(validation, async cancelled => {
    const { report, written } = await validation.saveReport(cancelled)
    const reportPath = written ? validation.reportPath : ''
    setOutputs(report, { reportPath })
    await writeJobSummary(
      renderSummary(report, written ? { reportPath: relative(workspaceOf(), reportPath) } : {})
    ).catch((error: unknown) => logger.warning(`Could not write the job summary: ${errorMessage(error)}`))
    runner.fail(report.summary)
  })

  try {
    const finished = await validation.execute()
    if (validation.cancelled) return
    const config = validation.configuration
    // Sent before the report is written, so that the report records it.
    const rollbackDispatch = await publisher.dispatchRollback(finished, {
      eventType: config?.rollback.dispatch,
      fromPullRequests: config?.rollback.dispatchFromPullRequests
    })
    const { report, written } = await validation.saveReport(
      secrets.deep(recordDispatch(finished, rollbackDispatch))
    )
    await conclude(publisher, report, secrets, {
      reportPath: validation.reportPath,
      reportWritten: written,
      workingDirectory: validation.workingDirectory,
      failOn: validation.inputs.failOn,
      baselinePath: validation.baselinePath,
      rollbackDispatch,
      notify: config?.notify,
      // The rollback that ran in this job, for the notification.
      ...(report.rollback?.state === 'succeeded' || report.rollback?.state === 'failed'
        ? { rollbackOutcome: report.rollback.state }
        : {}),
      environmentUrl: environmentUrl(config),
      retentionDays: config?.report.retentionDays
    })
  } finally {
    stopHandling()
  }
}

/** Merge mode: the reports this workflow run's jobs uploaded, as one report, summary and check run. */
async function merge(publisher: Publisher, inputs: Inputs, secrets: Secrets): Promise<void> {
  const logger = redactingLogger(actionLogger, secrets)
  const startedAt = new Date()
  const workingDirectory = resolve(workspaceOf(), inputs.workingDirectory)
  const into = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), 'deploy-verify-merge-'))
  // A listing or download that fails (warned about) leaves nothing to merge, which the merged report says.
  const collected = await collectRunReports(REPORT_ARTIFACT_PREFIX, into, logger)
  const reports = collected.ok ? collected.value : []
  const { report, problem } = schemaChecked(
    secrets.deep(
      mergeReports(reports, {
        deploymentId: deploymentId(startedAt),
        startedAt,
        durationMs: Date.now() - startedAt.getTime()
      })
    )
  )
  if (problem) logger.error(problem)
  const reportPath = resolve(workingDirectory, DEFAULT_REPORT_PATH)
  await writeReport(reportPath, report)
  await conclude(publisher, report, secrets, {
    reportPath,
    reportWritten: true,
    workingDirectory,
    failOn: inputs.failOn
  })
}

interface Conclusion extends Omit<
  RunOutcome,
  'report' | 'reportShown' | 'annotations' | 'fromRoot' | 'writeSummary'
> {
  reportPath: string
  /** The report-path output is empty when the report could not be written. */
  reportWritten: boolean
  workingDirectory: string
  failOn: Inputs['failOn']
}

/** Publishes, annotates, sets every output and the exit status, all redacted: the end of every run. */
async function conclude(
  publisher: Publisher,
  report: Report,
  secrets: Secrets,
  conclusion: Conclusion
): Promise<void> {
  const { reportPath, reportWritten, workingDirectory, failOn, ...outcome } = conclusion
  const logger = redactingLogger(actionLogger, secrets)
  const fromRoot = fromWorkspace(workingDirectory)
  // The report is redacted where it was assembled; what this adds to it is redacted here, once.
  const annotations = secrets.deep(annotationsOf(report, fromRoot))
  const published = await publisher
    .finish({
      ...outcome,
      report,
      // Readers of the summary are on GitHub, not on the runner: name the report from the workspace.
      reportShown: relative(workspaceOf(), reportPath),
      annotations,
      fromRoot,
      writeSummary: writeJobSummary
    })
    // Publishing never costs the verdict, the annotations or the outputs.
    .catch((error: unknown) => {
      logger.warning(`Publishing failed: ${errorMessage(error)}`)
      return {}
    })
  annotate(annotations)
  setOutputs(report, {
    reportPath: reportWritten ? reportPath : '',
    baselinePath: outcome.baselinePath,
    ...published
  })
  // A failed rollback is worse news than the verdict: the job says so first, and what to do by hand.
  if (report.rollback?.state === 'failed') runner.fail(rollbackFailure(report.rollback))
  else if (shouldFailJob(report.status, failOn)) runner.fail(report.summary)
  else if (report.status !== 'passed') logger.warning(report.summary)
  else logger.info(report.summary)
}

/** The inputs publishing needs before the run; invalid ones are the engine's to report. */
async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    runner.info('No job summary outside GitHub Actions (GITHUB_STEP_SUMMARY is not set).')
    return
  }
  await runner.appendSummary(markdown)
}

/** Where the environment answers, for the deployment status: its first HTTP service's origin. */
function environmentUrl(config: EnvironmentConfig | undefined): string | undefined {
  const probe = config?.services.find(service => service.probe.kind === 'http')?.probe
  if (probe?.kind !== 'http') return undefined
  try {
    return new URL(probe.url).origin
  } catch {
    return undefined
  }
}

/** Points the workflow run's annotations at the YAML lines behind errors and failed checks. */
function annotate(annotations: readonly Annotation[]): void {
  const shown = annotations.filter(a => a.level === 'failure')
  for (const a of shown.slice(0, MAX_ANNOTATIONS)) {
    runner.annotate('error', a.title === 'configuration' ? a.message : `${a.title}: ${a.message}`, {
      file: a.path,
      line: a.line,
      column: a.column
    })
  }
  if (shown.length > MAX_ANNOTATIONS) {
    runner.annotate(
      'notice',
      `${shown.length - MAX_ANNOTATIONS} more problems are not annotated: see the job summary.`
    )
  }
}

/** Report files are relative to the working directory; GitHub attaches annotations to paths from the workspace. */
function fromWorkspace(workingDirectory: string): (file: string) => string {
  return file => relative(workspaceOf(), resolve(workingDirectory, file)).split(sep).join('/')
}

function workspaceOf(): string {
  return process.env.GITHUB_WORKSPACE ?? process.cwd()
}

function setOutputs(report: Report, facts: OutputFacts): void {
  for (const [name, value] of Object.entries(actionOutputs(report, facts))) runner.setOutput(name, value)
}
