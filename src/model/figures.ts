// The figures judges compute and the report shows: shared, so that neither imports the other.
import type { SourceRef } from './source.js'

/** Summary of one side after outliers were dropped; NaN for an empty side. */
export interface Percentiles {
  count: number
  p50: number
  p90: number
  p95: number
  p99: number
  iqr: number
}

/** How fast the runner itself was, as medians over a sample set's rounds (see probes/runner-pace). */
export interface RunnerPace {
  /** A loopback TCP round trip to another process (ms). */
  loopback_ms: number
  /**
   * A fixed CPU task of several scheduler time slices, run on every core at once: the slowest (ms).
   * Absent in baselines recorded before it was measured (they hold a task on one thread, `cpu_task_ms`,
   * or of 1 ms, `cpu_ms`, which are not compared), and where the worker threads could not start.
   */
  all_cores_task_ms?: number
  /**
   * (running + waiting for a core) / running, of this process's main thread while it probed: 1 on
   * an idle machine. Absent where the system does not tell (Linux's schedstat only).
   */
  run_queue_factor?: number
}

export interface BoundResult {
  bound: string
  /** The target's percentile (ms); null without samples. */
  observed: number | null
  /** The limit it was held to (ms); null when a relative bound had no baseline to scale. */
  limit: number | null
  status: 'passed' | 'failed' | 'warning'
  message: string
}

export interface PollStats {
  polls: number
  failures: number
  /** 0..100, one decimal; 100 with no polls (nothing was seen failing). */
  uptime_percent: number
  /** 0..1 */
  error_rate: number
  longest_failure_run: number
}

export interface Drift {
  /** `services.api.http.url` */
  path: string
  /** `unresolved`: a variable of one file is unset there, so the place was compared as written. */
  kind: 'added' | 'removed' | 'changed' | 'expected' | 'unchanged' | 'unresolved' | 'unmatched-rule'
  status: 'failed' | 'warning' | 'passed'
  /** Where the difference is in the target file; its nearest parent when it is only in the local one. */
  target: SourceRef
  local?: SourceRef
  message: string
}

export interface SchemaDifference {
  kind:
    | 'missing-extension'
    | 'extension-version'
    | 'missing-table'
    | 'extra-table'
    | 'missing-column'
    | 'extra-column'
    | 'column-type'
    | 'missing-index'
    | 'extra-index'
    | 'missing-constraint'
    | 'extra-constraint'
    | 'migration'
  severity: 'failed' | 'warning'
  /** What differs: `public.documents.embedding`, `vector`. */
  subject: string
  message: string
}

/** What a check `metrics.<service>.<rule>` read: the series, their values and the bounds. */
export interface MetricReading {
  /** The selector or PromQL query as written. */
  expression: string
  bounds: { warn: string | null; fail: string | null }
  /** All series read; `series` lists the first ones. */
  series_count: number
  series: Array<{
    series: string
    /** NaN and the infinities, which JSON cannot hold as numbers, as 'NaN', 'Infinity', '-Infinity'. */
    value: number | string
    /** In the unit of the bounds: 601 MiB, 83%. */
    shown: string
    reached: 'warn' | 'fail' | null
  }>
  /** Prometheus's warnings about the answer. */
  warnings: string[]
}
