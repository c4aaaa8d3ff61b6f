import type { CheckPolicy } from '../../src/config/model.js'
import { backoffDelay, nextStep, startupPolls, stepPolicy } from '../../src/judge/retry.js'

const policy: CheckPolicy = {
  timeoutMs: 10_000,
  retry: { attempts: 5, initialDelayMs: 1000, maxDelayMs: 30_000, factor: 2, jitter: 0.2 },
  startupBudgetMs: 300_000,
  successThreshold: 1
}
const noJitter = () => 0
const fullJitter = () => 1

describe('backoff', () => {
  test('doubles from the initial delay after each failure', () => {
    const delays = [1, 2, 3, 4].map(n => backoffDelay({ ...policy.retry, jitter: 0 }, n, noJitter))
    expect(delays).toEqual([1000, 2000, 4000, 8000])
  })

  test('never exceeds the maximum delay', () => {
    expect(backoffDelay({ ...policy.retry, jitter: 0 }, 20, noJitter)).toBe(30_000)
  })

  test('jitter randomises only its share of the delay', () => {
    expect(backoffDelay(policy.retry, 2, noJitter)).toBe(1600)
    expect(backoffDelay(policy.retry, 2, fullJitter)).toBe(2000)
  })
})

describe('next step', () => {
  test('a first success passes at once', () => {
    expect(nextStep(policy, { outcomes: [true], elapsedMs: 5, startup: false }, noJitter)).toEqual({
      kind: 'passed'
    })
  })

  test('a failure is retried after the backoff delay', () => {
    expect(nextStep(policy, { outcomes: [false, false], elapsedMs: 5, startup: false }, fullJitter)).toEqual({
      kind: 'retry',
      delayMs: 2000
    })
  })

  test('gives up when the attempts are spent, saying so', () => {
    expect(
      nextStep(
        policy,
        { outcomes: [false, false, false, false, false], elapsedMs: 5, startup: false },
        noJitter
      )
    ).toEqual({
      kind: 'failed',
      reason: 'gave up after 5 attempts'
    })
  })

  test('gives up when the next wait would pass the startup budget, or reach it', () => {
    const tight = { ...policy, startupBudgetMs: 3000 }
    expect(nextStep(tight, { outcomes: [false], elapsedMs: 1999, startup: false }, fullJitter)).toEqual({
      kind: 'retry',
      delayMs: 1000
    })
    expect(nextStep(tight, { outcomes: [false], elapsedMs: 2000, startup: false }, fullJitter).kind).toBe(
      'failed'
    )
    expect(nextStep(tight, { outcomes: [false], elapsedMs: 2500, startup: false }, fullJitter)).toEqual({
      kind: 'failed',
      reason: 'startup budget of 3 s exhausted'
    })
  })

  test('a success threshold needs that many consecutive successes', () => {
    const twice = { ...policy, successThreshold: 2 }
    expect(nextStep(twice, { outcomes: [false, true], elapsedMs: 0, startup: false }, noJitter)).toEqual({
      kind: 'retry',
      delayMs: 1000
    })
    expect(
      nextStep(twice, { outcomes: [true, false, true, true], elapsedMs: 0, startup: false }, noJitter)
    ).toEqual({
      kind: 'passed'
    })
  })

  test('after a deploy, failures before the first success are startup polls that spend no attempts', () => {
    const starting = { outcomes: Array(12).fill(false), elapsedMs: 5000, startup: true }
    expect(nextStep(policy, starting, fullJitter)).toEqual({ kind: 'retry', delayMs: 30_000 })
    expect(startupPolls(starting)).toBe(12)
  })

  test('a service not ready within the startup budget fails, saying so', () => {
    const starting = { outcomes: Array(12).fill(false), elapsedMs: 290_000, startup: true }
    expect(nextStep(policy, starting, fullJitter)).toEqual({
      kind: 'failed',
      reason: 'not ready within the startup budget of 5 min (12 polls)'
    })
  })

  test('once a started service has passed, later failures are retries that spend attempts', () => {
    const started = {
      outcomes: [false, false, true, false, false, false, false, false],
      elapsedMs: 0,
      startup: true
    }
    expect(startupPolls(started)).toBe(2)
    // Two startup polls and four attempts: one of the five attempts is left.
    expect(nextStep(policy, { ...started, outcomes: started.outcomes.slice(0, 6) }, noJitter)).toEqual({
      kind: 'retry',
      delayMs: 3200
    })
    expect(nextStep({ ...policy, successThreshold: 2 }, started, noJitter)).toEqual({
      kind: 'failed',
      reason: 'gave up after 8 attempts'
    })
  })
})

describe('a permanent failure', () => {
  const rejected = 'the password was rejected'

  test('is tried once more, then given up, whatever attempts and the startup budget allow', () => {
    const once = { outcomes: [false], elapsedMs: 5, startup: true, permanent: [rejected] }
    expect(nextStep(policy, once, noJitter).kind).toBe('retry')
    const twice = {
      outcomes: [false, false],
      elapsedMs: 1005,
      startup: true,
      permanent: [rejected, rejected]
    }
    expect(nextStep(policy, twice, noJitter)).toEqual({
      kind: 'failed',
      reason:
        'gave up after 2 attempts: the password was rejected, which no wait will heal (retry.on_permanent: retry keeps trying)'
    })
  })

  test('after a transient one counts afresh', () => {
    const mixed = {
      outcomes: [false, false],
      elapsedMs: 1005,
      startup: true,
      permanent: [undefined, rejected]
    }
    expect(nextStep(policy, mixed, noJitter).kind).toBe('retry')
  })

  test('is retried like any other with retry.on_permanent: retry', () => {
    const retrying = { ...policy, retry: { ...policy.retry, onPermanent: 'retry' as const } }
    const twice = {
      outcomes: [false, false],
      elapsedMs: 1005,
      startup: true,
      permanent: [rejected, rejected]
    }
    expect(nextStep(retrying, twice, noJitter).kind).toBe('retry')
  })
})

describe('the policy of a deploy or smoke step', () => {
  test('tries `retries` more times, the same delay apart, with no startup budget', () => {
    const step = stepPolicy(5000, 2, 300)
    expect(step).toEqual({
      timeoutMs: 5000,
      retry: { attempts: 3, initialDelayMs: 300, maxDelayMs: 300, factor: 1, jitter: 0 },
      startupBudgetMs: Number.POSITIVE_INFINITY,
      successThreshold: 1
    })
    const after = (outcomes: boolean[]) =>
      nextStep(step, { outcomes, elapsedMs: 1e9, startup: false }, fullJitter)
    expect(after([false, false])).toEqual({ kind: 'retry', delayMs: 300 })
    expect(after([false, false, false])).toEqual({ kind: 'failed', reason: 'gave up after 3 attempts' })
  })
})
