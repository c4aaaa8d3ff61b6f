// What the baseline comparison measures: latency samples of each service and the schema of each
// PostgreSQL service, recorded as checks against the baseline. Observing is done here; judging is
// left to src/judge (latency-verdict, schema-drift).
import type { BaselineConfig, ServiceConfig, SourceRef } from '../config/model.js'
import { judgeLatency } from '../judge/latency-verdict.js'
import { compareSchemas, judgeSchemaDrift } from '../judge/schema-drift.js'
import { type SchemaDifference } from '../model/figures.js'
import { describeTarget } from '../probes/index.js'
import type { SchemaSnapshot } from '../model/observation.js'
import type { BaselineDocument } from '../report/baseline-document.js'
import { checkIdentity, type CheckIdentity } from '../model/check.js'
import type { LatencyFinding } from '../model/report.js'
import { count } from '../model/wording.js'
import { attemptOnce } from './attempts.js'
import { decidedCheck } from './check.js'
import type { PhaseContext } from './context.js'
import { errorMessage } from '../model/errors.js'
import type { RunnerPace } from '../model/figures.js'
import { ms } from '../judge/latency-regression.js'
import { factor, medianPace, runnerFigureInWords, runnerSlowdown } from '../judge/runner-slowdown.js'

/** Services whose latency can be sampled: a command's run time, a scrape's or a query's is not a service's latency. */
export function sampledServices(services: readonly ServiceConfig[]): ServiceConfig[] {
  return services.filter(service => !['command', 'metrics', 'prometheus'].includes(service.probe.kind))
}

/** The latency samples of a sample set, by service, and how fast the runner was while they were taken. */
export interface SampleSet {
  samples: Map<string, number[]>
  /** When each service's first and last samples were taken, in ms since the set began. */
  windows: Map<string, [number, number]>
  /** Undefined when the runner could not be measured. */
  runner: RunnerPace | undefined
  /** How many runner measurements `runner` is the median of. */
  runnerMeasurements: number
}

/**
 * `count` rounds; each times one request to every service, one after another so that the samples
 * measure the services rather than our own concurrency, then times the runner itself. Round-robin
 * spreads every service over the whole window: a burst of load on the runner touches all alike.
 * Failed requests are no sample.
 */
export async function sampleLatencies(
  services: readonly ServiceConfig[],
  count: number,
  context: PhaseContext
): Promise<SampleSet> {
  const samples = new Map<string, number[]>(services.map(service => [service.name, []]))
  const windows = new Map<string, [number, number]>()
  const paces: RunnerPace[] = []
  // Loaded here: it starts child processes, which a run that samples no latency never does.
  const { openPaceMeter } = await import('../probes/runner-pace.js')
  const meter = await openPaceMeter()
  const began = context.clock.now()
  try {
    for (let round = 0; round < count && !context.signal?.aborted; round++) {
      for (const service of services) {
        if (context.signal?.aborted) break
        const at = Math.round(context.clock.now() - began)
        const { judgement } = await attemptOnce(service.probe, service.policy.timeoutMs, context)
        if (!judgement.ok || judgement.responseTimeMs === undefined) continue
        samples.get(service.name)?.push(judgement.responseTimeMs)
        windows.set(service.name, [windows.get(service.name)?.[0] ?? at, at])
      }
      const pace = await meter?.measure()
      if (pace) paces.push(pace)
    }
  } finally {
    await meter?.close()
  }
  for (const service of services)
    context.logger.info(
      `${service.name}: ${samples.get(service.name)?.length ?? 0} of ${count} latency samples taken`
    )
  const runner = medianPace(paces)
  if (runner) context.logger.info(`runner: ${paceInWords(runner)} (medians of ${paces.length})`)
  return { samples, windows, runner, runnerMeasurements: paces.length }
}

/** The figures of the runner's pace, for the log. */
function paceInWords(pace: RunnerPace): string {
  const figures = [`loopback round trip ${ms(pace.loopback_ms)}`]
  if (pace.all_cores_task_ms !== undefined)
    figures.push(`CPU task on every core ${ms(pace.all_cores_task_ms)}`)
  if (pace.run_queue_factor !== undefined)
    figures.push(`probing took ${factor(pace.run_queue_factor)} its CPU time (waiting for a core)`)
  return figures.join(', ')
}

