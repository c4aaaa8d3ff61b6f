// After the checks: latency samples, then the comparison with the recorded baseline (verify mode) or
// the recording of a new one (baseline mode, or verify mode with `record-baseline`: compared, then
// recorded, in one pass). A missing or unreadable baseline is a visible warning, never a silent
// pass; a baseline is recorded only from an environment whose checks all passed.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { inWorkspaceOrRunnerTemp, readConfinedFile } from '../config/files.js'
import { loadForComparison, type ComparedFile } from '../config/load.js'
import type { BaselineConfig, EnvironmentConfig, ServiceConfig } from '../config/model.js'
import { ConfigError } from '../config/problems.js'
import { isGithubDefault } from '../config/variables.js'
import { compareEnvironments } from '../judge/environment-drift.js'
import { describeTarget } from '../probes/index.js'
import {
  buildBaselineDocument,
  DEFAULT_BASELINE_PATH,
  parseBaselineDocument,
  type BaselineDocument
} from '../report/baseline-document.js'
import type { BaselineSection } from '../model/report.js'
import type { RuleVerdict } from '../judge/metrics.js'
import { isUnhealthy, type CheckOutcome } from '../model/check.js'
import type { RunPlan } from '../model/plan.js'
import { count } from '../model/wording.js'
import {
  baselineIdentity,
  judgeLatencies,
  judgeSchemas,
  sampledServices,
  sampleLatencies,
  snapshotSchemas,
  type SampleSet
} from './measurements.js'
import { runBursts } from './burst.js'
import { judgeMetricBaselines, metricServices, readMetricValues, recordedMetrics } from './metric-baseline.js'
import { decidedCheck } from './check.js'
import type { PhaseContext } from './context.js'
import { errorMessage } from '../model/errors.js'
import { failed, type Result } from '../model/result.js'

/** Where the baseline of a verify run comes from: a file, or an artifact the action fetched to a file. */
export type BaselineFetcher = (environment: string) => Promise<Result<{ path: string; origin: string }>>

export interface ComparisonRequest {
  config: EnvironmentConfig
  mode: 'verify' | 'baseline'
  /** The `baseline` input: where to write (baseline mode) or what to read (verify mode). */
  baselineInput?: string
  /** Verify mode's `record-baseline`: the file to record this environment to once all of it, the comparison included, passed. */
  recordTo?: string
  workingDirectory: string
  /** Files named by the configuration or the baseline input must be inside it (or in RUNNER_TEMP, for a baseline). */
  workspace: string
  /** The step's environment: the local file sees only GitHub's own variables of it. */
  env: Record<string, string | undefined>
  /** Services whose checks passed: only those are sampled and compared. */
  usable: readonly ServiceConfig[]
  /** Latencies of the monitor window's successful polls, by service: more samples. */
  monitorSamples?: ReadonlyMap<string, readonly number[]>
  /** Fetches `baseline: artifact`; absent outside GitHub Actions. */
  fetchArtifact?: BaselineFetcher
  /** The run: its identity goes into a recorded document. */
  plan: Pick<RunPlan, 'deploymentId' | 'startedAt' | 'git'>
  /** Ids of the checks before this phase that failed or could not be evaluated: a baseline is recorded only when there are none, here or there. */
  unhealthyBefore: readonly string[]
}

export interface ComparisonOutcome {
  section: BaselineSection
  /**
   * The baseline recorded, to be written at `path` (absolute) with `writeBaseline`: by the engine,
   * which redacts it with every secret the run knows, as it redacts the report. `check` says it was
   * recorded: the engine records it once the file is written, so a failed write is never reported
   * as a recorded baseline.
   */
  recorded?: { path: string; document: BaselineDocument; check: CheckOutcome }
}

