// The failed run a `mode: rollback` run acts on, and the repository_dispatch payload that carries it:
// written here (the verifying run's dispatch) and read here (the rollback run's event), so both
// sides agree. Whatever arrives from outside is hostile: checked field by field, bounded in size,
// and refused with the name of where it came from.
import type { JudgedCheck } from '../judge/rollback.js'
import type { RunStatus } from '../model/check.js'
import type { Report } from '../model/report.js'
import { failed, succeeded, type Result } from '../model/result.js'

/** GitHub allows 10 top-level keys in a client_payload; a rollback needs only these few failed checks. */
export const MAX_FAILED_CHECKS = 20
/** Far above what `dispatchPayload` sends (a few KiB); GitHub itself caps a dispatch at 64 KiB. */
const MAX_PAYLOAD_BYTES = 64 * 1024
/** A check id is short text; anything longer in a payload is not one of ours. */
const MAX_CHECK_ID = 256
const RUN_STATUSES: readonly RunStatus[] = ['passed', 'warning', 'failed', 'error']
const DEPLOYMENT_ID = /^deploy_[0-9]{8}_[0-9]{6}$/
/** No whitespace or control characters: an id is one word of dotted parts. */
const CHECK_ID = /^[^\s\p{Cc}]+$/u

/** What mode rollback needs of the failed run: its verdict, its unhealthy checks, and where it was read. */
export interface FailedRun {
  deployment_id: string
  environment: string
  status: RunStatus
  checks: JudgedCheck[]
  /** Where it was read, in words: "failed.json", "the client_payload of repository_dispatch …". */
  source: string
}

/** The repository_dispatch client_payload a failed verdict sends (see docs/decisions.md for its keys). */
export interface DispatchPayload {
  environment: string
  status: RunStatus
  deployment_id: string
  sha: string | null
  ref: string | null
  run_url: string | null
  /** The ids of the failed checks and those that could not be evaluated, at most MAX_FAILED_CHECKS. */
  failed_checks: string[]
  failed_count: number
  summary: string
}

export function dispatchPayload(report: Report): DispatchPayload {
  const unhealthy = report.checks
    .filter(check => check.status === 'failed' || check.status === 'error')
    .map(check => check.id)
  return {
    environment: report.environment,
    status: report.status,
    deployment_id: report.deployment_id,
    sha: report.git.sha,
    ref: report.git.ref,
    run_url: report.git.run_url,
    failed_checks: unhealthy.slice(0, MAX_FAILED_CHECKS),
    failed_count: unhealthy.length,
    summary: report.summary
  }
}

/** A report already checked against the report schema (see `readSavedReport`). */
export function failedRunOfReport(report: Report, source: string): FailedRun {
  return {
    deployment_id: report.deployment_id,
    environment: report.environment,
    status: report.status,
    checks: report.checks,
    source
  }
}

/**
 * The failed run a dispatch's client_payload names, or why it names none. Its failed checks are
 * taken as failed (the payload lists failed and unevaluated ones alike, which trigger alike).
 */
export function failedRunOfDispatch(payload: unknown, source: string): Result<FailedRun> {
  const refuse = (why: string) => failed(`${source}: ${why}`)
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    return refuse('no client_payload object (send it as deploy-verify does: rollback.dispatch)')
  if (JSON.stringify(payload).length > MAX_PAYLOAD_BYTES)
    return refuse('larger than any payload deploy-verify sends')
  const { environment, status, deployment_id, failed_checks } = payload as Record<string, unknown>
  if (typeof environment !== 'string' || !environment) return refuse('environment is not a name')
  if (!RUN_STATUSES.includes(status as RunStatus))
    return refuse(`status is not one of ${RUN_STATUSES.join(', ')}`)
  if (typeof deployment_id !== 'string' || !DEPLOYMENT_ID.test(deployment_id))
    return refuse('deployment_id is not a validation id (deploy_YYYYMMDD_HHMMSS)')
  if (!Array.isArray(failed_checks) || failed_checks.length > MAX_FAILED_CHECKS)
    return refuse(`failed_checks is not a list of at most ${MAX_FAILED_CHECKS} check ids`)
  const ids = failed_checks.filter(
    (id): id is string => typeof id === 'string' && id.length <= MAX_CHECK_ID && CHECK_ID.test(id)
  )
  if (ids.length !== failed_checks.length)
    return refuse('failed_checks holds something that is not a check id')
  return succeeded({
    deployment_id,
    environment,
    status: status as RunStatus,
    checks: ids.map(id => ({ id, category: id.split('.')[0] ?? id, status: 'failed' })),
    source
  })
}