/** The schema of every PostgreSQL service; one that cannot be read is left out, with the reason. */
export async function snapshotSchemas(
  services: readonly ServiceConfig[],
  schema: NonNullable<BaselineConfig['schema']>,
  context: PhaseContext
): Promise<{ snapshots: Record<string, SchemaSnapshot>; problems: Record<string, string> }> {
  const { snapshotSchema } = await import('../probes/postgres-schema.js')
  const snapshots: Record<string, SchemaSnapshot> = {}
  const problems: Record<string, string> = {}
  for (const service of services) {
    if (service.probe.kind !== 'postgres') continue
    try {
      snapshots[service.name] = await snapshotSchema(service.probe.url, {
        timeoutMs: service.policy.timeoutMs,
        migrationsTable: schema.migrationsTable
      })
    } catch (error) {
      problems[service.name] = errorMessage(error)
      context.logger.warning(`${service.name}: could not read the schema: ${errorMessage(error)}`)
    }
  }
  return { snapshots, problems }
}

/** Records `baseline.latency.<service>` for each sampled service. */
export function judgeLatencies(
  config: BaselineConfig,
  services: readonly ServiceConfig[],
  samples: ReadonlyMap<string, readonly number[]>,
  baseline: BaselineDocument | undefined,
  taken: Pick<SampleSet, 'runner' | 'windows'>,
  context: PhaseContext
): Record<string, LatencyFinding> {
  const findings: Record<string, LatencyFinding> = {}
  const slowdown = runnerSlowdown(baseline?.runner, taken.runner)
  if (slowdown !== null)
    context.logger.info(
      `runner: ${factor(slowdown.factor)} the time it took when the baseline was recorded (by ${runnerFigureInWords(slowdown.by)})`
    )
  for (const service of services) {
    const identity = serviceComparison('latency', service)
    const target = samples.get(service.name) ?? []
    const recorded = baseline?.services[service.name]?.latency.samples
    if (baseline && !recorded) {
      context.record(
        decidedCheck(
          identity,
          'warning',
          `not in the baseline: ${count(target.length, 'sample')} taken, nothing to compare with`
        )
      )
      continue
    }
    const verdict = judgeLatency(config.latency, target, recorded, slowdown)
    const { comparison } = verdict
    findings[service.name] = {
      status: verdict.status,
      p_value: comparison?.pValue ?? null,
      shift_ms: comparison?.shiftMs ?? null,
      interval_ms: comparison?.interval ?? null,
      relative_shift: comparison?.relativeShift ?? null,
      variance_ratio: comparison?.varianceRatio ?? null,
      runner_slowdown: slowdown?.factor ?? null,
      window_ms: taken.windows.get(service.name) ?? null,
      baseline: comparison?.baseline ?? null,
      target: verdict.target,
      bounds: verdict.bounds
    }
    context.record(decidedCheck(identity, verdict.status, verdict.message))
  }
  return findings
}

/** Records `baseline.schema.<service>` for each PostgreSQL service the baseline has a snapshot of. */
export function judgeSchemas(
  services: readonly ServiceConfig[],
  live: { snapshots: Record<string, SchemaSnapshot>; problems: Record<string, string> },
  baseline: BaselineDocument,
  context: PhaseContext
): Record<string, SchemaDifference[]> {
  const findings: Record<string, SchemaDifference[]> = {}
  for (const service of services) {
    if (service.probe.kind !== 'postgres') continue
    const identity = serviceComparison('schema', service)
    const recorded = baseline.schemas[service.name]
    const snapshot = live.snapshots[service.name]
    if (!recorded) {
      context.record(decidedCheck(identity, 'warning', 'not in the baseline: its schema was not compared'))
    } else if (!snapshot) {
      context.record(
        decidedCheck(
          identity,
          'error',
          `could not read the schema: ${live.problems[service.name] ?? 'unknown error'}`
        )
      )
    } else {
      const differences = compareSchemas(recorded, snapshot)
      findings[service.name] = differences
      const { status, message } = judgeSchemaDrift(differences, snapshot)
      context.record(decidedCheck(identity, status, message))
    }
  }
  return findings
}

/**
 * `baseline.<key>`: a comparison informs the verdict but is never critical, whatever it compares.
 * Checks of one service's figures point at the service's line unless `source` says otherwise.
 */
export function baselineIdentity(key: string, name: string, source: SourceRef, target = ''): CheckIdentity {
  return checkIdentity('baseline', key, { name, critical: false, source, target })
}

/** `baseline.<kind>.<service>`, pointing at the service (or at `source`) and showing its target. */
export function serviceComparison(
  kind: 'latency' | 'schema' | 'throughput',
  service: ServiceConfig,
  source: SourceRef = service.source
): CheckIdentity {
  return baselineIdentity(
    `${kind}.${service.name}`,
    `${service.name} ${kind}`,
    source,
    describeTarget(service.probe)
  )
}
