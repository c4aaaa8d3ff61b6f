// A service's latency against the baseline, in words first and in figures for whoever checks them.
import type { LatencyFinding } from '../../src/model/report.js'
import { isUnchanged, latencyInWords, medianNow, statisticsCells } from '../../src/report/latency-words.js'

const now = { count: 40, p50: 7.34, p90: 20, p95: 25.5, p99: 130.4, iqr: 3 }
const before = { count: 30, p50: 8, p90: 15, p95: 18, p99: 9.96, iqr: 2 }

function finding(overrides: Partial<LatencyFinding> = {}): LatencyFinding {
  return {
    status: 'passed',
    p_value: 0.4,
    shift_ms: 0.5,
    interval_ms: [-1.2, 2],
    relative_shift: 0.06,
    variance_ratio: 1.1,
    runner_slowdown: null,
    window_ms: null,
    baseline: before,
    target: now,
    bounds: [],
    ...overrides
  }
}

describe('latency in words', () => {
  test('unchanged when the interval holds zero', () => {
    expect(latencyInWords(finding())).toBe('median 7.3 ms, unchanged from the baseline (8 ms)')
    expect(latencyInWords(finding({ interval_ms: [0, 3] }))).toBe(
      'median 7.3 ms, unchanged from the baseline (8 ms)'
    )
    expect(latencyInWords(finding({ interval_ms: [-3, 0] }))).toBe(
      'median 7.3 ms, unchanged from the baseline (8 ms)'
    )
  })

  test('slower or faster, by how much and by what share, when the interval is off zero', () => {
    expect(latencyInWords(finding({ shift_ms: 4.34, interval_ms: [2, 6], relative_shift: 0.5 }))).toBe(
      "median 7.3 ms, slower than the baseline's 8 ms (by 4.3 ms, 50%)"
    )
    expect(latencyInWords(finding({ shift_ms: -30, interval_ms: [-40, -20], relative_shift: -0.25 }))).toBe(
      "median 7.3 ms, faster than the baseline's 8 ms (by 30 ms, 25%)"
    )
    expect(latencyInWords(finding({ shift_ms: 4, interval_ms: [2, 6], relative_shift: null }))).toBe(
      "median 7.3 ms, slower than the baseline's 8 ms (by 4 ms)"
    )
  })

  test('says when there is no baseline, or no samples at all', () => {
    const alone = { baseline: null, shift_ms: null, interval_ms: null, relative_shift: null }
    expect(latencyInWords(finding(alone))).toBe('median 7.3 ms, no baseline to compare with')
    expect(latencyInWords(finding({ ...alone, target: { ...now, count: 0 } }))).toBe('no latency samples')
  })

  test('says when there were too few samples to compare, with how many on each side', () => {
    expect(latencyInWords(finding({ shift_ms: null }))).toBe(
      'median 7.3 ms; too few samples to compare with the baseline (30 there, 40 now)'
    )
    expect(latencyInWords(finding({ interval_ms: null }))).toBe(
      'median 7.3 ms; too few samples to compare with the baseline (30 there, 40 now)'
    )
  })

  test('names a spread that grew more than half again, and every bound not met', () => {
    const bounds = [
      {
        bound: 'p95 < 1s',
        observed: 25.5,
        limit: 1000,
        status: 'passed' as const,
        message: 'p95 25.5 ms < 1 s'
      },
      {
        bound: 'p99 < 100ms',
        observed: 130.4,
        limit: 100,
        status: 'failed' as const,
        message: 'p99 130 ms over 100 ms'
      }
    ]
    expect(latencyInWords(finding({ variance_ratio: 2.26, bounds }))).toBe(
      'median 7.3 ms, unchanged from the baseline (8 ms); its spread grew 2.3×; p99 130 ms over 100 ms'
    )
    expect(latencyInWords(finding({ variance_ratio: 1.5 }))).toBe(
      'median 7.3 ms, unchanged from the baseline (8 ms)'
    )
  })
})

describe('an unchanged latency', () => {
  test('passed, with the interval holding zero, the spread held and every bound met', () => {
    expect(isUnchanged(finding())).toBe(true)
    expect(isUnchanged(finding({ interval_ms: [0, 0] }))).toBe(true)
    expect(isUnchanged(finding({ variance_ratio: null }))).toBe(true)
    expect(isUnchanged(finding({ variance_ratio: 1.5 }))).toBe(true)
    const met = { bound: 'p95 < 1s', observed: 25.5, limit: 1000, status: 'passed' as const, message: 'met' }
    expect(isUnchanged(finding({ bounds: [met, met] }))).toBe(true)
  })

  test('is none of a warning, a moved median, a grown spread, a bound not met, or no comparison', () => {
    expect(isUnchanged(finding({ status: 'warning' }))).toBe(false)
    expect(isUnchanged(finding({ interval_ms: [0.1, 2] }))).toBe(false)
    expect(isUnchanged(finding({ interval_ms: [-2, -0.1] }))).toBe(false)
    expect(isUnchanged(finding({ interval_ms: null }))).toBe(false)
    expect(isUnchanged(finding({ variance_ratio: 1.6 }))).toBe(false)
    const warned = {
      bound: 'p95 < 20ms',
      observed: 25.5,
      limit: 20,
      status: 'warning' as const,
      message: 'close'
    }
    expect(isUnchanged(finding({ bounds: [warned] }))).toBe(false)
  })

  test('is named by its median alone', () => {
    expect(medianNow(finding())).toBe('median 7.3 ms')
    expect(medianNow(finding({ target: { ...now, p50: Number.NaN } }))).toBe('median —')
  })
})

describe('the statistics behind the words', () => {
  test('samples and percentiles on both sides, the signed shift with its interval, the p-value and the spread', () => {
    expect(
      statisticsCells(
        finding({ shift_ms: 4.34, interval_ms: [2, 6.04], p_value: 0.01234, variance_ratio: 2.26 })
      )
    ).toEqual([
      '30 → 40',
      '8 ms → 7.3 ms',
      '18 ms → 26 ms',
      '10 ms → 130 ms',
      '+4.3 ms (+2 ms to +6 ms)',
      '0.012',
      '2.3×'
    ])
  })

  test('a faster shift keeps its minus; a tiny p-value is bounded', () => {
    const cells = statisticsCells(finding({ shift_ms: -12.6, interval_ms: [-20, -5], p_value: 0.0004 }))
    expect(cells.slice(4, 6)).toEqual(['-13 ms (-20 ms to -5 ms)', '< 0.001'])
    expect(statisticsCells(finding({ shift_ms: 0, interval_ms: null, p_value: 0.001 })).slice(4, 6)).toEqual([
      '0 ms',
      '0.001'
    ])
  })

  test('without a baseline: the samples now and dashes where nothing was compared', () => {
    expect(
      statisticsCells(
        finding({ baseline: null, shift_ms: null, interval_ms: null, p_value: null, variance_ratio: null })
      )
    ).toEqual(['40 samples', '7.3 ms', '26 ms', '130 ms', '—', '—', '—'])
    expect(statisticsCells(finding({ baseline: null, target: { ...now, count: 1 } }))[0]).toBe('1 sample')
  })
})
