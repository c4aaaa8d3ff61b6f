// Is the new deployment slower than the baseline? Kayenta-style judgement on two latency samples:
// drop far outliers, test with Mann-Whitney U, size the shift with Hodges-Lehmann and its confidence
// interval, and call a regression only when the whole interval lies beyond the tolerance. Rank-based,
// so the heavy right tail of latencies neither hides nor fakes a shift. Pure: no I/O, no clock.
import type { Percentiles } from '../model/figures.js'
import { count } from '../model/wording.js'

export interface LatencyComparisonOptions {
  /** Largest acceptable increase of the typical latency, as a fraction: 0.2 = 20%. */
  maxIncrease: number
  /** Two-sided confidence of the interval on the shift; default 0.98 (Kayenta's). */
  confidence?: number
  /** Fewer samples than this on either side (after dropping outliers) is inconclusive; default 10. */
  minSamples?: number
  /** The smallest shift (ms) that can be a regression, whatever the percentage; default 0. */
  minShiftMs?: number
}

/** Inconclusive is never a pass: the caller decides what too little evidence means. */
export type ShiftVerdict = 'pass' | 'regression' | 'inconclusive'

export interface LatencyComparison {
  verdict: ShiftVerdict
  /** One plain sentence: what was compared and what was found. */
  reason: string
  /** One-sided Mann-Whitney U p-value that the target is slower; null when inconclusive. */
  pValue: number | null
  /** Hodges-Lehmann estimate of target - baseline (ms). */
  shiftMs: number | null
  /** Confidence interval of the shift (ms). */
  interval: [number, number] | null
  /** The largest shift (ms) that is no regression; null when inconclusive. */
  toleranceMs: number | null
  /** shiftMs / baseline median; null when the baseline median is 0. */
  relativeShift: number | null
  /**
   * Spread of the target over the baseline's, as the ratio of the standard deviations of the log
   * latencies (latencies are roughly lognormal); null when the baseline has no spread.
   */
  varianceRatio: number | null
  /** Spread ratio above 1.5, whatever the shift: a wider spread is reported, never hidden. */
  varianceIncreased: boolean
  baseline: Percentiles
  target: Percentiles
}

const DEFAULT_CONFIDENCE = 0.98
const DEFAULT_MIN_SAMPLES = 10
// Kayenta's default: only values this many IQRs beyond the quartiles are errors, not slow requests.
const OUTLIER_IQRS = 3
// On the log scale a doubled spread (ratio 2) is told from noise with 30 samples a side: the sample
// ratio's log has a standard error near 0.19, so 1.5 catches ~94% of doublings and ~1.5% of no change.
const VARIANCE_RATIO_LIMIT = 1.5

export function compareLatency(
  baseline: number[],
  target: number[],
  options: LatencyComparisonOptions
): LatencyComparison {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE
  // At least one sample a side, or there is nothing to compare.
  const minSamples = Math.max(1, options.minSamples ?? DEFAULT_MIN_SAMPLES)
  if (!(options.maxIncrease >= 0))
    throw new RangeError(`maxIncrease must be >= 0, got ${options.maxIncrease}`)
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)

  const base = withoutOutliers(baseline)
  const targ = withoutOutliers(target)
  const basePct = percentiles(base)
  const targPct = percentiles(targ)
  const dropped = baseline.length - base.length + (target.length - targ.length)
  const droppedNote = dropped > 0 ? `; ${count(dropped, 'outlier')} beyond ${OUTLIER_IQRS}×IQR dropped` : ''

  if (base.length < minSamples || targ.length < minSamples) {
    return {
      verdict: 'inconclusive',
      reason:
        `inconclusive: too few samples (${base.length} baseline, ${targ.length} target; ` +
        `need ${minSamples} each)${droppedNote}`,
      pValue: null,
      shiftMs: null,
      interval: null,
      toleranceMs: null,
      relativeShift: null,
      varianceRatio: null,
      varianceIncreased: false,
      baseline: basePct,
      target: targPct
    }
  }

  const pValue = mannWhitneyGreater(base, targ)
  const { shift, interval } = hodgesLehmann(base, targ, confidence)
  const tolerance = Math.max(options.maxIncrease * basePct.p50, options.minShiftMs ?? 0)
  const regression = interval[0] > tolerance
  const baseSpread = logSpread(base)
  const varianceRatio = baseSpread > 0 ? logSpread(targ) / baseSpread : null
  const varianceIncreased = varianceRatio !== null && varianceRatio > VARIANCE_RATIO_LIMIT

  const level = `${round(confidence * 100)}%`
  const found =
    `median ${ms(basePct.p50)} → ${ms(targPct.p50)}, shift ${signedMs(shift)} ` +
    `(${level} interval ${signedMs(interval[0])} to ${signedMs(interval[1])}, ${pText(pValue)})`
  const limit = `${round(options.maxIncrease * 100)}% tolerance (${ms(tolerance)})`
  const spread = varianceIncreased
    ? `; the spread grew ${round(varianceRatio)}× (IQR ${ms(basePct.iqr)} → ${ms(targPct.iqr)})`
    : ''
  const compared = `${base.length} baseline vs ${targ.length} target samples`
  const reason = regression
    ? `latency regression: ${compared}, ${found}, entirely beyond the ${limit}${spread}${droppedNote}`
    : `no latency regression: ${compared}, ${found}, not beyond the ${limit}${spread}${droppedNote}`

  return {
    verdict: regression ? 'regression' : 'pass',
    reason,
    pValue,
    shiftMs: shift,
    interval,
    toleranceMs: tolerance,
    relativeShift: basePct.p50 > 0 ? shift / basePct.p50 : null,
    varianceRatio,
    varianceIncreased,
    baseline: basePct,
    target: targPct
  }
}

