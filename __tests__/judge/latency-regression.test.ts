import {
  compareLatency,
  hodgesLehmann,
  mannWhitneyGreater,
  normalCdf,
  percentiles,
  withoutOutliers,
  type LatencyComparison
} from '../../src/judge/latency-regression.js'

// Seeded so every run draws the same samples: the rates below are exact, not flaky.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function lognormal(random: () => number, median: number, sigma: number, n: number): number[] {
  return Array.from({ length: n }, () => {
    // Box-Muller; 1 - u keeps the logarithm away from 0.
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
    return median * Math.exp(sigma * z)
  })
}

const TRIALS = 1000

interface Scenario {
  seed: number
  targetMedian: number
  targetSigma: number
  samples?: number
}

function simulate(s: Scenario): LatencyComparison[] {
  const random = mulberry32(s.seed)
  const n = s.samples ?? 30
  return Array.from({ length: TRIALS }, () =>
    compareLatency(lognormal(random, 100, 0.25, n), lognormal(random, s.targetMedian, s.targetSigma, n), {
      maxIncrease: 0.1
    })
  )
}

function rate(results: LatencyComparison[], hit: (r: LatencyComparison) => boolean): number {
  return results.filter(hit).length / results.length
}

const isRegression = (r: LatencyComparison) => r.verdict === 'regression'

describe('latency regression simulation (lognormal, median 100 ms, σ 0.25, 30 a side)', () => {
  test('flags a 50% median increase', () => {
    expect(
      rate(simulate({ seed: 1, targetMedian: 150, targetSigma: 0.25 }), isRegression)
    ).toBeGreaterThanOrEqual(0.95)
  })

  test('does not flag a 5% increase, within the 10% tolerance', () => {
    expect(
      rate(simulate({ seed: 2, targetMedian: 105, targetSigma: 0.25 }), isRegression)
    ).toBeLessThanOrEqual(0.05)
  })

  test('does not flag an unchanged latency, neither as a regression nor as a wider spread', () => {
    const results = simulate({ seed: 3, targetMedian: 100, targetSigma: 0.25 })
    expect(rate(results, isRegression)).toBeLessThanOrEqual(0.05)
    expect(rate(results, r => r.varianceIncreased)).toBeLessThanOrEqual(0.05)
  })

  test('reports a doubled spread with an unchanged median, without calling it a regression', () => {
    const results = simulate({ seed: 4, targetMedian: 100, targetSigma: 0.5 })
    expect(rate(results, r => r.varianceIncreased)).toBeGreaterThanOrEqual(0.9)
    expect(rate(results, isRegression)).toBeLessThanOrEqual(0.05)
  })

  test('is inconclusive, never a pass, with 5 samples a side', () => {
    const results = simulate({ seed: 5, targetMedian: 150, targetSigma: 0.25, samples: 5 })
    expect(rate(results, r => r.verdict === 'inconclusive')).toBe(1)
  })
})

