// Runs one check's attempts under its retry policy: observe, judge, and decide whether to go on.
import type { CheckPolicy, ProbeSpec } from '../config/model.js'
import { judge } from '../judge/expect.js'
import type { Judgement } from '../judge/judgement.js'
import { nextStep } from '../judge/retry.js'
import { observe } from '../probes/index.js'
import type { PhaseContext } from './context.js'

export interface AttemptRecord {
  ok: boolean
  failures: string[]
  duration_ms: number
}

export interface AttemptsOutcome {
  passed: boolean
  /** Why it gave up, when it did. */
  reason?: string
  attempts: AttemptRecord[]
  /** The judgement of the last attempt. */
  last: Judgement
  durationMs: number
}

export async function attemptUntilSettled(
  spec: ProbeSpec,
  policy: CheckPolicy,
  context: PhaseContext,
  onAttempt: (attempt: AttemptRecord, index: number) => void
): Promise<AttemptsOutcome> {
  const { clock, signal } = context
  const started = clock.now()
  const attempts: AttemptRecord[] = []
  for (;;) {
    const observation = await observe(spec, { timeoutMs: policy.timeoutMs, signal })
    const last = judge(spec, observation)
    const attempt = { ok: last.ok, failures: last.failures, duration_ms: Math.round(observation.durationMs) }
    attempts.push(attempt)
    onAttempt(attempt, attempts.length)
    const step = nextStep(
      policy,
      { outcomes: attempts.map(a => a.ok), elapsedMs: clock.now() - started },
      clock.random
    )
    if (step.kind !== 'retry') {
      return {
        passed: step.kind === 'passed',
        reason: step.kind === 'failed' ? step.reason : undefined,
        attempts,
        last,
        durationMs: clock.now() - started
      }
    }
    await clock.sleep(step.delayMs, signal)
  }
}