/** Sorted finite values within Q1 − 3·IQR .. Q3 + 3·IQR. */
export function withoutOutliers(values: readonly number[]): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0) return sorted
  const q1 = quantile(sorted, 0.25)
  const q3 = quantile(sorted, 0.75)
  const low = q1 - OUTLIER_IQRS * (q3 - q1)
  const high = q3 + OUTLIER_IQRS * (q3 - q1)
  return sorted.filter(v => v >= low && v <= high)
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    iqr: quantile(sorted, 0.75) - quantile(sorted, 0.25)
  }
}

/** Linear interpolation between closest ranks (R's type 7, numpy's default); NaN when empty. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p
  const below = sorted[Math.floor(h)]
  const above = sorted[Math.ceil(h)]
  if (below === undefined || above === undefined) return NaN
  return below + (h - Math.floor(h)) * (above - below)
}

/**
 * One-sided p-value that target values tend to be larger: normal approximation of U with the tie
 * correction of its variance and a continuity correction, accurate enough from ~10 samples a side.
 */
export function mannWhitneyGreater(baseline: readonly number[], target: readonly number[]): number {
  const n = baseline.length
  const m = target.length
  const all = [...baseline.map(v => ({ v, target: false })), ...target.map(v => ({ v, target: true }))]
  all.sort((a, b) => a.v - b.v)
  let targetRanks = 0
  let tieTerm = 0
  for (let i = 0; i < all.length;) {
    let j = i
    while (j + 1 < all.length && all[j + 1]?.v === all[i]?.v) j++
    // Tied values share the mean of the ranks i+1 .. j+1.
    const rank = (i + j + 2) / 2
    const ties = j - i + 1
    tieTerm += ties ** 3 - ties
    for (let k = i; k <= j; k++) if (all[k]?.target) targetRanks += rank
    i = j + 1
  }
  const u = targetRanks - (m * (m + 1)) / 2
  const total = n + m
  const variance = ((n * m) / 12) * (total + 1 - tieTerm / (total * (total - 1)))
  // Every value tied: no evidence either way.
  if (!(variance > 0)) return 1
  return 1 - normalCdf((u - (n * m) / 2 - 0.5) / Math.sqrt(variance))
}

/**
 * Hodges-Lehmann shift (median of all target − baseline differences) and its distribution-free
 * interval: the k-th smallest and k-th largest difference, k from the normal approximation of U.
 */
export function hodgesLehmann(
  baseline: readonly number[],
  target: readonly number[],
  confidence: number
): { shift: number; interval: [number, number] } {
  const n = baseline.length
  const m = target.length
  const diffs = new Float64Array(n * m)
  let at = 0
  for (const t of target) for (const b of baseline) diffs[at++] = t - b
  diffs.sort()
  const z = normalQuantile(1 - (1 - confidence) / 2)
  // Too few samples for the confidence asked: the interval widens to the full range.
  const k = Math.max(1, Math.floor((n * m) / 2 - z * Math.sqrt((n * m * (n + m + 1)) / 12)))
  return {
    shift: quantile(diffs, 0.5),
    interval: [diffs[k - 1] ?? NaN, diffs[n * m - k] ?? NaN]
  }
}

export function normalCdf(x: number): number {
  return x >= 0 ? 1 - erfc(x / Math.SQRT2) / 2 : erfc(-x / Math.SQRT2) / 2
}

/** Inverse of normalCdf by bisection: called once per comparison, so simplicity beats speed. */
function normalQuantile(p: number): number {
  let low = -40
  let high = 40
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2
    if (normalCdf(mid) < p) low = mid
    else high = mid
  }
  return (low + high) / 2
}

// Chebyshev fit of erfc for x >= 0 (Numerical Recipes' erfcc), relative error below 1.2e-7.
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277
]

function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x)
  const poly = ERFC_COEFFICIENTS.reduceRight((sum, c) => c + t * sum, 0)
  return t * Math.exp(-x * x + poly)
}

function round(x: number): number {
  return Math.round(x * 10) / 10
}

/** A latency to a tenth of a millisecond: `12.3 ms`. */
export function ms(x: number): string {
  return `${round(x)} ms`
}

function signedMs(x: number): string {
  return `${x > 0 ? '+' : ''}${ms(x)}`
}

function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`
}

/** Standard deviation of the logarithms of the positive values: the spread of a lognormal sample. */
function logSpread(values: number[]): number {
  const logs = values.filter(value => value > 0).map(Math.log)
  if (logs.length < 2) return 0
  const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length
  return Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (logs.length - 1))
}
