// The baseline document: a known-good state of an environment, written by `mode: baseline` and read
// back by `mode: verify`. Versioned and described by schema/baseline.schema.json, which a baseline
// read from a file or an artifact must satisfy before anything is compared with it.
import type { ErrorObject } from 'ajv'
import type { EnvironmentConfig } from '../config/model.js'
import { percentiles } from '../judge/latency-regression.js'
import type { RecordedMetric } from '../judge/metric-drift.js'
import type { Percentiles, RunnerPace } from '../model/figures.js'
import type { SchemaSnapshot } from '../model/observation.js'
import type { GitInfo } from '../model/report.js'
import { errorMessage } from '../model/errors.js'

/** 2: the config is the environment file as written (version 1 stored the run's internal form). */
export const BASELINE_VERSION = 2
export const DEFAULT_BASELINE_PATH = 'deploy-verify-baseline.json'

export interface BaselineService {
  kind: EnvironmentConfig['services'][number]['probe']['kind']
  target: string
  latency: { samples: number[]; percentiles: Percentiles }
  /** Metric rules' values by rule, for metrics and prometheus services; absent in older baselines. */
  metrics?: Record<string, RecordedMetric>
}

export interface BaselineDocument {
  baseline_version: typeof BASELINE_VERSION
  environment: string
  recorded_at: string
  deployment_id: string
  git: GitInfo
  /**
   * The environment as the recording run read it: its files, and the merged, interpolated document
   * in the environment file format (schema/config.schema.json), secret values masked by the writer.
   */
  config: { files: string[]; document: Record<string, unknown> }
  services: Record<string, BaselineService>
  /** How fast the recording runner was; absent in baselines recorded before it was measured. */
  runner?: RecordedRunner
  schemas: Record<string, SchemaSnapshot>
}

export interface RecordedRunner extends RunnerPace {
  /** How many measurements the medians are of. */
  measurements: number
}

export interface RecordedState {
  config: EnvironmentConfig
  deploymentId: string
  recordedAt: Date
  git: GitInfo
  /** Every service, with what it points at (safe to show) and its latency samples. */
  services: ReadonlyArray<{
    name: string
    kind: BaselineService['kind']
    target: string
    samples: readonly number[]
    /** What the rules of a metrics or prometheus service read. */
    metrics?: Record<string, RecordedMetric>
  }>
  schemas: Record<string, SchemaSnapshot>
  runner: RecordedRunner | undefined
}

/** The document to write; the caller redacts it like any other output. */
export function buildBaselineDocument(state: RecordedState): BaselineDocument {
  const { config } = state
  return {
    baseline_version: BASELINE_VERSION,
    environment: config.environment,
    recorded_at: state.recordedAt.toISOString(),
    deployment_id: state.deploymentId,
    git: state.git,
    config: {
      files: config.files,
      document: JSON.parse(JSON.stringify(config.resolved.value)) as Record<string, unknown>
    },
    services: Object.fromEntries(
      state.services.map(({ name, kind, target, samples, metrics }) => {
        const kept = samples.map(round)
        const latency = { samples: kept, percentiles: percentiles(kept) }
        return [name, { kind, target, latency, ...(metrics && { metrics }) }]
      })
    ),
    ...(state.runner && { runner: recordedRunner(state.runner) }),
    schemas: state.schemas
  }
}

/** The runner's figures to the microsecond (a factor to a thousandth); a figure not measured is left out. */
function recordedRunner(runner: RecordedRunner): RecordedRunner {
  const { loopback_ms, all_cores_task_ms, run_queue_factor, measurements } = runner
  return {
    loopback_ms: round(loopback_ms),
    ...(all_cores_task_ms !== undefined && { all_cores_task_ms: round(all_cores_task_ms) }),
    ...(run_queue_factor !== undefined && { run_queue_factor: round(run_queue_factor) }),
    measurements
  }
}

/** The document in `text`, or why it is not a baseline this version can compare with. */
export async function parseBaselineDocument(
  text: string
): Promise<{ document: BaselineDocument } | { problem: string }> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return { problem: `it is not JSON (${errorMessage(error)})` }
  }
  const version = (parsed as { baseline_version?: unknown } | null)?.baseline_version
  if (typeof version === 'number' && version < BASELINE_VERSION)
    return {
      problem: `it is baseline version ${version}, which this version of deploy-verify no longer reads (it reads version ${BASELINE_VERSION}): record the baseline again with mode: baseline`
    }
  if (version !== undefined && version !== BASELINE_VERSION)
    return {
      problem: `it is baseline version ${String(version)}; this version of deploy-verify reads version ${BASELINE_VERSION}`
    }
  // Loaded by the runs that read a baseline only: most runs never parse one.
  const { default: validateBaseline } = await import('../generated/baseline-validator.js')
  if (!validateBaseline(parsed))
    return { problem: `it is not a deploy-verify baseline: ${describe(validateBaseline.errors)}` }
  return { document: parsed as BaselineDocument }
}

function describe(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0]
  if (!first) return 'it does not match the baseline schema'
  return `${first.instancePath || 'the document'} ${first.message ?? 'is invalid'}`
}

/** Samples are kept to a microsecond: more digits are noise and make the file larger. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000
}