describe('compareLatency', () => {
  const baseline = Array.from({ length: 20 }, (_, i) => 100 + i)

  test('explains an inconclusive comparison', () => {
    const result = compareLatency([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], { maxIncrease: 0.1 })
    expect(result.verdict).toBe('inconclusive')
    expect(result.reason).toBe('inconclusive: too few samples (5 baseline, 5 target; need 10 each)')
    expect(result.pValue).toBeNull()
  })

  test('calls a clear slowdown a regression and says so', () => {
    const result = compareLatency(
      baseline,
      baseline.map(v => v + 50),
      { maxIncrease: 0.1 }
    )
    expect(result.verdict).toBe('regression')
    expect(result.shiftMs).toBe(50)
    expect(result.relativeShift).toBeCloseTo(50 / 109.5)
    expect(result.reason).toMatch(/^latency regression: 20 baseline vs 20 target samples, median 109.5 ms/)
  })

  test('passes a significant shift that stays within the tolerance', () => {
    const result = compareLatency(
      baseline,
      baseline.map(v => v + 5),
      { maxIncrease: 0.1 }
    )
    expect(result.verdict).toBe('pass')
    expect(result.shiftMs).toBe(5)
  })

  test('mentions a blown-up spread in the reason', () => {
    const result = compareLatency(
      baseline,
      baseline.map(v => 109.5 + (v - 109.5) * 3),
      { maxIncrease: 0.1 }
    )
    expect(result.verdict).toBe('pass')
    // Three times the spread around the same centre; measured on the log scale, slightly more.
    expect(result.varianceRatio).toBeCloseTo(3.05, 2)
    expect(result.varianceIncreased).toBe(true)
    expect(result.reason).toContain('; the spread grew 3× (IQR 9.5 ms → 28.5 ms)')
  })

  test('drops far outliers before comparing and reports counts after', () => {
    const result = compareLatency(baseline, [...baseline, 10_000], { maxIncrease: 0.1 })
    expect(result.target.count).toBe(20)
    expect(result.shiftMs).toBe(0)
    expect(result.reason).toContain('1 outlier beyond 3×IQR dropped')
  })

  test('rejects a confidence outside (0, 1)', () => {
    expect(() => compareLatency(baseline, baseline, { maxIncrease: 0.1, confidence: 98 })).toThrow(RangeError)
  })
})

describe('statistics', () => {
  test('Hodges-Lehmann shift of [1,2,3] vs [2,3,4] is 1', () => {
    expect(hodgesLehmann([1, 2, 3], [2, 3, 4], 0.98).shift).toBe(1)
  })

  test('Hodges-Lehmann interval takes the k-th differences from each end', () => {
    // 10×10 differences; k = floor(50 − 2.326·√175) = 19, so the 19th smallest and largest.
    const base = Array.from({ length: 10 }, (_, i) => i * 10)
    const { interval } = hodgesLehmann(base, base, 0.98)
    expect(interval).toEqual([-40, 40])
  })

  test('Mann-Whitney p-value is small for clearly separated samples, large for the reverse', () => {
    const low = Array.from({ length: 10 }, (_, i) => i)
    const high = low.map(v => v + 100)
    // Exact p = 1 / C(20, 10) ≈ 5e-6; the normal approximation lands near 1e-4.
    expect(mannWhitneyGreater(low, high)).toBeLessThan(0.001)
    expect(mannWhitneyGreater(high, low)).toBeGreaterThan(0.999)
  })

  test('Mann-Whitney p-value is 1 when every value is tied', () => {
    expect(mannWhitneyGreater([5, 5, 5], [5, 5])).toBe(1)
  })

  test('Mann-Whitney corrects the variance for ties: [1×5, 2×5] vs [2×5, 3×5]', () => {
    // U = 25 + 50 + 25/2 = 87.5; ties 5, 10, 5 give Σ(t³ − t) = 1230, so the variance is
    // 100/12 · (21 − 1230/380) = 148.03 and z = (87.5 − 50 − 0.5) / √148.03 = 3.041.
    const ones = Array<number>(5).fill(1)
    const twos = Array<number>(5).fill(2)
    const threes = Array<number>(5).fill(3)
    expect(mannWhitneyGreater([...ones, ...twos], [...twos, ...threes])).toBeCloseTo(0.0011785, 6)
  })

  test('Mann-Whitney p-value is 1 when a side has no values', () => {
    expect(mannWhitneyGreater([], [1])).toBe(1)
    expect(mannWhitneyGreater([], [])).toBe(1)
  })

  test('Hodges-Lehmann interval ends are the 19th smallest and largest of 10×10 distinct differences', () => {
    // Differences 10j − i (i, j in 0..9) are −9..90, each once: k = floor(50 − 2.3263·√175) = 19.
    const base = Array.from({ length: 10 }, (_, i) => i)
    const target = base.map(v => v * 10)
    expect(hodgesLehmann(base, target, 0.98)).toEqual({ shift: 40.5, interval: [9, 72] })
  })

  test('normal CDF matches tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6)
    expect(normalCdf(-2.326348)).toBeCloseTo(0.01, 6)
  })

  test('percentiles of 1..11 interpolate between ranks', () => {
    const values = [11, 1, 10, 2, 9, 3, 8, 4, 7, 5, 6]
    const p = percentiles(values)
    expect(p.count).toBe(11)
    expect(p.p50).toBe(6)
    expect(p.p90).toBeCloseTo(10)
    expect(p.p95).toBeCloseTo(10.5)
    expect(p.p99).toBeCloseTo(10.9)
    expect(p.iqr).toBe(5)
  })

  test('percentiles of nothing are NaN with a count of 0', () => {
    expect(percentiles([])).toEqual({ count: 0, p50: NaN, p90: NaN, p95: NaN, p99: NaN, iqr: NaN })
  })

  test('a value on an outlier fence is kept, one just beyond it is dropped', () => {
    // Of 9 values Q1 = 1 and Q3 = 5: the fences are 1 − 3·4 = −11 and 5 + 3·4 = 17.
    const inner = [0, 1, 2, 3, 4, 5, 6]
    expect(withoutOutliers([-11, ...inner, 17])).toEqual([-11, ...inner, 17])
    expect(withoutOutliers([-12, ...inner, 18])).toEqual(inner)
  })

  test('outliers are values beyond 3 IQRs of the quartiles, and non-finite values', () => {
    const inner = Array.from({ length: 20 }, (_, i) => i)
    // Of the 22 finite values Q1 = 4.25 and Q3 = 14.75: the fences are −27.25 and 46.25.
    expect(withoutOutliers([45, ...inner, -100, NaN, Infinity])).toEqual([...inner, 45])
  })

  test('a NaN among the values leaves the others sorted', () => {
    // Compared with NaN, a sort has no order to follow: it must be left out before sorting.
    expect(withoutOutliers([5, NaN, 4, 3, 2, 1])).toEqual([1, 2, 3, 4, 5])
  })
})

