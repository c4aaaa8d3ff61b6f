// Which statuses count as unhealthy (nothing may build on them, and no baseline is recorded over
// them) and which are usable.
import { checkIdentity, checkResult, isUnhealthy, isUsable, type CheckStatus } from '../../src/model/check.js'

const statuses: CheckStatus[] = ['passed', 'flaky', 'warning', 'failed', 'error', 'skipped']

test('a failed check and one that could not be evaluated are unhealthy; nothing else is', () => {
  expect(statuses.filter(isUnhealthy)).toEqual(['failed', 'error'])
})

test('passed, flaky and warning checks are usable; a skipped one is neither usable nor unhealthy', () => {
  expect(statuses.filter(isUsable)).toEqual(['passed', 'flaky', 'warning'])
  expect(isUsable('skipped') || isUnhealthy('skipped')).toBe(false)
})

test("a check's report entry has a response time only when one was measured", () => {
  const identity = checkIdentity('services', 'api', {
    name: 'api',
    critical: false,
    source: { file: 'env.yml', line: 3, column: 3 },
    target: 'http://api/health'
  })
  const outcome = { identity, status: 'passed' as const, message: 'ok', durationMs: 9, attempts: 1 }
  expect(checkResult(outcome)).not.toHaveProperty('response_time_ms')
  expect(checkResult({ ...outcome, responseTimeMs: 0 })).toHaveProperty('response_time_ms', 0)
  expect(checkResult(outcome)).toMatchObject({ id: 'services.api', file: 'env.yml', line: 3, column: 3 })
})

describe("a check's report details, from its evidence", () => {
  const identity = checkIdentity('smoke', 'sign-in', {
    name: 'sign in',
    critical: true,
    source: { file: 'env.yml', line: 12, column: 5 },
    target: 'curl …'
  })
  const outcome = { identity, status: 'failed' as const, message: 'exit 1', durationMs: 40, attempts: 2 }
  const attempts = [
    { ok: false, failures: ['exit code 1'], duration_ms: 20 },
    { ok: false, failures: ['exit code 1'], duration_ms: 20 }
  ]

  test('a probe gives its attempts and startup polls, and the names it captured', () => {
    const details = checkResult({
      ...outcome,
      evidence: { kind: 'probe', attempts, startupPolls: 1, captured: ['token'] }
    }).details
    expect(details).toStrictEqual({ attempts, startup_polls: 1, captured: ['token'] })
  })

  test('a probe that captured nothing has no captured names', () => {
    const details = checkResult({
      ...outcome,
      evidence: { kind: 'probe', attempts, startupPolls: 0 }
    }).details
    expect(details).toStrictEqual({ attempts, startup_polls: 0 })
    expect(details).not.toHaveProperty('captured')
  })

  test("a command adds its exit code, whether it timed out, and its output's last lines", () => {
    const evidence = {
      kind: 'command' as const,
      attempts,
      startupPolls: 0,
      exitCode: null,
      timedOut: true,
      outputTail: ['waiting', 'killed']
    }
    expect(checkResult({ ...outcome, evidence }).details).toEqual({
      attempts,
      startup_polls: 0,
      exit_code: null,
      timed_out: true,
      output_tail: ['waiting', 'killed']
    })
    expect(checkResult({ ...outcome, evidence: { ...evidence, captured: ['id'] } }).details).toEqual({
      attempts,
      startup_polls: 0,
      exit_code: null,
      timed_out: true,
      output_tail: ['waiting', 'killed'],
      captured: ['id']
    })
  })

  test('a metric rule and a check without evidence have no details: their figures are in a section', () => {
    const reading = {
      expression: 'cpu',
      bounds: { warn: null, fail: '80%' },
      series_count: 1,
      series: [{ series: 'cpu', value: 91, shown: '91%', reached: 'fail' as const }],
      warnings: []
    }
    const rule = checkResult({
      ...outcome,
      evidence: { kind: 'metric-rule', service: 'api', rule: 'cpu', reading }
    })
    expect(rule).not.toHaveProperty('details')
    expect(checkResult(outcome)).not.toHaveProperty('details')
  })

  test('every field of the entry comes from the identity and the outcome', () => {
    expect(checkResult(outcome)).toEqual({
      id: 'smoke.sign-in',
      category: 'smoke',
      name: 'sign in',
      status: 'failed',
      critical: true,
      message: 'exit 1',
      duration_ms: 40,
      attempts: 2,
      file: 'env.yml',
      line: 12,
      column: 5,
      target: 'curl …'
    })
  })
})
