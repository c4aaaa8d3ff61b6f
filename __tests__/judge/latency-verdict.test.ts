// A service's latency verdict: the regression test against the baseline plus the percentile bounds.
import { describe, expect, it } from '@jest/globals'
import type { LatencyComparisonConfig, PercentileBound } from '../../src/config/model.js'
import { judgeLatency } from '../../src/judge/latency-verdict.js'

/** 1..n ms times `scale`: evenly spread samples whose percentiles are easy to read. */
const ramp = (n: number, scale = 1) => Array.from({ length: n }, (_, i) => (i + 1) * scale)

const bound = (text: string, percentile: number, limit: PercentileBound['limit'], op: '<' | '<=' = '<') => ({
  text,
  percentile,
  op,
  limit
})

const config = (bounds: PercentileBound[] = []): LatencyComparisonConfig => ({
  samples: 20,
  maxIncrease: 0.2,
  bounds
})

describe('the latency verdict', () => {
  it('passes an unchanged service and keeps both sides percentiles', () => {
    const verdict = judgeLatency(config(), ramp(20), ramp(20))
    expect(verdict.status).toBe('passed')
    expect(verdict.comparison?.verdict).toBe('pass')
    expect(verdict.comparison?.pValue).toBeGreaterThan(0.4)
    expect(verdict.comparison?.baseline.p50).toBe(10.5)
    expect(verdict.target.p50).toBe(10.5)
  })

  it('fails a service three times slower, saying it is a regression', () => {
    const verdict = judgeLatency(config(), ramp(20, 3), ramp(20))
    expect(verdict.status).toBe('failed')
    expect(verdict.message).toMatch(
      /^latency regression: 20 baseline vs 20 target samples, median 10.5 ms → 31.5 ms/
    )
  })

  it('does not call a shift of a fraction of a millisecond a regression, however large in percent', () => {
    // A database answering in about 0.5 ms instead of 0.3 ms.
    const verdict = judgeLatency(config(), ramp(20, 0.05), ramp(20, 0.03))
    expect(verdict.comparison?.verdict).toBe('pass')
    expect(verdict.message).toContain('not beyond the 20% tolerance (2 ms)')
  })

  it('reports the target percentiles it judged: after far outliers were dropped, like the baseline', () => {
    // One request that waited 400 ms for a core: not the service's latency, and not its p95 either.
    const verdict = judgeLatency(config(), [...ramp(19), 400], ramp(20))
    expect(verdict.target).toEqual(verdict.comparison?.target)
    expect(verdict.target.count).toBe(19)
    expect(verdict.target.p95).toBeLessThan(20)
    expect(judgeLatency(config(), [...ramp(19), 400], undefined).target.count).toBe(19)
  })

  it('warns, never passes, when there are too few samples to tell', () => {
    const verdict = judgeLatency(config(), ramp(5), ramp(5))
    expect(verdict.status).toBe('warning')
    expect(verdict.message).toMatch(/^inconclusive: too few samples \(5 baseline, 5 target; need 10 each\)/)
  })

  it('holds the target to an absolute bound, with or without a baseline', () => {
    const within = judgeLatency(config([bound('p95 < 500ms', 95, { ms: 500 })]), ramp(20), undefined)
    expect(within.status).toBe('passed')
    expect(within.comparison).toBeNull()
    expect(within.bounds).toEqual([
      expect.objectContaining({ observed: 19.05, limit: 500, status: 'passed' })
    ])

    const broken = judgeLatency(config([bound('p95 < 15ms', 95, { ms: 15 })]), ramp(20), undefined)
    expect(broken.status).toBe('failed')
    expect(broken.message).toBe('p95 19.1 ms breaks p95 < 15ms: limit 15 ms')
  })

  it('scales a relative bound by the baseline, and warns when there is no baseline to scale', () => {
    const relative = [bound('p50 <= +20%', 50, { increase: 0.2 }, '<=')]
    // The same samples doubled: the median moves from 10.5 to 21 ms, beyond 12.6 ms.
    const slower = judgeLatency({ ...config(relative), maxIncrease: 5 }, ramp(20, 2), ramp(20))
    expect(slower.status).toBe('failed')
    expect(slower.message).toContain('p50 21 ms breaks p50 <= +20%: limit 12.6 ms (baseline 10.5 ms)')

    const alone = judgeLatency(config(relative), ramp(20), undefined)
    expect(alone.status).toBe('warning')
    expect(alone.message).toBe('p50 <= +20%: no baseline to compare with (p50 is 10.5 ms)')
  })

  it('warns when the spread grows though the median holds', () => {
    // Same median (20 ms), much wider spread on the log scale.
    const baseline = Array.from({ length: 30 }, (_, i) => 20 * Math.exp(((i % 10) - 4.5) * 0.02))
    const target = Array.from({ length: 30 }, (_, i) => 20 * Math.exp(((i % 10) - 4.5) * 0.12))
    const verdict = judgeLatency(config(), target, baseline)
    expect(verdict.comparison?.varianceIncreased).toBe(true)
    expect(verdict.status).toBe('warning')
    expect(verdict.message).toMatch(
      /^the spread of latencies grew: p95 21\.9 ms → 34\.3 ms; no latency regression: /
    )
  })

  it('does not warn of a wider spread whose tail grows by less than 5 ms beyond the tolerance', () => {
    // Redis on a shared runner: same median (0.3 ms), a p95 some milliseconds up: noise, not news.
    const baseline = Array.from({ length: 30 }, (_, i) => 0.3 * Math.exp(((i % 10) - 4.5) * 0.02))
    const target = Array.from({ length: 30 }, (_, i) => 0.3 * Math.exp(((i % 10) - 4.5) * 0.5))
    const quiet = judgeLatency(config(), target, baseline)
    expect(quiet.comparison?.varianceIncreased).toBe(true)
    expect(quiet.target.p95).toBeGreaterThan(2)
    expect(quiet.status).toBe('passed')
    expect(quiet.message).not.toContain('the spread of latencies grew')
    // The same shape ten times larger reaches a tail users feel: then it warns.
    const loud = judgeLatency(
      config(),
      target.map(ms => ms * 10),
      baseline.map(ms => ms * 10)
    )
    expect(loud.status).toBe('warning')
    expect(loud.message).toMatch(/^the spread of latencies grew: p95 3\.\d ms → 2\d\.\d ms/)
  })
})