export async function runComparison(
  request: ComparisonRequest,
  outer: PhaseContext
): Promise<ComparisonOutcome> {
  const { config, mode, usable } = request
  // The phase's own checks count too: a failed burst makes the environment no baseline either.
  const unhealthy = [...request.unhealthyBefore]
  const context: PhaseContext = {
    ...outer,
    record: outcome => {
      if (isUnhealthy(outcome.status)) unhealthy.push(outcome.identity.id)
      outer.record(outcome)
    }
  }
  const section: BaselineSection = {
    mode,
    source: null,
    recorded: null,
    config: null,
    latency: {},
    schema: {},
    throughput: {}
  }
  if (config.baseline.compareConfig)
    section.config = await compareConfig(request, config.baseline.compareConfig, context)
  const baseline = mode === 'verify' ? await readBaseline(request, context) : undefined
  if (baseline)
    section.source = {
      origin: baseline.origin,
      environment: baseline.document.environment,
      recorded_at: baseline.document.recorded_at,
      deployment_id: baseline.document.deployment_id,
      sha: baseline.document.git.sha
    }

  const recordTo = mode === 'baseline' ? (request.baselineInput ?? DEFAULT_BASELINE_PATH) : request.recordTo
  const latency = config.baseline.latency
  const judgesLatency = recordTo !== undefined || baseline !== undefined || latency.bounds.length > 0
  const sampled = sampledServices(usable)
  const taken: SampleSet =
    judgesLatency && latency.samples > 0 && sampled.length
      ? await context.logger.group('Latency samples', () =>
          sampleLatencies(sampled, latency.samples, context)
        )
      : { samples: new Map(), windows: new Map(), runner: undefined, runnerMeasurements: 0 }
  const samples = mergeSamples(taken.samples, request.monitorSamples)
  const measured = metricServices(usable)
  const metricValues =
    (recordTo !== undefined || baseline !== undefined) && measured.length
      ? await context.logger.group('Metric values', () => readMetricValues(measured, context))
      : new Map<string, RuleVerdict[]>()
  if (config.baseline.throughput) {
    const { throughput } = config.baseline
    section.throughput = await context.logger.group('Throughput burst', () =>
      runBursts(throughput, usable, context)
    )
  }

  let live: Awaited<ReturnType<typeof snapshotSchemas>> | undefined
  if (mode === 'verify') {
    if (baseline && config.baseline.schema) {
      live = await snapshotSchemas(usable, config.baseline.schema, context)
      section.schema = judgeSchemas(usable, live, baseline.document, context)
    }
    if (baseline) judgeMetricBaselines(measured, metricValues, baseline.document, context)
    if (judgesLatency)
      section.latency = judgeLatencies(config.baseline, sampled, samples, baseline?.document, taken, context)
  }
  // Recorded last, so that a regression found by the comparison keeps the environment from becoming the baseline.
  if (recordTo === undefined) return { section }
  const recorded = await recordBaseline(
    request,
    { shown: recordTo, samples, taken, unhealthy, live, metricValues },
    context
  )
  if (recorded) section.recorded = { path: recordTo }
  return { section, recorded }
}

