import { judgeAttempts } from '../../src/judge/attempts-verdict.js'

const ok = { ok: true, failures: [], duration_ms: 10 }
const ko = { ok: false, failures: ['503'], duration_ms: 10 }

describe("a check's verdict from its attempts", () => {
  test('a first-time pass says what passed and how long the check took, the time its report row shows', () => {
    const settled = {
      passed: true,
      attempts: [ok],
      startupPolls: 0,
      last: { ok: true, failures: [], responseTimeMs: 41.4 },
      durationMs: 63.6
    }
    expect(judgeAttempts(settled, 'healthy')).toEqual({ status: 'passed', message: 'healthy in 64 ms' })
  })

  test('a pass after retries is flaky, counting the failed attempts', () => {
    const settled = {
      passed: true,
      attempts: [ko, ko, ok],
      startupPolls: 0,
      last: { ok: true, failures: [] },
      durationMs: 2500
    }
    expect(judgeAttempts(settled, 'passed')).toEqual({
      status: 'flaky',
      message: 'passed in 2.5 s after 2 failed of 3 attempts'
    })
  })

  test('failures before the first success after a deploy are startup polls, not retries', () => {
    const settled = {
      passed: true,
      attempts: [ko, ko, ok],
      startupPolls: 2,
      last: { ok: true, failures: [] },
      durationMs: 900
    }
    expect(judgeAttempts(settled, 'healthy')).toEqual({
      status: 'passed',
      message: 'healthy in 900 ms, ready after 2 startup polls'
    })
    expect(judgeAttempts({ ...settled, attempts: [ko, ok], startupPolls: 1 }, 'healthy').message).toBe(
      'healthy in 900 ms, ready after 1 startup poll'
    )
  })

  test('giving up fails with what the last attempt saw and why it stopped', () => {
    const settled = {
      passed: false,
      reason: '5 attempts',
      attempts: [ko, ko, ko, ko, ko],
      startupPolls: 0,
      last: { ok: false, failures: ['503', 'body lacks ok'] },
      durationMs: 4000
    }
    expect(judgeAttempts(settled, 'healthy')).toEqual({
      status: 'failed',
      message: '503; body lacks ok (5 attempts)'
    })
  })

  test('giving up with an attempt that failed no expectation says it lacked consecutive successes', () => {
    const settled = {
      passed: false,
      reason: 'startup budget of 1 s exhausted',
      attempts: [ok, ko, ok],
      startupPolls: 0,
      last: { ok: true, failures: [] },
      durationMs: 1000
    }
    expect(judgeAttempts(settled, 'healthy')).toEqual({
      status: 'failed',
      message: 'not enough consecutive successes (startup budget of 1 s exhausted)'
    })
  })
})