describe('the percentile bounds of a latency verdict', () => {
  it('without a baseline or bounds, passes saying how many samples and their median', () => {
    expect(judgeLatency(config(), ramp(20), undefined)).toMatchObject({
      status: 'passed',
      message: '20 samples, median 10.5 ms',
      comparison: null,
      bounds: [],
      target: { count: 20, p50: 10.5 }
    })
  })

  it('warns when there are no samples to judge a bound by', () => {
    const verdict = judgeLatency(config([bound('p95 < 500ms', 95, { ms: 500 })]), [], undefined)
    expect(verdict.status).toBe('warning')
    expect(verdict.bounds).toEqual([
      {
        bound: 'p95 < 500ms',
        observed: null,
        limit: 500,
        status: 'warning',
        message: 'p95 < 500ms: no samples to judge'
      }
    ])
  })

  it('< excludes the limit and <= includes it', () => {
    const strict = judgeLatency(config([bound('p50 < 10.5ms', 50, { ms: 10.5 })]), ramp(20), undefined)
    expect(strict.message).toBe('p50 10.5 ms breaks p50 < 10.5ms: limit 10.5 ms')
    expect(strict.status).toBe('failed')
    const inclusive = judgeLatency(
      config([bound('p50 <= 10.5ms', 50, { ms: 10.5 }, '<=')]),
      ramp(20),
      undefined
    )
    expect(inclusive).toMatchObject({
      status: 'passed',
      message: 'p50 10.5 ms within p50 <= 10.5ms: limit 10.5 ms',
      bounds: [{ bound: 'p50 <= 10.5ms', observed: 10.5, limit: 10.5, status: 'passed' }]
    })
  })

  it('a relative bound within its limit names the baseline; an absolute one does not', () => {
    const verdict = judgeLatency(
      config([bound('p90 <= +20%', 90, { increase: 0.2 }, '<='), bound('p90 < 1s', 90, { ms: 1000 })]),
      ramp(20),
      ramp(20)
    )
    expect(verdict.bounds.map(b => b.message)).toEqual([
      'p90 18.1 ms within p90 <= +20%: limit 21.7 ms (baseline 18.1 ms)',
      'p90 18.1 ms within p90 < 1s: limit 1000 ms'
    ])
  })

  it('tells the problems first: failures, then warnings, then what holds', () => {
    const verdict = judgeLatency(
      config([
        bound('p50 < 1s', 50, { ms: 1000 }),
        bound('p50 <= +10%', 50, { increase: 0.1 }, '<='),
        bound('p95 < 5ms', 95, { ms: 5 })
      ]),
      ramp(20),
      undefined
    )
    expect(verdict.status).toBe('failed')
    expect(verdict.message.split('; ')).toEqual([
      'p95 19.1 ms breaks p95 < 5ms: limit 5 ms',
      'p50 <= +10%: no baseline to compare with (p50 is 10.5 ms)',
      'p50 10.5 ms within p50 < 1s: limit 1000 ms'
    ])
  })
})

describe('the spread and the order of samples', () => {
  /** 30 latencies around `median`, spread by `sigma` on the log scale. */
  const spread = (median: number, sigma: number) =>
    Array.from({ length: 30 }, (_, i) => median * Math.exp(((i % 10) - 4.5) * sigma))

  it('a wider spread whose tail stays within the tolerance (plus 5 ms) passes', () => {
    const verdict = judgeLatency(config(), spread(20, 0.06), spread(20, 0.02))
    expect(verdict.comparison?.varianceIncreased).toBe(true)
    expect(verdict.status).toBe('passed')
    expect(verdict.message).not.toContain('the spread of latencies grew')
  })

  it('a regression is not also told as a wider spread', () => {
    const verdict = judgeLatency(config(), spread(60, 0.12), spread(20, 0.02))
    expect(verdict.comparison).toMatchObject({ verdict: 'regression', varianceIncreased: true })
    expect(verdict.message).not.toContain('the spread of latencies grew')
  })

  it('bounds read percentiles of the samples in any order', () => {
    const verdict = judgeLatency(config([bound('p95 < 15ms', 95, { ms: 15 })]), ramp(20).reverse(), undefined)
    expect(verdict.message).toBe('p95 19.1 ms breaks p95 < 15ms: limit 15 ms')
  })
})
