// One check, whatever its phase: attempts under its policy, then a CheckResult that says what was
// seen. Services, deploy steps and smoke steps all end here, so they report alike.
import type { CheckPolicy, ProbeSpec } from '../config/model.js'
import type { Observation } from '../probes/types.js'
import type { CheckIdentity, CheckResult, CheckStatus } from '../model/check.js'
import { formatMs } from '../model/wording.js'
import { attemptUntilSettled, type AttemptsOutcome } from './attempts.js'
import type { PhaseContext } from './context.js'
import { errorMessage } from '../model/errors.js'

export interface CheckRun {
  result: CheckResult
  /** What the last attempt saw; absent when the check could not be evaluated. */
  observation?: Observation
}

export async function runCheck(
  identity: CheckIdentity,
  spec: ProbeSpec,
  policy: CheckPolicy,
  context: PhaseContext
): Promise<CheckRun> {
  const started = context.clock.now()
  const done = context.running?.(identity)
  try {
    const outcome = await attemptUntilSettled(spec, policy, context, (attempt, index) => {
      if (!attempt.ok)
        context.logger.info(`${identity.id}: attempt ${index} failed: ${attempt.failures.join('; ')}`)
    })
    const status = statusOf(outcome)
    context.logger.info(`${identity.id}: ${status}`)
    return {
      observation: outcome.observation,
      result: {
        ...base(identity),
        status,
        message: messageOf(outcome, identity.category === 'services' ? 'healthy' : 'passed'),
        duration_ms: Math.round(outcome.durationMs),
        attempts: outcome.attempts.length,
        response_time_ms: roundOrUndefined(outcome.last.responseTimeMs),
        details: {
          attempts: outcome.attempts,
          startup_polls: outcome.startupPolls,
          ...commandDetails(outcome.observation)
        }
      }
    }
  } catch (error) {
    // A probe or judge that throws is our fault, not the target's: the check could not be evaluated.
    return {
      result: {
        ...base(identity),
        status: 'error',
        message: `could not be evaluated: ${errorMessage(error)}`,
        duration_ms: Math.round(context.clock.now() - started),
        attempts: 0
      }
    }
  } finally {
    done?.()
  }
}

export function skippedCheck(identity: CheckIdentity, reason: string): CheckResult {
  return decidedCheck(identity, 'skipped', `skipped: ${reason}`)
}

/** A check that could not even start (e.g. an unresolvable reference), with the reason. */
export function erroredCheck(identity: CheckIdentity, reason: string): CheckResult {
  return decidedCheck(identity, 'error', reason)
}

/** A check decided from figures already gathered, or not run at all: it takes no attempts of its own. */
export function decidedCheck(
  identity: CheckIdentity,
  status: CheckStatus,
  message: string,
  details?: Record<string, unknown>
): CheckResult {
  return { ...base(identity), status, message, duration_ms: 0, attempts: 0, ...(details ? { details } : {}) }
}

/** A failure once the check had started is a retry, which makes a pass flaky; a startup poll is not. */
function retried(outcome: AttemptsOutcome): number {
  return outcome.attempts.slice(outcome.startupPolls).filter(a => !a.ok).length
}

function statusOf(outcome: AttemptsOutcome): CheckStatus {
  if (!outcome.passed) return 'failed'
  return retried(outcome) ? 'flaky' : 'passed'
}

function messageOf(outcome: AttemptsOutcome, passWord: string): string {
  const { attempts, last, startupPolls } = outcome
  const time = last.responseTimeMs === undefined ? '' : ` in ${formatMs(Math.round(last.responseTimeMs))}`
  if (!outcome.passed) {
    const seen = last.failures.length ? last.failures.join('; ') : 'not enough consecutive successes'
    return `${seen} (${outcome.reason})`
  }
  const failed = retried(outcome)
  const flaky = failed ? ` after ${failed} failed of ${attempts.length - startupPolls} attempts` : ''
  const ready = startupPolls ? `, ready after ${startupPolls} startup polls` : ''
  return `${passWord}${time}${flaky}${ready}`
}

/** A command's evidence: how it ended and its last lines, for the report. */
function commandDetails(observation: Observation | undefined): Record<string, unknown> {
  if (observation?.kind !== 'command') return {}
  return {
    exit_code: observation.exitCode,
    timed_out: Boolean(observation.timedOut),
    output_tail: observation.tail
  }
}

function base(identity: CheckIdentity) {
  return {
    id: identity.id,
    category: identity.category,
    name: identity.name,
    critical: identity.critical,
    file: identity.source.file,
    line: identity.source.line,
    column: identity.source.column,
    target: identity.target
  }
}

function roundOrUndefined(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value)
}