describe('what a comparison says', () => {
  const baseline = Array.from({ length: 20 }, (_, i) => 100 + i)
  const shifted = (ms: number) => baseline.map(v => v + ms)

  test('a pass names the samples, the medians, the shift with its interval and p-value, and the tolerance', () => {
    const result = compareLatency(baseline, shifted(5), { maxIncrease: 0.1 })
    expect(result).toMatchObject({
      verdict: 'pass',
      reason:
        'no latency regression: 20 baseline vs 20 target samples, median 109.5 ms → 114.5 ms, shift +5 ms (98% interval 0 ms to +10 ms, p = 0.009), not beyond the 10% tolerance (11 ms)',
      shiftMs: 5,
      interval: [0, 10],
      varianceIncreased: false
    })
    expect(result.toleranceMs).toBeCloseTo(10.95, 9)
    expect(result.pValue).toBeCloseTo(0.0093, 4)
    expect(result.varianceRatio).toBeCloseTo(0.956, 3)
  })

  test('a faster target is a pass with a negative shift', () => {
    expect(compareLatency(baseline, shifted(-30), { maxIncrease: 0.1 }).reason).toBe(
      'no latency regression: 20 baseline vs 20 target samples, median 109.5 ms → 79.5 ms, shift -30 ms (98% interval -35 ms to -25 ms, p = 1.000), not beyond the 10% tolerance (11 ms)'
    )
  })

  test('the confidence asked sets the interval', () => {
    expect(compareLatency(baseline, shifted(50), { maxIncrease: 0.1, confidence: 0.9 }).reason).toBe(
      'latency regression: 20 baseline vs 20 target samples, median 109.5 ms → 159.5 ms, shift +50 ms (90% interval +47 ms to +53 ms, p < 0.001), entirely beyond the 10% tolerance (11 ms)'
    )
  })

  test('a regression needs the whole interval beyond the tolerance, the larger of the percentage and minShiftMs', () => {
    // +50 ms: the 98% interval is +45 to +55 ms.
    expect(compareLatency(baseline, shifted(50), { maxIncrease: 0, minShiftMs: 45 })).toMatchObject({
      verdict: 'pass',
      toleranceMs: 45
    })
    expect(compareLatency(baseline, shifted(50), { maxIncrease: 0, minShiftMs: 44.9 }).verdict).toBe(
      'regression'
    )
    expect(compareLatency(baseline, shifted(50), { maxIncrease: 0.5, minShiftMs: 44.9 }).toleranceMs).toBe(
      54.75
    )
  })

  test('a baseline at 0 ms has no relative shift, and one without spread no spread ratio', () => {
    const zeros = Array<number>(12).fill(0)
    expect(compareLatency(zeros, zeros, { maxIncrease: 0.1 })).toMatchObject({
      verdict: 'pass',
      relativeShift: null,
      varianceRatio: null,
      varianceIncreased: false
    })
  })

  test('outliers dropped are counted, also when too few samples are left', () => {
    const result = compareLatency(baseline, [...shifted(5), 10_000, 20_000], { maxIncrease: 0.1 })
    expect(result.reason).toMatch(/; 2 outliers beyond 3×IQR dropped$/)
    expect(compareLatency(baseline.slice(0, 9), [...baseline, 5000], { maxIncrease: 0.1 }).reason).toBe(
      'inconclusive: too few samples (9 baseline, 20 target; need 10 each); 1 outlier beyond 3×IQR dropped'
    )
  })

  test('minSamples sets the evidence needed, and at least one sample a side is', () => {
    expect(compareLatency(baseline, baseline, { maxIncrease: 0.1, minSamples: 21 }).reason).toBe(
      'inconclusive: too few samples (20 baseline, 20 target; need 21 each)'
    )
    expect(compareLatency(baseline, baseline, { maxIncrease: 0.1, minSamples: 20 }).verdict).toBe('pass')
    expect(compareLatency([], [], { maxIncrease: 0.1, minSamples: 0 }).reason).toBe(
      'inconclusive: too few samples (0 baseline, 0 target; need 1 each)'
    )
  })

  test('too few target samples alone make the comparison inconclusive', () => {
    expect(compareLatency(baseline, baseline.slice(0, 9), { maxIncrease: 0.1 }).reason).toBe(
      'inconclusive: too few samples (20 baseline, 9 target; need 10 each)'
    )
  })

  test('the spread ratio compares sample standard deviations of the positive values’ logs', () => {
    // Baseline logs ln 100 + {0, ln 2} (the 0 ms has no logarithm): sd ln 2/√2. Target logs
    // ln 100 + {0, ln 2, 2 ln 2}: sd ln 2. Two values are enough for a spread.
    const result = compareLatency([0, 100, 200], [100, 200, 400], { maxIncrease: 0.1, minSamples: 2 })
    expect(result.varianceRatio).toBeCloseTo(Math.SQRT2, 12)
    expect(result.varianceIncreased).toBe(false)
  })

  test('a spread ratio of exactly 1.5 is not reported as a wider spread', () => {
    // ln 27 / ln 9 = 3/2: the target's log spread is one and a half times the baseline's.
    expect(compareLatency([1, 9], [1, 27], { maxIncrease: 0.1, minSamples: 2 })).toMatchObject({
      varianceRatio: 1.5,
      varianceIncreased: false
    })
  })

  test('a single target value has no spread: the spread ratio is 0', () => {
    expect(compareLatency([100, 200], [150], { maxIncrease: 0.1, minSamples: 1 }).varianceRatio).toBe(0)
  })

  test('rejects a negative or unknown tolerance and a confidence of 0 or 1', () => {
    expect(() => compareLatency(baseline, baseline, { maxIncrease: -0.1 })).toThrow(
      'maxIncrease must be >= 0, got -0.1'
    )
    expect(() => compareLatency(baseline, baseline, { maxIncrease: NaN })).toThrow(RangeError)
    expect(() => compareLatency(baseline, baseline, { maxIncrease: 0 })).not.toThrow()
    for (const confidence of [0, 1])
      expect(() => compareLatency(baseline, baseline, { maxIncrease: 0.1, confidence })).toThrow(
        `confidence must be in (0, 1), got ${confidence}`
      )
  })
})
