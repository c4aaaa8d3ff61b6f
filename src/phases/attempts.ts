// Runs one check's attempts under its retry policy: observe, judge, and decide whether to go on.
import type { CheckPolicy, ProbeSpec } from '../config/model.js'
import { judge } from '../judge/expect.js'
import type { Judgement } from '../judge/judgement.js'
import { nextStep, startupPolls } from '../judge/retry.js'
import { classifyFailure } from '../judge/failure-kind.js'
import { observe } from '../probes/index.js'
import type { Observation } from '../model/observation.js'
import type { PhaseContext } from './context.js'
import type { AttemptRecord } from '../model/check.js'

export interface AttemptsOutcome {
  passed: boolean
  /** Why it gave up, when it did. */
  reason?: string
  attempts: AttemptRecord[]
  /** Of the attempts, how many were startup polls (failures before the first success after a deploy). */
  startupPolls: number
  /** The judgement of the last attempt. */
  last: Judgement
  /** What the last attempt saw (smoke steps capture values from it). */
  observation: Observation
  durationMs: number
}

/** One observation, judged: an attempt of a check, a poll of the monitor, a latency sample. */
export async function attemptOnce(
  spec: ProbeSpec,
  timeoutMs: number,
  context: Pick<PhaseContext, 'signal' | 'onOutputLine' | 'exports' | 'httpPools'>
): Promise<{ observation: Observation; judgement: Judgement }> {
  const observation = await observe(spec, {
    timeoutMs,
    signal: context.signal,
    onOutputLine: context.onOutputLine,
    exports: context.exports,
    httpPools: context.httpPools
  })
  return { observation, judgement: judge(spec, observation) }
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
  const permanent: Array<string | undefined> = []
  for (;;) {
    const { observation, judgement: last } = await attemptOnce(spec, policy.timeoutMs, context)
    const attempt = { ok: last.ok, failures: last.failures, duration_ms: Math.round(observation.durationMs) }
    attempts.push(attempt)
    onAttempt(attempt, attempts.length)
    const kind = last.ok ? undefined : classifyFailure(observation)
    permanent.push(kind?.kind === 'permanent' ? kind.what : undefined)
    const history = {
      outcomes: attempts.map(a => a.ok),
      elapsedMs: clock.now() - started,
      startup: Boolean(context.startup),
      permanent
    }
    const step = nextStep(policy, history, clock.random)
    if (step.kind !== 'retry') {
      return {
        passed: step.kind === 'passed',
        reason: step.kind === 'failed' ? step.reason : undefined,
        attempts,
        startupPolls: startupPolls(history),
        last,
        observation,
        durationMs: clock.now() - started
      }
    }
    await clock.sleep(step.delayMs, signal)
  }
}
