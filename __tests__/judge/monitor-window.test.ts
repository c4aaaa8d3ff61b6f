import { judgeMonitorWindow, monitorDecided } from '../../src/judge/monitor-window.js'
import { pollStats } from '../../src/judge/poll-stats.js'

const bounds = { maxErrorRate: 0.25, maxConsecutiveFailures: 3 }
const judge = (polls: boolean[], cancelled = false) =>
  judgeMonitorWindow(pollStats(polls), polls.every(Boolean) ? [] : ['503'], bounds, cancelled)

describe('the monitor window verdict', () => {
  test('every poll answering passes', () => {
    expect(judge([true, true, true, true])).toEqual({
      status: 'passed',
      message: '100% up over 4 polls: error rate 0% (at most 25%), longest run of failures 0 (fails at 3)'
    })
  })

  test('failed polls within both bounds are flaky, naming what was seen', () => {
    const verdict = judge([true, false, true, true, true, true, true, true])
    expect(verdict.status).toBe('flaky')
    expect(verdict.message).toContain('last seen: 503')
  })

  test('a run of failures as long as the bound fails, even under the error rate', () => {
    const polls = [...Array<boolean>(17).fill(true), false, false, false]
    expect(pollStats(polls).error_rate).toBeLessThan(bounds.maxErrorRate)
    expect(judge(polls).status).toBe('failed')
    expect(judge([...Array<boolean>(18).fill(true), false, false]).status).toBe('flaky')
  })

  test('an error rate over the bound fails; one at the bound does not', () => {
    expect(judge([false, true, false, true, true, false, true, true, false, true]).status).toBe('failed')
    expect(judge([false, true, true, true]).status).toBe('flaky')
  })

  test('no poll at all fails: nothing was watched', () => {
    expect(judge([], true)).toEqual({
      status: 'failed',
      message: 'no poll was made; the window was cut short by a cancellation'
    })
  })
})

describe('a decided window', () => {
  const limit = { maxConsecutiveFailures: 3 }
  test('is decided by a run of failures as long as the limit, and only by that', () => {
    expect(monitorDecided([true, false, false, false], limit)).toBe(true)
    expect(monitorDecided([false, false, true, false, false], limit)).toBe(false)
    expect(monitorDecided([], limit)).toBe(false)
    expect(monitorDecided([false, false, false], limit)).toBe(true)
  })
})
