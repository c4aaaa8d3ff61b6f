// What every phase gets from the engine: logging, time, cancellation, and a place to record
// each check as it finishes (so a crash half way still leaves every finished check in the report).
import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '../log.js'
import type { HttpPools } from '../probes/http-pools.js'
import type { CheckIdentity, CheckOutcome } from '../model/check.js'

export interface Clock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  random(): number
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
  random: Math.random
}

export interface PhaseContext {
  logger: Logger
  clock: Clock
  signal?: AbortSignal
  record(check: CheckOutcome): void
  /** A check is running until the returned function is called: a cancellation then records it as cut off. */
  running?(check: CheckIdentity): () => void
  /** The system was just deployed: a check's failures before its first success are startup polls. */
  startup?: boolean
  /**
   * Environment variables every command gets: the declared variables' values (and, in a smoke
   * step, the values earlier steps captured). The shell expands them; they never become script text.
   */
  exports: Readonly<Record<string, string>>
  /** The run's HTTP connection pools (without them, each request opens and closes its own). */
  httpPools?: HttpPools
  /** Where a command's output goes, line by line, as it runs. */
  onOutputLine?: (line: string) => void
  /** Values found during the run that must be treated as secrets from now on (smoke captures). */
  addSecrets(values: string[]): void
}
