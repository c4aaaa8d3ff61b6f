// The latency verdict of one service: the target's samples against the baseline's (a regression
// test) and against the file's percentile bounds, absolute (`p95 < 500ms`) or relative to the
// baseline (`p95 <= +20%`). Too little evidence is a warning, never a pass.
import type { BoundResult } from '../model/figures.js'
import type { LatencyComparisonConfig, PercentileBound } from '../config/model.js'
import type { CheckStatus } from '../model/check.js'
import {
  compareLatency,
  ms,
  percentiles,
  quantile,
  withoutOutliers,
  type LatencyComparison
} from './latency-regression.js'
import { type Percentiles } from '../model/figures.js'
import {
  measurablySlower,
  slowdownExplains,
  slowerRunnerInWords,
  type RunnerSlowdown
} from './runner-slowdown.js'

// A shift below this is the noise of networks and shared runners, not a slower service: a database
// answering in 0.4 ms instead of 0.3 ms is 33% slower and no one's problem.
const MIN_SHIFT_MS = 2
// The tail moves more than the median on a shared runner: one scheduler time slice (4 ms at Linux's
// usual 250 Hz) spent waiting lands in the p95 of a small sample. A p95 from 0.3 ms to 3.4 ms is that.
const MIN_TAIL_GROWTH_MS = 5

export interface LatencyVerdict {
  status: Extract<CheckStatus, 'passed' | 'warning' | 'failed'>
  message: string
  /** Null without baseline samples. */
  comparison: LatencyComparison | null
  bounds: BoundResult[]
  /** The target's percentiles after far outliers were dropped: the figures the comparison judged. */
  target: Percentiles
}

/**
 * `baseline` is undefined when there is no baseline to compare with; `runnerSlowdown` is how many
 * times slower the runner is than at recording (null when unknown, see judge/runner-slowdown).
 */
export function judgeLatency(
  config: LatencyComparisonConfig,
  target: readonly number[],
  baseline: readonly number[] | undefined,
  runnerSlowdown: RunnerSlowdown | null = null
): LatencyVerdict {
  const slower = measurablySlower(runnerSlowdown)
    ? slowerRunnerInWords(runnerSlowdown.factor, runnerSlowdown.by)
    : undefined
  const comparison = baseline
    ? compareLatency([...baseline], [...target], {
        maxIncrease: config.maxIncrease,
        minShiftMs: MIN_SHIFT_MS
      })
    : null
  const bounds = config.bounds.map(bound => judgeBound(bound, target, baseline))
  const findings: Array<{ status: LatencyVerdict['status']; text: string }> = []
  if (comparison) {
    findings.push(judgeShift(comparison, runnerSlowdown, slower))
    // A wider spread matters when it reaches the tail users feel, beyond the tolerance. A busy runner
    // widens it too: the warning then names the runner, as an inconclusive shift does.
    const tailGrew =
      comparison.target.p95 > comparison.baseline.p95 * (1 + config.maxIncrease) + MIN_TAIL_GROWTH_MS
    if (comparison.varianceIncreased && comparison.verdict === 'pass' && tailGrew)
      findings.push({
        status: 'warning',
        text: `the spread of latencies grew: p95 ${ms(comparison.baseline.p95)} → ${ms(comparison.target.p95)}${slower ? `, while ${slower}` : ''}`
      })
  }
  for (const bound of bounds) findings.push({ status: bound.status, text: bound.message })
  const status = findings.some(f => f.status === 'failed')
    ? 'failed'
    : findings.some(f => f.status === 'warning')
      ? 'warning'
      : 'passed'
  // Problems first: a reader sees why before the rest.
  const order = { failed: 0, warning: 1, passed: 2 } as const
  const message = findings
    .sort((a, b) => order[a.status] - order[b.status])
    .map(f => f.text)
    .join('; ')
  const judged = comparison?.target ?? percentiles(withoutOutliers(target))
  return {
    status,
    message: message || `${target.length} samples, median ${ms(judged.p50)}`,
    comparison,
    bounds,
    target: judged
  }
}

/**
 * The shift's finding. A regression on a runner measurably slower than at recording (`slower` says
 * how, in words) is inconclusive when the slowdown explains it, and says so; otherwise the runner's
 * state is told alongside.
 */
function judgeShift(
  comparison: LatencyComparison,
  slowdown: RunnerSlowdown | null,
  slower: string | undefined
): { status: LatencyVerdict['status']; text: string } {
  if (comparison.verdict === 'inconclusive') return { status: 'warning', text: comparison.reason }
  if (comparison.verdict === 'pass') return { status: 'passed', text: comparison.reason }
  const explained = slowdownExplains(slowdown, {
    lowerMs: comparison.interval?.[0] ?? 0,
    toleranceMs: comparison.toleranceMs ?? 0,
    baselineMedianMs: comparison.baseline.p50
  })
  if (explained)
    return {
      status: 'warning',
      text: `inconclusive: ${slower}, which explains a shift this size (${comparison.reason}); run again on a quieter runner to judge it`
    }
  return {
    status: 'failed',
    text: slower
      ? `${comparison.reason}; ${slower}, which does not explain a shift this size`
      : comparison.reason
  }
}

function judgeBound(
  bound: PercentileBound,
  target: readonly number[],
  baseline: readonly number[] | undefined
): BoundResult {
  const at = (values: readonly number[]) =>
    quantile(
      [...values].sort((a, b) => a - b),
      bound.percentile / 100
    )
  const observed = target.length ? at(target) : null
  const base = baseline?.length ? at(baseline) : null
  const limit =
    'ms' in bound.limit ? bound.limit.ms : base === null ? null : base * (1 + bound.limit.increase)
  const name = `p${bound.percentile}`
  if (observed === null)
    return {
      bound: bound.text,
      observed,
      limit,
      status: 'warning',
      message: `${bound.text}: no samples to judge`
    }
  if (limit === null)
    return {
      bound: bound.text,
      observed,
      limit,
      status: 'warning',
      message: `${bound.text}: no baseline to compare with (${name} is ${ms(observed)})`
    }
  const holds = bound.op === '<' ? observed < limit : observed <= limit
  const relative = 'increase' in bound.limit && base !== null ? ` (baseline ${ms(base)})` : ''
  return {
    bound: bound.text,
    observed,
    limit,
    status: holds ? 'passed' : 'failed',
    message: `${name} ${ms(observed)} ${holds ? 'within' : 'breaks'} ${bound.text}: limit ${ms(limit)}${relative}`
  }
}
