// What every phase gets from the engine: logging, time, cancellation, and a place to record
// each check as it finishes (so a crash half way still leaves every finished check in the report).
import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '../log.js'
import type { CheckResult } from '../report/model.js'

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
  record(check: CheckResult): void
}
