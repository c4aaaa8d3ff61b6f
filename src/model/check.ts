// A check: what it is (its identity, decided once from its config entry), and how it ended.
import type { SourceRef } from './source.js'

/** The part of the run a check belongs to; also the first segment of its id. */
export type Category = 'deploy' | 'services' | 'smoke' | 'baseline' | 'monitor'

/** `flaky` is a pass that needed retries: it passes the run but is always shown. */
export type CheckStatus = 'passed' | 'flaky' | 'warning' | 'failed' | 'error' | 'skipped'

export type RunStatus = 'passed' | 'warning' | 'failed' | 'error'

/** Failed, or could not be evaluated: either way the thing checked is not known to be healthy. */
export function isUnhealthy(status: CheckStatus): boolean {
  return status === 'failed' || status === 'error'
}

/** Statuses something else can build on: a dependent service, the smoke tests, the comparison. */
export function isUsable(status: CheckStatus): boolean {
  return status === 'passed' || status === 'flaky' || status === 'warning'
}

export interface CheckIdentity {
  /** Stable and readable: `services.api`, `smoke.sign-in`. */
  id: string
  category: Category
  /** The key after the category: a service's name, a step's id, `latency.api`. */
  key: string
  name: string
  critical: boolean
  source: SourceRef
  target: string
}

/** The one place a check's id is formed: `<category>.<key>`. */
export function checkIdentity(
  category: Category,
  key: string,
  fields: Omit<CheckIdentity, 'id' | 'category' | 'key'>
): CheckIdentity {
  return { id: `${category}.${key}`, category, key, ...fields }
}

export interface CheckResult {
  /** Stable and readable: `services.api`, `smoke.sign-in`. */
  id: string
  category: Category
  name: string
  status: CheckStatus
  critical: boolean
  /** One line: why it ended as it did. */
  message: string
  duration_ms: number
  attempts: number
  /** Where the check is declared. */
  file: string
  line: number
  column: number
  target?: string
  response_time_ms?: number
  /** Extra evidence a reader may want (failure reasons per attempt, etc.), already redacted. */
  details?: Record<string, unknown>
}
