// One validation run, from inputs to report. Shared by the action, the CLI and the tests; it knows
// nothing of GitHub's toolkit. It keeps every finished check as it goes, so `snapshot()` yields a
// complete, redacted report at any moment: after the run, after a crash, or when the job is cancelled.
import { readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import { DEFAULT_REPORT_PATH } from './config/defaults.js'
import { loadEnvironment } from './config/load.js'
import type { EnvironmentConfig, ReportFormat } from './config/model.js'
import { ConfigError } from './config/problems.js'
import { describeInputProblem, type InputProblem, type Inputs } from './inputs.js'
import { narrowToScope, type RunScope } from './config/scope.js'
import type { Logger } from './log.js'
import { decidedCheck, erroredCheck, skippedCheck } from './phases/check.js'
import { planChecks } from './phases/plan.js'
import { systemClock, type Clock, type PhaseContext } from './phases/context.js'
import { runDeploy } from './phases/deploy.js'
import { checkServices, skipServices } from './phases/services.js'
import { runComparison, writeBaseline, type BaselineFetcher } from './phases/baseline.js'
import { watchServices } from './phases/monitor-window.js'
import { runSmoke, skipSmoke } from './phases/smoke.js'
import { securityIdentities } from './phases/plan.js'
import { HttpPools } from './probes/http-pools.js'
import { assembleReport } from './report/assemble.js'
import { deploymentId } from './model/run-identity.js'
import type {
  BaselineSection,
  GitInfo,
  MonitorSection,
  Report,
  ReportError,
  SecuritySection
} from './model/report.js'
import { checkResult, isUnhealthy, isUsable, type CheckIdentity, type CheckOutcome } from './model/check.js'
import type { RunPlan } from './model/plan.js'
import { maskable, MIN_SECRET_DIGITS, MIN_SECRET_LENGTH, Secrets, type Redactor } from './secrets/redact.js'
import { schemaChecked } from './report/schema-check.js'
import { writeReport } from './report/write.js'
import { errorMessage } from './model/errors.js'
import { count } from './model/wording.js'
import { rollbackTrigger } from './judge/rollback.js'
import { runStatus } from './judge/verdict.js'
import {
  untriggered,
  type ReleaseFinder,
  type RollbackSection,
  type TargetRelease
} from './model/rollback.js'
import { failed, succeeded, type Result } from './model/result.js'
import { failedRunOfReport, type FailedRun } from './report/failed-run.js'
import { chooseTarget, runRollback } from './phases/rollback.js'
import { readSavedReport } from './report/read.js'

const MERGE_ONLY_IN_ACTIONS =
  'merge combines the reports that the jobs of a workflow run uploaded; it runs in the action, after those jobs'

export interface RunRequest {
  /** The inputs as read (see `readInputs`): invalid ones hold their defaults and have a problem. */
  inputs: Inputs
  inputProblems?: readonly InputProblem[]
  /** The commit and workflow run validated (see `gitInfo`). */
  git: GitInfo
  env: Record<string, string | undefined>
  /** Where relative paths start when the `working-directory` input is relative. */
  workspace: string
  logger: Logger
  clock?: Clock
  signal?: AbortSignal
  /** Fetches `baseline: artifact` to a file; only the action can. */
  fetchBaselineArtifact?: BaselineFetcher
  /** Called once the environment is read, before anything runs (the action starts its check run). */
  onConfigured?: (config: EnvironmentConfig) => Promise<void>
  /** The run's secrets, when the host redacts its own output with them too (the action does). */
  secrets?: Secrets
  /** Part of the environment only (the CLI's check and smoke); all of it when undefined. */
  scope?: RunScope
  /** Finds the last known-good release a rollback goes back to; only the action can. */
  findLastGoodRelease?: ReleaseFinder
  /**
   * Mode rollback without the failed-report input: the failed run the event names (the action reads
   * a workflow_run's report artifact or a repository_dispatch's payload); undefined when it names none.
   */
  findFailedRun?: (environment: string) => Promise<Result<FailedRun> | undefined>
}

export class ValidationRun {
  readonly deploymentId: string
  readonly startedAt: Date
  readonly inputs: Inputs
  private readonly request: RunRequest
  private readonly clock: Clock
  private readonly startedTick: number
  private readonly outcomes: CheckOutcome[] = []
  private plan: RunPlan
  private readonly errors: ReportError[] = []
  private config?: EnvironmentConfig
  private readonly secrets: Secrets
  /** Secret values too short to mask, already warned about. */
  private readonly unmaskable = new Set<string>()
  private readonly logger: Logger
  private readonly git: GitInfo
  private finished = false
  private baselineSection: BaselineSection | null = null
  private monitorSection: MonitorSection | null = null
  private securitySection: SecuritySection | null = null
  private rollbackSection: RollbackSection | null = null
  /** Checks running now, with when they started: a cancellation records them as cut off. */
  private readonly running = new Map<string, { identity: CheckIdentity; startedTick: number }>()
  /** Aborted by `cancel()`: every probe and command of the run stops. */
  private readonly stop = new AbortController()
  /** This run's HTTP connection pools, closed when it ends (never another run's). */
  private readonly httpPools = new HttpPools()
  /** Why the run was cancelled, once it was: nothing it records afterwards counts. */
  private cancelledBecause?: string
  private execution?: Promise<Report>
  private writtenBaseline?: string

  constructor(request: RunRequest) {
    this.request = request
    this.clock = request.clock ?? systemClock
    this.startedAt = new Date()
    this.startedTick = this.clock.now()
    this.deploymentId = deploymentId(this.startedAt)
    this.inputs = request.inputs
    this.git = request.git
    this.plan = {
      deploymentId: this.deploymentId,
      startedAt: this.startedAt,
      git: this.git,
      mode: this.inputs.mode,
      environment: this.inputs.environment ?? 'unknown',
      configFiles: [this.displayPath(this.inputs.config)],
      checks: []
    }
    this.secrets = request.secrets ?? new Secrets()
    this.logger = redactingLogger(request.logger, this.secrets)
  }

  get workingDirectory(): string {
    return resolve(this.request.workspace, this.inputs.workingDirectory)
  }

  /** The environment as read; undefined until then, or when it could not be read. */
  get configuration(): EnvironmentConfig | undefined {
    return this.config
  }

  /** Absolute path of the JSON report, known even when the config could not be read. */
  get reportPath(): string {
    return resolve(this.workingDirectory, this.config?.report.path ?? DEFAULT_REPORT_PATH)
  }

  /** Formats to write beside the JSON report. */
  get reportFormats(): readonly ReportFormat[] {
    return this.config?.report.formats ?? []
  }

  /** Absolute path of the baseline this run wrote (baseline mode); undefined when it wrote none. */
  get baselinePath(): string | undefined {
    return this.writtenBaseline
  }

  /** True once `cancel()` stopped the run before it finished: the canceller leaves the report. */
  get cancelled(): boolean {
    return this.cancelledBecause !== undefined
  }

  /** Runs the validation (once: a second call gets the same report). */
  execute(): Promise<Report> {
    this.execution ??= this.validate()
    return this.execution
  }

  /**
   * Stops the run because the job was cancelled (`cause`: "the run was cancelled (SIGTERM)"). The
   * checks running now are recorded as cut off, and nothing recorded afterwards counts: what the
   * run does while it winds down follows from the cancellation, not from the environment. Every
   * command it runs is stopped with what it started; resolves with the report once they are, or
   * after `withinMs` at the latest.
   */
  async cancel(cause: string, withinMs: number): Promise<Report> {
    // Once finished, the run has its verdict: a late signal changes nothing in it.
    if (this.cancelledBecause === undefined && !this.finished) {
      for (const { identity, startedTick } of this.running.values()) {
        this.outcomes.push({
          ...erroredCheck(identity, `not evaluated: ${cause} while it was running`),
          durationMs: Math.round(this.clock.now() - startedTick)
        })
      }
      this.cancelledBecause = `${cause} before it finished`
      this.stop.abort(new Error(cause))
    }
    const deadline = new AbortController()
    await Promise.race([this.execution, sleep(withinMs, undefined, { signal: deadline.signal })]).catch(
      () => undefined
    )
    deadline.abort()
    return this.snapshot()
  }

  private async validate(): Promise<Report> {
    this.addSecrets(this.inputs.githubToken ? [this.inputs.githubToken] : [])
    const problems = [
      ...(this.request.inputProblems ?? []),
      ...(this.inputs.mode === 'merge' ? [{ input: 'mode', message: MERGE_ONLY_IN_ACTIONS }] : [])
    ]
    if (problems.length) {
      this.recordInputProblems(problems)
      this.finished = true
      return this.snapshot()
    }
    try {
      const whole = await loadEnvironment({
        configPath: this.inputs.config,
        workingDirectory: this.workingDirectory,
        workspace: this.request.workspace,
        env: this.request.env,
        environmentName: this.inputs.environment
      })
      const { scope } = this.request
      this.config = scope ? narrowToScope(whole, scope) : whole
      this.addSecrets(this.config.secrets)
      this.plan = planChecks(this.plan, this.config)
      await this.request.onConfigured?.(this.config)
      const context = this.phaseContext(this.config)
      if (this.inputs.mode === 'rollback') await this.rollBackFailedRun(this.config, context)
      else {
        await this.runPhases(this.config, context)
        if (this.inputs.mode === 'verify') await this.rollBackInJob(this.config, context)
      }
    } catch (error) {
      this.recordFailure(error)
    } finally {
      await this.httpPools.close()
      this.finished = true
    }
    return this.snapshot()
  }

  /**
   * Writes the report in its formats. A report that cannot be written ends the run in error, saying
   * why and what to do, and the report returned (for the summary and outputs) says so too; so does
   * one that fails its own schema, which is still written, as the facts it holds are the run's.
   */
  async saveReport(made: Report): Promise<{ report: Report; written: boolean }> {
    const { report, problem } = schemaChecked(made)
    if (problem) {
      // Kept, so that the report of a failed write says it too.
      this.errors.push({ message: problem })
      this.logger.error(problem)
    }
    try {
      await writeReport(this.reportPath, report, this.reportFormats)
      return { report, written: true }
    } catch (error) {
      const message = `the report could not be written to ${this.displayPath(this.reportPath)}: ${writeFailure(error)}; set report.path to a file in a folder the job may write, inside the workspace or RUNNER_TEMP`
      this.errors.push({ message })
      this.logger.error(message)
      return { report: this.snapshot(), written: false }
    }
  }

  private phaseContext(config: EnvironmentConfig): PhaseContext {
    return {
      logger: this.logger,
      clock: this.clock,
      signal: this.request.signal
        ? AbortSignal.any([this.request.signal, this.stop.signal])
        : this.stop.signal,
      exports: config.values,
      httpPools: this.httpPools,
      record: check => {
        if (this.cancelledBecause === undefined) this.outcomes.push(check)
      },
      running: identity => {
        const startedTick = this.clock.now()
        this.running.set(identity.id, { identity, startedTick })
        return () => this.running.delete(identity.id)
      },
      addSecrets: values => this.addSecrets(values)
    }
  }

  /** deploy -> services -> smoke -> comparison; a phase runs only when the one before it left a system worth judging. */
  private async runPhases(config: EnvironmentConfig, context: PhaseContext): Promise<void> {
    this.logger.info(
      `Validating ${config.environment} (${count(config.services.length, 'service')}) from ${config.files.join(', ')}`
    )
    if (!(await runDeploy(config.deploy, context))) {
      skipServices(config.services, 'the deploy failed', context)
      skipSmoke(config.smoke, 'the deploy failed', context)
      for (const identity of config.security ? securityIdentities(config.security) : [])
        context.record(skippedCheck(identity, 'the deploy failed'))
      return
    }
    // The checks' own pools: `concurrency` checks run at once, and so many connections per origin.
    const checkPools = new HttpPools(config.defaults.concurrency)
    const services = await this.logger.group('Service checks', () =>
      checkServices(config.services, config.defaults.concurrency, {
        ...context,
        httpPools: checkPools,
        startup: config.deploy.length > 0
      }).finally(() => checkPools.close())
    )
    const unhealthy = services.filter(check => !isUsable(check.status)).map(check => check.identity.name)
    if (unhealthy.length) skipSmoke(config.smoke, `services not healthy: ${unhealthy.join(', ')}`, context)
    else if (config.smoke.length)
      await this.logger.group('Smoke tests', () => runSmoke(config.smoke, context))
    const { security } = config
    if (security) {
      // Loaded by the runs that examine security: its probes and judge load TLS and an HTTP client.
      const { examineSecurity } = await import('./phases/security.js')
      this.securitySection = await this.logger.group('Security checks', () =>
        examineSecurity(security, { timeoutMs: config.defaults.timeoutMs, now: new Date() }, context)
      )
    }
    await this.compare(config, services, context)
  }

  /**
   * The monitor window, then latency, throughput, schema and config compared with the baseline, or
   * recorded as one: the window comes first so that its polls' latencies join the samples.
   */
  private async compare(
    config: EnvironmentConfig,
    services: CheckOutcome[],
    context: PhaseContext
  ): Promise<void> {
    const mode = this.inputs.mode
    if (mode !== 'verify' && mode !== 'baseline') return
    if (this.request.scope?.compare === false) return
    const passed = new Set(services.filter(check => isUsable(check.status)).map(check => check.identity.name))
    const skip = new Map(
      services
        .filter(check => !passed.has(check.identity.name))
        .map(check => [check.identity.name, `${check.identity.id} is ${check.status}`])
    )
    const { monitor } = config
    const watched = monitor
      ? await this.logger.group('Monitor window', () =>
          watchServices(monitor, config.services, skip, context)
        )
      : undefined
    this.monitorSection = watched?.section ?? null
    const outcome = await runComparison(
      {
        config,
        mode,
        baselineInput: this.inputs.baseline,
        recordTo: this.inputs.recordBaseline,
        workingDirectory: this.workingDirectory,
        workspace: this.request.workspace,
        env: this.request.env,
        usable: config.services.filter(service => passed.has(service.name)),
        fetchArtifact: this.request.fetchBaselineArtifact,
        monitorSamples: watched?.samples,
        plan: this.plan,
        unhealthyBefore: this.outcomes
          .filter(check => isUnhealthy(check.status))
          .map(check => check.identity.id)
      },
      context
    )
    this.baselineSection = outcome.section
    const { recorded } = outcome
    if (recorded) {
      try {
        // Redacted here, as the report is, with every secret known by now (the comparison's too).
        await writeBaseline(recorded.path, this.secrets.deep(recorded.document))
        this.writtenBaseline = recorded.path
        context.record(recorded.check)
      } catch (error) {
        const shown = outcome.section.recorded?.path ?? recorded.path
        outcome.section.recorded = null
        const message = `not recorded: ${shown} could not be written: ${errorMessage(error)}`
        context.record(decidedCheck(recorded.check.identity, 'error', message))
      }
    }
  }

  /**
   * After the verdict, in this job (rollback.mode auto): the steps for what failed, then the
   * verify: services checked again; recorded beside the verdict, which stays what it was.
   */
  private async rollBackInJob(config: EnvironmentConfig, context: PhaseContext): Promise<void> {
    const { rollback } = config
    if (!rollback.steps.length && !rollback.dispatch) return
    // A partial run (the CLI's check and smoke) observes; it never rolls an environment back.
    if (this.cancelledBecause !== undefined || this.request.scope) return
    const checks = this.outcomes.map(checkResult)
    const verdict = this.errors.length ? 'error' : runStatus(checks)
    const trigger = rollbackTrigger(verdict, checks, rollback.on)
    if (!trigger.length) {
      const why =
        verdict === 'failed'
          ? `no failed check is named by rollback.on (${rollback.on.join(', ')})`
          : `the verdict is ${verdict}, and only a failed one triggers it`
      this.rollbackSection = untriggered(
        'auto',
        'not-triggered',
        `not triggered: ${why}`,
        trigger.map(check => check.id)
      )
      return
    }
    if (rollback.mode === 'workflow' || !rollback.steps.length) {
      this.rollbackSection = untriggered(
        'auto',
        'skipped',
        'not run in this job: a rollback workflow runs it with mode: rollback (rollback.mode is workflow, or there are no rollback.steps)',
        trigger.map(check => check.id)
      )
      return
    }
    const target = await this.lastGoodRelease(config.environment)
    // Each step and the verification fold into log groups of their own (GitHub does not nest them).
    this.rollbackSection = await runRollback(
      {
        rollback,
        services: config.services,
        concurrency: config.defaults.concurrency,
        mode: 'auto',
        trigger,
        target,
        // The verdict judged the deploy; the verification only proves the rollback.
        recordVerification: () => undefined
      },
      context
    )
  }

  /** mode rollback: the steps for what failed in the failed run, then the verification (this run's checks). */
  private async rollBackFailedRun(config: EnvironmentConfig, context: PhaseContext): Promise<void> {
    const read = await this.failedRun(config.environment)
    if (!read.ok) {
      this.errors.push({ message: read.problem })
      this.logger.error(read.problem)
      return
    }
    const failedRun = read.value
    const trigger = rollbackTrigger(failedRun.status, failedRun.checks, config.rollback.on)
    const failed_run = {
      deployment_id: failedRun.deployment_id,
      status: failedRun.status,
      report: failedRun.source
    }
    if (!trigger.length) {
      const why = `the failed run ${failedRun.deployment_id} is ${failedRun.status}, with no failed check that rollback.on names`
      this.rollbackSection = {
        ...untriggered('rollback', 'not-triggered', `not triggered: ${why}`, []),
        failed_run
      }
      this.logger.info(`No rollback: ${why}`)
      return
    }
    const target = await this.lastGoodRelease(config.environment)
    const section = await runRollback(
      {
        rollback: config.rollback,
        services: config.services,
        concurrency: config.defaults.concurrency,
        mode: 'rollback',
        trigger,
        target,
        recordVerification: context.record
      },
      context
    )
    this.rollbackSection = { ...section, failed_run }
  }

  /**
   * The failed run mode rollback acts on: the failed-report file when given, else what the event
   * names; of this run's environment, or it is refused (a dispatch for staging rolls back no production).
   */
  private async failedRun(environment: string): Promise<Result<FailedRun>> {
    const unusable = (problem: string) => failed(`mode rollback has no failed run to act on: ${problem}`)
    let found: Result<FailedRun> | undefined
    if (this.inputs.failedReport !== undefined) {
      const path = resolve(this.workingDirectory, this.inputs.failedReport)
      const shown = this.displayPath(path)
      const read = await readSavedReport(path, shown)
      if (!read.ok)
        return failed(
          describeInputProblem({
            input: 'failed-report',
            message: `${read.problem}: give the JSON report of the failed run (its report artifact, downloaded)`
          })
        )
      found = succeeded(failedRunOfReport(read.value, shown))
    } else found = await this.request.findFailedRun?.(environment)
    if (!found)
      return unusable(
        "give the failed-report input, or start the workflow by workflow_run (the failed run's report artifact) or by the repository_dispatch of rollback.dispatch"
      )
    if (!found.ok) return unusable(found.problem)
    if (found.value.environment !== environment)
      return unusable(
        `${found.value.source} is of the environment ${found.value.environment}, and this run's is ${environment}: nothing is rolled back`
      )
    return found
  }

  /** The release to go back to: the Deployments API's answer, else the baseline's recorded commit. */
  private async lastGoodRelease(environment: string): Promise<TargetRelease> {
    const found = await this.request.findLastGoodRelease?.(environment)
    if (found && !found.ok) this.logger.warning(`The last good release is not known: ${found.problem}`)
    return chooseTarget(found?.ok ? found.value : undefined, this.baselineSection?.source ?? null)
  }

  /** The report as of now, redacted. Before the run has finished it says it was interrupted. */
  snapshot(interruption = 'the run was interrupted before it finished'): Report {
    // Errors are redacted before the summary line shortens one: a secret cut in half is not found.
    // The rest is redacted once, as the whole report; what reads the report gets it redacted.
    const cut = this.cancelledBecause ?? (this.finished ? undefined : interruption)
    const errors = this.secrets.deep(cut === undefined ? this.errors : [...this.errors, { message: cut }])
    const report = assembleReport(this.plan, {
      durationMs: this.clock.now() - this.startedTick,
      outcomes: this.outcomes,
      errors,
      sections: {
        baseline: this.baselineSection,
        monitor: this.monitorSection,
        security: this.securitySection,
        rollback: this.rollbackSection
      }
    })
    return this.secrets.deep(report)
  }

  private recordFailure(error: unknown): void {
    // Stopping the run may break what was running: that is the cancellation, which says so itself.
    if (this.cancelledBecause !== undefined) return
    if (error instanceof ConfigError) {
      this.addSecrets(error.secrets)
      for (const p of error.problems)
        this.errors.push({ message: p.message, file: p.file, line: p.line, column: p.column })
      this.logger.error(`The configuration has ${error.problems.length} problem(s):\n${error.message}`)
    } else {
      // Not the user's fault: keep what finished and say what broke.
      const message = errorMessage(error)
      this.errors.push({ message: `deploy-verify failed unexpectedly: ${message}` })
      this.logger.error(error instanceof Error && error.stack ? error.stack : message)
    }
  }

  /** Inputs have no line of YAML to point at: each problem's input name leads its message instead. */
  private recordInputProblems(problems: readonly InputProblem[]): void {
    const messages = problems.map(describeInputProblem)
    for (const message of messages) this.errors.push({ message })
    this.logger.error(`The action inputs have ${problems.length} problem(s):\n${messages.join('\n')}`)
  }

  private addSecrets(values: readonly string[]): void {
    for (const value of this.secrets.add(values)) this.request.logger.mask(value)
    const unmasked = values.filter(
      value => value.trim() !== '' && !maskable(value) && !this.unmaskable.has(value)
    )
    for (const value of unmasked) this.unmaskable.add(value)
    if (unmasked.length) {
      this.logger.warning(
        `${count(unmasked.length, 'secret value')} not masked: under ${MIN_SECRET_LENGTH} characters, or a number under ${MIN_SECRET_DIGITS} digits, is too short to hide without hiding the same text everywhere in the log; use a longer secret`
      )
    }
  }

  private displayPath(path: string): string {
    return isAbsolute(path) ? relative(this.workingDirectory, path) : path
  }
}

function writeFailure(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException
  switch (code) {
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return 'a folder is there'
    case 'ENOTDIR':
      return 'a file stands where a folder of the path should be'
    case 'EACCES':
    case 'EPERM':
      return 'the folder may not be written (permission denied)'
    case 'EROFS':
      return 'the file system is read-only'
    default:
      return code ?? message
  }
}

/** Every message is redacted before it reaches the host's log, whatever the host does itself. */
export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  const redact = (text: string) => redactor.text(text)
  return {
    info: message => inner.info(redact(message)),
    warning: message => inner.warning(redact(message)),
    error: message => inner.error(redact(message)),
    debug: message => inner.debug(redact(message)),
    group: (name, fn) => inner.group(redact(name), fn),
    mask: value => inner.mask(value)
  }
}

/** The webhook payload the runner saved, or undefined outside Actions or when unreadable. */
export async function readEvent(env: Record<string, string | undefined>): Promise<unknown> {
  if (!env.GITHUB_EVENT_PATH) return undefined
  try {
    return JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8'))
  } catch {
    return undefined
  }
}
