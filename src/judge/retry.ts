// When to try a check again: exponential backoff with jitter, bounded by an attempt count and a
// startup budget, with Kubernetes' success threshold. Pure, so the policy is tested without waiting.
import type { CheckPolicy, RetryPolicy } from '../config/model.js'
import { count, formatMs } from '../model/wording.js'

/** The delay after `failures` consecutive failed attempts (1 = after the first failure). */
export function backoffDelay(policy: RetryPolicy, failures: number, random: () => number): number {
  const exponential = policy.initialDelayMs * policy.factor ** Math.max(0, failures - 1)
  const capped = Math.min(policy.maxDelayMs, exponential)
  // Equal jitter: a fixed part keeps the backoff growing, a random part spreads retries of many
  // services apart so they don't hit a recovering system in lockstep.
  return Math.round(capped * (1 - policy.jitter) + capped * policy.jitter * random())
}

export interface AttemptHistory {
  /** Outcome of every attempt so far, oldest first. */
  outcomes: boolean[]
  /** Time since the first attempt started. */
  elapsedMs: number
  /**
   * The system was just deployed: failures before the first success are startup polls (Kubernetes'
   * startup probe), bounded by the startup budget alone, not by `attempts`.
   */
  startup: boolean
  /**
   * Per attempt, what made a failed one permanent (judge/failure-kind), else undefined. Absent:
   * every failure is transient.
   */
  permanent?: ReadonlyArray<string | undefined>
}

// A permanent failure is tried once more (a server mid-restart may answer oddly once), then no more.
const PERMANENT_TRIES = 2

export type NextStep =
  { kind: 'passed' } | { kind: 'failed'; reason: string } | { kind: 'retry'; delayMs: number }

export function nextStep(policy: CheckPolicy, history: AttemptHistory, random: () => number): NextStep {
  const { outcomes, elapsedMs } = history
  const polls = startupPolls(history)
  const starting = history.startup && polls === outcomes.length
  const streak = trailingRun(outcomes, true)
  if (streak >= policy.successThreshold) return { kind: 'passed' }
  const permanent = trailingPermanent(history)
  if (policy.retry.onPermanent !== 'retry' && permanent.count >= PERMANENT_TRIES)
    return {
      kind: 'failed',
      reason: `gave up after ${count(outcomes.length, 'attempt')}: ${permanent.what}, which no wait will heal (retry.on_permanent: retry keeps trying)`
    }
  if (!starting && outcomes.length - polls >= policy.retry.attempts) {
    return { kind: 'failed', reason: `gave up after ${count(outcomes.length, 'attempt')}` }
  }
  const failures = trailingRun(outcomes, false)
  // Between the successes that build a threshold streak, wait the initial delay (a probe period).
  const delayMs = failures === 0 ? policy.retry.initialDelayMs : backoffDelay(policy.retry, failures, random)
  if (elapsedMs + delayMs >= policy.startupBudgetMs) {
    const budget = formatMs(policy.startupBudgetMs)
    return {
      kind: 'failed',
      reason: starting
        ? `not ready within the startup budget of ${budget} (${count(outcomes.length, 'poll')})`
        : `startup budget of ${budget} exhausted`
    }
  }
  return { kind: 'retry', delayMs }
}

/** How many of the attempts were startup polls: the failures before the first success, after a deploy. */
export function startupPolls(history: Pick<AttemptHistory, 'outcomes' | 'startup'>): number {
  if (!history.startup) return 0
  const firstSuccess = history.outcomes.indexOf(true)
  return firstSuccess === -1 ? history.outcomes.length : firstSuccess
}

/** How many of the last attempts failed permanently in a row, and the last one's reason. */
function trailingPermanent(history: AttemptHistory): { count: number; what: string } {
  const reasons = history.permanent ?? []
  let found = 0
  for (let i = reasons.length - 1; i >= 0 && reasons[i] !== undefined && history.outcomes[i] === false; i--)
    found++
  return { count: found, what: reasons[reasons.length - 1] ?? '' }
}

/** Length of the run of `value` at the end of the list. */
function trailingRun(outcomes: boolean[], value: boolean): number {
  let count = 0
  for (let i = outcomes.length - 1; i >= 0 && outcomes[i] === value; i--) count++
  return count
}

/** Deploy and smoke steps retry plainly: `retries` more attempts, `delayMs` apart, no budget. */
export function stepPolicy(timeoutMs: number, retries: number, delayMs: number): CheckPolicy {
  return {
    timeoutMs,
    retry: { attempts: retries + 1, initialDelayMs: delayMs, maxDelayMs: delayMs, factor: 1, jitter: 0 },
    startupBudgetMs: Number.POSITIVE_INFINITY,
    successThreshold: 1
  }
}
