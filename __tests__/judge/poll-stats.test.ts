import { describe, expect, it } from '@jest/globals'
import { pollStats } from '../../src/judge/poll-stats.js'

describe('poll statistics', () => {
  it('count uptime, error rate and the longest run of failures', () => {
    const ok = true
    const ko = false
    expect(pollStats([ok, ko, ok, ko, ko, ko, ok, ko])).toEqual({
      polls: 8,
      failures: 5,
      uptime_percent: 37.5,
      error_rate: 0.625,
      longest_failure_run: 3
    })
  })

  it('say nothing failed when nothing was polled', () => {
    expect(pollStats([])).toEqual({
      polls: 0,
      failures: 0,
      uptime_percent: 100,
      error_rate: 0,
      longest_failure_run: 0
    })
  })
})
