// One check, whatever its phase: attempts under its policy, then a CheckResult that says what was
// seen. Services, deploy steps and smoke steps all end here, so they report alike.
import type { CheckPolicy, ProbeSpec } from '../config/model.js'
import type { Observation } from '../model/observation.js'
import type { CheckIdentity, CheckOutcome, CheckStatus, Evidence } from '../model/check.js'
import { judgeAttempts } from '../judge/attempts-verdict.js'
import { attemptUntilSettled, type AttemptsOutcome } from './attempts.js'
import type { PhaseContext } from './context.js'
import { errorMessage } from '../model/errors.js'

export interface CheckRun {
  outcome: CheckOutcome
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
    const { status, message } = judgeAttempts(
      outcome,
      identity.category === 'services' ? 'healthy' : 'passed'
    )
    context.logger.info(`${identity.id}: ${status}`)
    return {
      observation: outcome.observation,
      outcome: {
        identity,
        status,
        message,
        durationMs: Math.round(outcome.durationMs),
        attempts: outcome.attempts.length,
        responseTimeMs: roundOrUndefined(outcome.last.responseTimeMs),
        evidence: evidenceOf(outcome)
      }
    }
  } catch (error) {
    // A probe or judge that throws is our fault, not the target's: the check could not be evaluated.
    return {
      outcome: {
        identity,
        status: 'error',
        message: `could not be evaluated: ${errorMessage(error)}`,
        durationMs: Math.round(context.clock.now() - started),
        attempts: 0
      }
    }
  } finally {
    done?.()
  }
}

export function skippedCheck(identity: CheckIdentity, reason: string): CheckOutcome {
  return decidedCheck(identity, 'skipped', `skipped: ${reason}`)
}

/** A check that could not even start (e.g. an unresolvable reference), with the reason. */
export function erroredCheck(identity: CheckIdentity, reason: string): CheckOutcome {
  return decidedCheck(identity, 'error', reason)
}

/** A check decided from figures already gathered, or not run at all: it takes no attempts of its own. */
export function decidedCheck(identity: CheckIdentity, status: CheckStatus, message: string): CheckOutcome {
  return { identity, status, message, durationMs: 0, attempts: 0 }
}

/** The attempts, and for a command how it ended and its last lines. */
function evidenceOf({ attempts, startupPolls, observation }: AttemptsOutcome): Evidence {
  if (observation.kind !== 'command') return { kind: 'probe', attempts, startupPolls }
  return {
    kind: 'command',
    attempts,
    startupPolls,
    exitCode: observation.exitCode,
    timedOut: Boolean(observation.timedOut),
    outputTail: observation.tail
  }
}

function roundOrUndefined(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value)
}