/** Writes a recorded baseline (already redacted) at `path`, creating its directory. */
export async function writeBaseline(path: string, document: BaselineDocument): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`)
}

/**
 * Config drift against the local environment file: `baseline.config.<path>` for each difference
 * that fails or warns, else one passing `baseline.config`. The local file is read as it would be
 * locally, its variables taking their own defaults rather than the target's values (GitHub's own
 * variables excepted); a required one without a default stays unresolved, and where it is used the
 * two files are compared as written. Its secrets are hidden like the target's.
 */
async function compareConfig(
  request: ComparisonRequest,
  compare: NonNullable<BaselineConfig['compareConfig']>,
  context: PhaseContext
): Promise<NonNullable<BaselineSection['config']>> {
  const { config } = request
  const identity = baselineIdentity('config', 'config drift', compare.source, compare.file)
  let local: ComparedFile
  try {
    local = await loadForComparison({
      configPath: compare.path,
      workingDirectory: request.workingDirectory,
      workspace: request.workspace,
      env: githubDefaults(request.env)
    })
  } catch (error) {
    if (error instanceof ConfigError) context.addSecrets(error.secrets)
    context.record(
      // A comparison that cannot be made is a warning (as for a missing baseline), never a verdict.
      decidedCheck(
        identity,
        'warning',
        `config drift was not compared: could not read ${compare.file} to compare with: ${errorMessage(error)}`
      )
    )
    return { compared_with: compare.file, differences: [] }
  }
  context.addSecrets(local.secrets)
  const differences = compareEnvironments(config, local, config.baseline)
  const notable = differences.filter(drift => drift.status !== 'passed')
  for (const drift of notable) {
    context.record(
      decidedCheck(
        baselineIdentity(`config.${drift.path}`, `config ${drift.path}`, drift.target, compare.file),
        drift.status,
        drift.message
      )
    )
  }
  if (!notable.length) {
    const expected = differences.filter(drift => drift.kind === 'expected').map(drift => drift.path)
    const asWritten = differences.filter(drift => drift.kind === 'unresolved').map(drift => drift.path)
    const apart = expected.length ? `, apart from the expected differences at ${expected.join(', ')}` : ''
    const unset = local.unset.map(name => `\${${name}}`).join(', ')
    const asWrittenNote = asWritten.length
      ? `; ${asWritten.join(', ')} compared as written, as ${compare.file} leaves ${unset} unset`
      : ''
    context.record(
      decidedCheck(identity, 'passed', `same as ${compare.file} after interpolation${apart}${asWrittenNote}`)
    )
  }
  return { compared_with: compare.file, differences }
}

/** The baseline to compare with, or undefined after recording a warning that says why there is none. */
async function readBaseline(
  request: ComparisonRequest,
  context: PhaseContext
): Promise<{ document: BaselineDocument; origin: string } | undefined> {
  const { config, baselineInput } = request
  const warn = (message: string) =>
    context.record(
      decidedCheck(baselineIdentity('source', 'baseline', config.baseline.source), 'warning', message)
    )
  if (baselineInput === undefined) {
    if (config.expectsRecordedBaseline)
      warn(
        'no baseline to compare with: latency and schema were not compared with a recorded baseline; set the action input baseline (a file, or artifact)'
      )
    return undefined
  }
  let origin = baselineInput
  let path = resolve(request.workingDirectory, baselineInput)
  if (baselineInput === 'artifact') {
    const fetched = request.fetchArtifact
      ? await request.fetchArtifact(config.environment)
      : failed('artifacts can only be fetched inside GitHub Actions')
    if (!fetched.ok) {
      warn(`no baseline to compare with: the baseline artifact could not be used: ${fetched.problem}`)
      return undefined
    }
    ;({ origin, path } = fetched.value)
  }
  const read = readConfinedFile(path, inWorkspaceOrRunnerTemp(request.workspace, request.env))
  if ('problem' in read) {
    const { reason, fix } = read.problem
    warn(`no baseline to compare with: ${origin} ${reason}${fix ? `: ${fix}` : ''}`)
    return undefined
  }
  const parsed = await parseBaselineDocument(read.text)
  if ('problem' in parsed) {
    warn(`no baseline to compare with: ${origin} cannot be used: ${parsed.problem}`)
    return undefined
  }
  const { document } = parsed
  const other =
    document.environment !== config.environment ? ` for the environment ${document.environment}` : ''
  const message = `comparing with the baseline ${origin}, recorded ${document.recorded_at} by ${document.deployment_id}${other}`
  context.record(
    decidedCheck(
      baselineIdentity('source', 'baseline', config.baseline.source),
      other ? 'warning' : 'passed',
      message
    )
  )
  return { document, origin }
}

interface Recording {
  /** The file to write, relative to the working directory. */
  shown: string
  samples: ReadonlyMap<string, readonly number[]>
  /** The sampling, for the runner's pace it measured alongside. */
  taken: SampleSet
  /** Checks of the run that failed or could not be evaluated: any at all, and nothing is recorded. */
  unhealthy: readonly string[]
  /** The schemas the comparison already read, if it did: not read twice. */
  live?: Awaited<ReturnType<typeof snapshotSchemas>>
  /** What the rules of metrics and prometheus services read, by service. */
  metricValues: ReadonlyMap<string, readonly RuleVerdict[]>
}

async function recordBaseline(
  request: ComparisonRequest,
  { shown, samples, taken, unhealthy, live, metricValues }: Recording,
  context: PhaseContext
): Promise<ComparisonOutcome['recorded']> {
  const { config, mode } = request
  const identity = baselineIdentity('record', 'record baseline', config.baseline.source)
  if (unhealthy.length) {
    // Recording is the point of baseline mode, so it fails there; a verify run's verdict already says why.
    context.record(
      decidedCheck(
        identity,
        mode === 'baseline' ? 'failed' : 'skipped',
        `not recorded: a baseline must be known-good, and ${count(unhealthy.length, 'check')} did not pass (${unhealthy.join(', ')})`
      )
    )
    return undefined
  }
  const schemas =
    live ??
    (config.baseline.schema
      ? await snapshotSchemas(config.services, config.baseline.schema, context)
      : { snapshots: {}, problems: {} })
  const document = buildBaselineDocument({
    config,
    deploymentId: request.plan.deploymentId,
    recordedAt: request.plan.startedAt,
    git: request.plan.git,
    services: config.services.map(service => ({
      name: service.name,
      kind: service.probe.kind,
      target: describeTarget(service.probe),
      samples: samples.get(service.name) ?? [],
      metrics: recordedMetrics(metricValues.get(service.name))
    })),
    schemas: schemas.snapshots,
    runner: taken.runner && { ...taken.runner, measurements: taken.runnerMeasurements }
  })
  const sampleCount = [...samples.values()].reduce((sum, taken) => sum + taken.length, 0)
  const missing = Object.keys(schemas.problems)
  const metricCount = Object.values(document.services).reduce(
    (sum, service) =>
      sum + Object.values(service.metrics ?? {}).reduce((n, rule) => n + Object.keys(rule.series).length, 0),
    0
  )
  const check = decidedCheck(
    identity,
    missing.length ? 'warning' : 'passed',
    `recorded ${shown}: ${count(sampleCount, 'latency sample')} of ${count(samples.size, 'service')}, ${count(Object.keys(schemas.snapshots).length, 'database schema')}` +
      (metricCount ? `, ${count(metricCount, 'metric value')}` : '') +
      (missing.length ? `; the schema of ${missing.join(', ')} could not be read` : '')
  )
  return { path: resolve(request.workingDirectory, shown), document, check }
}

function mergeSamples(
  taken: ReadonlyMap<string, readonly number[]>,
  more: ReadonlyMap<string, readonly number[]> | undefined
): Map<string, number[]> {
  const merged = new Map([...taken].map(([name, values]) => [name, [...values]]))
  for (const [name, values] of more ?? []) merged.set(name, [...(merged.get(name) ?? []), ...values])
  return merged
}

/** GitHub's default variables, which every environment file may use without declaring them. */
function githubDefaults(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => isGithubDefault(name)))
}
