// How a probe is asked to observe: its time budget, cancellation, and what the run lends it.
import type { HttpPools } from './http-pools.js'

export interface ProbeOptions {
  timeoutMs: number
  /** Aborts the attempt (run cancelled); the probe must release everything it holds. */
  signal?: AbortSignal
  /** Where a probe that streams output (commands) writes it live. */
  onOutputLine?: (line: string) => void
  /** Environment variables a command gets from the config: declared variables, captured values. */
  exports?: Readonly<Record<string, string>>
  /** The run's HTTP connection pools, reused across attempts; without them a request opens its own. */
  httpPools?: HttpPools
}
