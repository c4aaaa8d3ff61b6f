// A service's latency against the baseline in the words a reader wants first ("median 12 ms,
// unchanged from the baseline"), and the statistics behind them for whoever wants to check.
import { factor, slowerRunnerInWords, slowerThanNoise } from '../judge/runner-slowdown.js'
import type { LatencyFinding } from '../model/report.js'
import { count, percent } from '../model/wording.js'

/** One sentence: the median now, and how it moved against the baseline's. */
export function latencyInWords(finding: LatencyFinding): string {
  const { baseline, target } = finding
  const now = medianNow(finding)
  const parts = [target.count ? now : 'no latency samples']
  if (!baseline) parts[0] += target.count ? ', no baseline to compare with' : ''
  else if (finding.shift_ms === null || !finding.interval_ms)
    parts.push(`too few samples to compare with the baseline (${baseline.count} there, ${target.count} now)`)
  else
    parts[0] += `, ${movement(finding.shift_ms, finding.interval_ms, baseline.p50, finding.relative_shift)}`
  if (finding.variance_ratio !== null && finding.variance_ratio > SPREAD_WORTH_SAYING)
    parts.push(`its spread grew ${round(finding.variance_ratio)}×`)
  for (const bound of finding.bounds) if (bound.status !== 'passed') parts.push(bound.message)
  // A shift on a busy runner may be the runner's: a reader of a warning or failure needs to know.
  const slowdown = finding.runner_slowdown
  if (finding.status !== 'passed' && slowdown !== null && slowerThanNoise(slowdown))
    parts.push(slowerRunnerInWords(slowdown))
  return parts.join('; ')
}

/**
 * The runner's measured slowdown (one figure for the whole run: every service was sampled on the
 * same runner), or undefined when either run did not measure it.
 */
export function runnerPaceInWords(latency: readonly LatencyFinding[]): string | undefined {
  const slowdown = latency.find(finding => finding.runner_slowdown !== null)?.runner_slowdown
  if (slowdown === undefined || slowdown === null) return undefined
  const measured = `the runner took ${factor(slowdown)} the time it took when the baseline was recorded (a loopback round trip, a CPU task and, where the system tells it, the wait for a core)`
  return slowerThanNoise(slowdown)
    ? `${measured}: measurably slower, so a shift it explains is inconclusive (a warning), not a regression`
    : measured
}

/** Passed with nothing worth a sentence of its own: the median did not move, the tail held. */
export function isUnchanged(finding: LatencyFinding): boolean {
  const interval = finding.interval_ms
  return (
    finding.status === 'passed' &&
    interval !== null &&
    interval[0] <= 0 &&
    interval[1] >= 0 &&
    !(finding.variance_ratio !== null && finding.variance_ratio > SPREAD_WORTH_SAYING) &&
    finding.bounds.every(bound => bound.status === 'passed')
  )
}

/** `median 12 ms`: all a reader needs of a service whose latency did not change. */
export function medianNow(finding: LatencyFinding): string {
  return `median ${ms(finding.target.p50)}`
}

/** The figures behind the words, as table cells: samples, p50, p95, p99, shift, p-value, spread. */
export const STATISTICS_HEAD = [
  '| Service | Samples (baseline → now) | p50 | p95 | p99 | Shift (interval) | p-value | Spread ratio |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |'
]

export function statisticsCells(finding: LatencyFinding): string[] {
  const { baseline, target } = finding
  const pair = (key: 'p50' | 'p95' | 'p99') =>
    baseline ? `${ms(baseline[key])} → ${ms(target[key])}` : ms(target[key])
  const interval = finding.interval_ms
  return [
    baseline ? `${baseline.count} → ${target.count}` : count(target.count, 'sample'),
    pair('p50'),
    pair('p95'),
    pair('p99'),
    finding.shift_ms === null
      ? '—'
      : `${signed(finding.shift_ms)}${interval ? ` (${signed(interval[0])} to ${signed(interval[1])})` : ''}`,
    finding.p_value === null ? '—' : finding.p_value < 0.001 ? '< 0.001' : finding.p_value.toFixed(3),
    finding.variance_ratio === null ? '—' : `${round(finding.variance_ratio)}×`
  ]
}

/** Matches the judge's own limit: a wider spread than this is reported, never hidden. */
const SPREAD_WORTH_SAYING = 1.5

function movement(shift: number, interval: [number, number], base: number, relative: number | null): string {
  // The judge's interval holds the true shift at its confidence: when it holds 0, nothing moved.
  if (interval[0] <= 0 && interval[1] >= 0) return `unchanged from the baseline (${ms(base)})`
  const by =
    relative === null ? ms(Math.abs(shift)) : `${ms(Math.abs(shift))}, ${percent(Math.abs(relative))}`
  return `${shift > 0 ? 'slower' : 'faster'} than the baseline's ${ms(base)} (by ${by})`
}

/** Milliseconds with the precision a reader can use: 0.4 ms, 12 ms, 1250 ms. */
function ms(x: number): string {
  return Number.isFinite(x) ? `${round(x)} ms` : '—'
}

function signed(x: number): string {
  return `${x > 0 ? '+' : ''}${ms(x)}`
}

function round(x: number): number {
  return Math.abs(x) < 10 ? Math.round(x * 10) / 10 : Math.round(x)
}
