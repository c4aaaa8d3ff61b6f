// Telling a slower service from a slower runner: the runner's own measurements at recording and now.
import { describe, expect, it } from '@jest/globals'
import type { LatencyComparisonConfig } from '../../src/config/model.js'
import { judgeLatency } from '../../src/judge/latency-verdict.js'
import { medianPace, runnerSlowdown, slowdownExplains } from '../../src/judge/runner-slowdown.js'

/** 1..n ms times `scale`, shifted by `plus`. */
const ramp = (n: number, scale = 1, plus = 0) => Array.from({ length: n }, (_, i) => (i + 1) * scale + plus)
const config: LatencyComparisonConfig = { samples: 20, maxIncrease: 0.2, bounds: [] }

describe('the runner slowdown', () => {
  it('is the median of each figure, now over then, and the figure that shows it', () => {
    const now = medianPace([
      { loopback_ms: 0.2, all_cores_task_ms: 9, run_queue_factor: 1.5 },
      { loopback_ms: 0.1, all_cores_task_ms: 11, run_queue_factor: 3 },
      { loopback_ms: 5, all_cores_task_ms: 10, run_queue_factor: 2 }
    ])
    expect(now).toEqual({ loopback_ms: 0.2, all_cores_task_ms: 10, run_queue_factor: 2 })
    expect(runnerSlowdown({ loopback_ms: 0.2, all_cores_task_ms: 4, run_queue_factor: 1 }, now)).toEqual({
      factor: 2.5,
      by: 'all_cores_task_ms'
    })
  })

  it('is sized by the task on every core alone when both runs timed it, however the other figures moved', () => {
    // The round trip and the wait for a core move by up to half again on a quiet machine.
    const quiet = { loopback_ms: 0.75, all_cores_task_ms: 10.2, run_queue_factor: 1.8 }
    expect(runnerSlowdown({ loopback_ms: 0.5, all_cores_task_ms: 10, run_queue_factor: 1.2 }, quiet)).toEqual(
      {
        factor: expect.closeTo(1.02, 5),
        by: 'all_cores_task_ms'
      }
    )
  })

  it('is the largest ratio of the other figures when either run did not time the task on every core', () => {
    const now = { loopback_ms: 0.2, all_cores_task_ms: 10, run_queue_factor: 2 }
    // The wait for a core can show a busy machine that the round trip misses.
    expect(runnerSlowdown({ loopback_ms: 0.2, run_queue_factor: 1.25 }, now)).toEqual({
      factor: 1.6,
      by: 'run_queue_factor'
    })
    expect(runnerSlowdown({ loopback_ms: 0.1, run_queue_factor: 1.25 }, now)).toEqual({
      factor: 2,
      by: 'loopback_ms'
    })
  })

  it('compares only the figures both runs measured: a system without schedstat, an older baseline', () => {
    // Where the system does not tell the wait for a core, the medians are of what was measured.
    expect(
      medianPace([
        { loopback_ms: 1, all_cores_task_ms: 10 },
        { loopback_ms: 3, all_cores_task_ms: 12, run_queue_factor: 4 }
      ])
    ).toEqual({ loopback_ms: 2, all_cores_task_ms: 11, run_queue_factor: 4 })
    const now = { loopback_ms: 0.4, all_cores_task_ms: 30, run_queue_factor: 5 }
    // A baseline recorded before the CPU task and the wait were measured has only its round trip.
    expect(runnerSlowdown({ loopback_ms: 0.2 }, now)).toEqual({ factor: 2, by: 'loopback_ms' })
    // Its task on one thread (cpu_task_ms) is not the task on every core, and is not compared with it.
    const oneThreadTask = { loopback_ms: 0.4, cpu_task_ms: 3 }
    expect(runnerSlowdown(oneThreadTask, now)).toEqual({ factor: 1, by: 'loopback_ms' })
    expect(runnerSlowdown({ loopback_ms: 0.3, all_cores_task_ms: 10 }, { loopback_ms: 0.3 })).toEqual({
      factor: 1,
      by: 'loopback_ms'
    })
  })

  it('leaves out a figure no measurement has, rather than holding a placeholder for it', () => {
    expect(
      medianPace([
        { loopback_ms: 1, all_cores_task_ms: 10 },
        { loopback_ms: 3, all_cores_task_ms: 12 }
      ])
    ).toStrictEqual({ loopback_ms: 2, all_cores_task_ms: 11 })
  })

  it('is unknown when either run did not measure the runner (a baseline recorded before it was measured)', () => {
    expect(medianPace([])).toBeUndefined()
    expect(runnerSlowdown(undefined, { loopback_ms: 1, all_cores_task_ms: 1 })).toBeNull()
    expect(
      runnerSlowdown({ loopback_ms: 0, all_cores_task_ms: 0 }, { loopback_ms: 1, all_cores_task_ms: 1 })
    ).toBeNull()
  })

  it('explains a shift up to a doubled baseline median plus the queueing of a busy machine, not beyond', () => {
    // Tolerance 4 ms + the slowdown's proportional part 20 ms + queueing 10 ms.
    const shift = { toleranceMs: 4, baselineMedianMs: 20 }
    const slower = (factor: number) => ({ factor, by: 'all_cores_task_ms' as const })
    expect(slowdownExplains(slower(2), { ...shift, lowerMs: 34 })).toBe(true)
    expect(slowdownExplains(slower(2), { ...shift, lowerMs: 35 })).toBe(false)
    // A larger measured factor explains no more than a doubling.
    expect(slowdownExplains(slower(5), { ...shift, lowerMs: 35 })).toBe(false)
    expect(slowdownExplains(slower(1.5), { ...shift, lowerMs: 24 })).toBe(true)
    // 1.25 times slower is the least that is beyond the noise.
    expect(slowdownExplains(slower(1.25), { ...shift, lowerMs: 19 })).toBe(true)
    expect(slowdownExplains(slower(1.24), { ...shift, lowerMs: 5 })).toBe(false)
    // Within the noise of the measurement itself, the runner is not slower.
    expect(slowdownExplains(slower(1.2), { ...shift, lowerMs: 5 })).toBe(false)
    expect(slowdownExplains(null, { ...shift, lowerMs: 5 })).toBe(false)
  })
})

