// When to try a check again: exponential backoff with jitter, bounded by an attempt count and a
// startup budget, with Kubernetes' success threshold. Pure, so the policy is tested without waiting.
import type { CheckPolicy, RetryPolicy } from '../config/model.js'

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
}

export type NextStep =
  { kind: 'passed' } | { kind: 'failed'; reason: string } | { kind: 'retry'; delayMs: number }

export function nextStep(policy: CheckPolicy, history: AttemptHistory, random: () => number): NextStep {
  const { outcomes, elapsedMs } = history
  const streak = trailingRun(outcomes, true)
  if (streak >= policy.successThreshold) return { kind: 'passed' }
  if (outcomes.length >= policy.retry.attempts) {
    return { kind: 'failed', reason: `gave up after ${outcomes.length} attempts` }
  }
  const failures = trailingRun(outcomes, false)
  // Between the successes that build a threshold streak, wait the initial delay (a probe period).
  const delayMs = failures === 0 ? policy.retry.initialDelayMs : backoffDelay(policy.retry, failures, random)
  if (elapsedMs + delayMs >= policy.startupBudgetMs) {
    return { kind: 'failed', reason: `startup budget of ${formatMs(policy.startupBudgetMs)} exhausted` }
  }
  return { kind: 'retry', delayMs }
}

/** Length of the run of `value` at the end of the list. */
function trailingRun(outcomes: boolean[], value: boolean): number {
  let count = 0
  for (let i = outcomes.length - 1; i >= 0 && outcomes[i] === value; i--) count++
  return count
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  const seconds = ms / 1000
  return seconds < 120 ? `${Number(seconds.toFixed(1))} s` : `${Number((seconds / 60).toFixed(1))} min`
}
