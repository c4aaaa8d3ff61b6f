// A check: what it is (its identity, decided once from its config entry), and how it ended.
import type { MetricReading } from './figures.js'
import type { SourceRef } from './source.js'

/** The part of the run a check belongs to; also the first segment of its id. */
export type Category =
  'deploy' | 'services' | 'metrics' | 'smoke' | 'security' | 'baseline' | 'monitor' | 'rollback'

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

/** One attempt of a check: whether it held, and what was wrong when it did not. */
export interface AttemptRecord {
  ok: boolean
  failures: string[]
  duration_ms: number
}

/**
 * What a check that made attempts saw, by kind. Checks decided from figures gathered elsewhere (the
 * monitor window, latency, throughput, schema) carry none: their figures are in their report section.
 */
export type Evidence =
  | { kind: 'probe'; attempts: AttemptRecord[]; startupPolls: number; captured?: string[] }
  | {
      kind: 'command'
      attempts: AttemptRecord[]
      startupPolls: number
      /** Null when it was killed or did not run. */
      exitCode: number | null
      timedOut: boolean
      /** Its last lines, for the report. */
      outputTail: string[]
      captured?: string[]
    }
  /** A metric rule, decided from what its service's check read; the figures go to container_metrics. */
  | { kind: 'metric-rule'; service: string; rule: string; reading: MetricReading }

/** A finished check as a phase records it: its identity, how it ended, and its evidence. */
export interface CheckOutcome {
  identity: CheckIdentity
  status: CheckStatus
  /** One line: why it ended as it did. */
  message: string
  durationMs: number
  attempts: number
  responseTimeMs?: number
  evidence?: Evidence
}

/** The report's `details` of a check, from its evidence. */
export interface CheckDetails {
  attempts?: AttemptRecord[]
  startup_polls?: number
  exit_code?: number | null
  timed_out?: boolean
  output_tail?: string[]
  /** Names of the values a smoke step captured (never the values). */
  captured?: string[]
}

/** A check as the report shows it (see schema/report.schema.json). */
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
  details?: CheckDetails
}

/** The report's view of an outcome. */
export function checkResult({ identity, evidence, ...outcome }: CheckOutcome): CheckResult {
  return {
    id: identity.id,
    category: identity.category,
    name: identity.name,
    status: outcome.status,
    critical: identity.critical,
    message: outcome.message,
    duration_ms: outcome.durationMs,
    attempts: outcome.attempts,
    file: identity.source.file,
    line: identity.source.line,
    column: identity.source.column,
    target: identity.target,
    ...(outcome.responseTimeMs === undefined ? {} : { response_time_ms: outcome.responseTimeMs }),
    ...(evidence && evidence.kind !== 'metric-rule' ? { details: detailsOf(evidence) } : {})
  }
}

function detailsOf(evidence: Exclude<Evidence, { kind: 'metric-rule' }>): CheckDetails {
  const captured = evidence.captured ? { captured: evidence.captured } : {}
  const attempts = { attempts: evidence.attempts, startup_polls: evidence.startupPolls }
  if (evidence.kind === 'probe') return { ...attempts, ...captured }
  return {
    ...attempts,
    exit_code: evidence.exitCode,
    timed_out: evidence.timedOut,
    output_tail: evidence.outputTail,
    ...captured
  }
}
