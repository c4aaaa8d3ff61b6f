// Telling a slower service from a slower runner: the runner's own measurements at recording and now.
import { describe, expect, it } from '@jest/globals'
import type { LatencyComparisonConfig } from '../../src/config/model.js'
import { judgeLatency } from '../../src/judge/latency-verdict.js'
import { medianPace, runnerSlowdown, slowdownExplains } from '../../src/judge/runner-slowdown.js'

/** 1..n ms times `scale`, shifted by `plus`. */
const ramp = (n: number, scale = 1, plus = 0) => Array.from({ length: n }, (_, i) => (i + 1) * scale + plus)
const config: LatencyComparisonConfig = { samples: 20, maxIncrease: 0.2, bounds: [] }

describe('the runner slowdown', () => {
  it('is the median of each measurement, now over then, the larger of the two', () => {
    const now = medianPace([
      { loopback_ms: 0.2, cpu_ms: 9 },
      { loopback_ms: 0.1, cpu_ms: 11 },
      { loopback_ms: 5, cpu_ms: 10 }
    ])
    expect(now).toEqual({ loopback_ms: 0.2, cpu_ms: 10 })
    expect(runnerSlowdown({ loopback_ms: 0.2, cpu_ms: 4 }, now)).toBe(2.5)
  })

  it('is unknown when either run did not measure the runner (a baseline recorded before it was measured)', () => {
    expect(medianPace([])).toBeUndefined()
    expect(runnerSlowdown(undefined, { loopback_ms: 1, cpu_ms: 1 })).toBeNull()
    expect(runnerSlowdown({ loopback_ms: 0, cpu_ms: 0 }, { loopback_ms: 1, cpu_ms: 1 })).toBeNull()
  })

  it('explains a shift up to a doubled baseline median plus the queueing of a busy machine, not beyond', () => {
    // Tolerance 4 ms + the slowdown's proportional part 20 ms + queueing 10 ms.
    const shift = { toleranceMs: 4, baselineMedianMs: 20 }
    expect(slowdownExplains(2, { ...shift, lowerMs: 34 })).toBe(true)
    expect(slowdownExplains(2, { ...shift, lowerMs: 35 })).toBe(false)
    // A larger measured factor explains no more than a doubling.
    expect(slowdownExplains(5, { ...shift, lowerMs: 35 })).toBe(false)
    expect(slowdownExplains(1.5, { ...shift, lowerMs: 24 })).toBe(true)
    // Within the noise of the measurement itself, the runner is not slower.
    expect(slowdownExplains(1.2, { ...shift, lowerMs: 5 })).toBe(false)
    expect(slowdownExplains(null, { ...shift, lowerMs: 5 })).toBe(false)
  })
})

describe('the latency verdict on a slower runner', () => {
  // Baseline around 10 ms; the target 10 ms slower: a regression on the same runner.
  const baseline = ramp(20, 1)
  const slower = ramp(20, 1, 10)

  it('is inconclusive, naming the factor, when the slowdown explains the shift', () => {
    const verdict = judgeLatency(config, slower, baseline, 2.3)
    expect(verdict.status).toBe('warning')
    expect(verdict.message).toMatch(
      /^inconclusive: the runner is 2\.3× slower than when the baseline was recorded, which explains a shift this size/
    )
  })

  it('fails a shift far beyond what the slowdown explains, and says the runner was slower', () => {
    const verdict = judgeLatency(config, ramp(20, 5), baseline, 1.5)
    expect(verdict.status).toBe('failed')
    expect(verdict.message).toMatch(
      /^latency regression: .*; the runner is 1\.5× slower than when the baseline was recorded, which does not explain a shift this size$/
    )
  })

  it('judges as before when the runner is as fast as at recording or its pace is unknown', () => {
    expect(judgeLatency(config, slower, baseline, 1.1).status).toBe('failed')
    expect(judgeLatency(config, slower, baseline, null).status).toBe('failed')
    expect(judgeLatency(config, slower, baseline, null).message).not.toContain('runner')
  })

  it('does not warn about the spread of sub-millisecond latencies whose tail grew by a few milliseconds', () => {
    // A Redis ping: p95 0.3 ms → 3.4 ms is one scheduler time slice, not a slower service.
    const quiet = Array.from({ length: 30 }, (_, i) => 0.2 + (i % 3) * 0.05)
    const jittery = [...quiet.slice(0, 27), 3.4, 3.4, 3.4]
    const verdict = judgeLatency(config, jittery, quiet)
    expect(verdict.message).not.toContain('spread')
    expect(verdict.status).toBe('passed')
  })
})
