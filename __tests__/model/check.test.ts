// Which statuses count as unhealthy (nothing may build on them, and no baseline is recorded over
// them) and which are usable.
import { isUnhealthy, isUsable, type CheckStatus } from '../../src/model/check.js'

const statuses: CheckStatus[] = ['passed', 'flaky', 'warning', 'failed', 'error', 'skipped']

test('a failed check and one that could not be evaluated are unhealthy; nothing else is', () => {
  expect(statuses.filter(isUnhealthy)).toEqual(['failed', 'error'])
})

test('passed, flaky and warning checks are usable; a skipped one is neither usable nor unhealthy', () => {
  expect(statuses.filter(isUsable)).toEqual(['passed', 'flaky', 'warning'])
  expect(isUsable('skipped') || isUnhealthy('skipped')).toBe(false)
})
