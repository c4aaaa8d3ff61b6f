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