describe('the latency verdict on a slower runner', () => {
  // Baseline around 10 ms; the target 10 ms slower: a regression on the same runner.
  const baseline = ramp(20, 1)
  const slower = ramp(20, 1, 10)

  it('is inconclusive, naming the factor, when the slowdown explains the shift', () => {
    const verdict = judgeLatency(config, slower, baseline, { factor: 2.3, by: 'run_queue_factor' })
    expect(verdict.status).toBe('warning')
    expect(verdict.message).toMatch(
      /^inconclusive: the runner is 2\.3× slower than when the baseline was recorded \(by its wait for a core\), which explains a shift this size/
    )
  })

  it('fails a shift far beyond what the slowdown explains, and says the runner was slower', () => {
    const verdict = judgeLatency(config, ramp(20, 5), baseline, { factor: 1.5, by: 'all_cores_task_ms' })
    expect(verdict.status).toBe('failed')
    expect(verdict.message).toMatch(
      /^latency regression: .*; the runner is 1\.5× slower than when the baseline was recorded \(by a fixed CPU task on every core\), which does not explain a shift this size$/
    )
  })

  it('counts the tolerance in what a slower runner explains', () => {
    // Median about 101 ms, tolerance 20.2 ms, shift 45 ms: 1.3 times slower explains 20.2 + 30.3 + 10 ms.
    const steady = Array.from({ length: 20 }, (_, i) => 100 + i * 0.1)
    const verdict = judgeLatency(
      config,
      steady.map(ms => ms + 45),
      steady,
      { factor: 1.3, by: 'all_cores_task_ms' }
    )
    expect(verdict.comparison?.toleranceMs).toBeCloseTo(20.2, 1)
    expect(verdict.status).toBe('warning')
    expect(verdict.message).toMatch(/^inconclusive: the runner is 1\.3× slower /)
  })

  it('judges as before when the runner is as fast as at recording or its pace is unknown', () => {
    expect(judgeLatency(config, slower, baseline, { factor: 1.1, by: 'loopback_ms' }).status).toBe('failed')
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

  it('names the slower runner in a warning that the spread grew', () => {
    // Same median (20 ms), much wider spread on the log scale, its tail beyond the floor.
    const steady = Array.from({ length: 30 }, (_, i) => 20 * Math.exp(((i % 10) - 4.5) * 0.02))
    const spread = Array.from({ length: 30 }, (_, i) => 20 * Math.exp(((i % 10) - 4.5) * 0.12))
    expect(judgeLatency(config, spread, steady).message).toMatch(/^the spread of latencies grew: p95 [^;]*; /)
    const verdict = judgeLatency(config, spread, steady, { factor: 1.8, by: 'run_queue_factor' })
    expect(verdict.status).toBe('warning')
    expect(verdict.message).toMatch(
      /^the spread of latencies grew: p95 .*, while the runner is 1\.8× slower than when the baseline was recorded \(by its wait for a core\); /
    )
  })
})
