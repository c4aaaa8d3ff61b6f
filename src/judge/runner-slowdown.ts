// Did the service get slower, or the machine measuring it? Runners are shared: a busy neighbour
// slows every latency sample although the service is unchanged. Both the recording run and the
// verify run time the runner itself (a loopback round trip, a fixed CPU task on every core and, on
// Linux, how long the action waited for a core: see probes/runner-pace); their ratios say how much
// slower the measuring machine is now. Pure.
import type { RunnerPace } from '../model/figures.js'
import { quantile } from './latency-regression.js'

/**
 * Below this, the two runs' runner measurements differ by no more than their own noise (medians
 * of a few millisecond-long measurements move by 10–20% between quiet runs).
 */
const MEASURABLY_SLOWER = 1.25

/**
 * The most a slower runner explains: a doubled median. The runner's own measurements flag a busy
 * machine reliably but size it poorly (a round trip to another process is 0.4 ms or, when that
 * process waits for a core, 2 to 10 ms), so a larger measured factor is not taken at its word: a
 * service three or four times slower is a regression however busy the runner.
 */
export const MAX_EXPLAINED_FACTOR = 2

/**
 * What a busy runner adds to a request whatever its size: the client and the service each wait for
 * a core, a few scheduler time slices (4 ms at Linux's usual 250 Hz) in all.
 */
export const BUSY_QUEUEING_MS = 10

/** The figures a pace holds only where they were measured; every pace has a round trip. */
const OPTIONAL_FIGURES = ['all_cores_task_ms', 'run_queue_factor'] as const

/** Each figure's median over the measurements that have it, or undefined when none could be taken. */
export function medianPace(measurements: readonly RunnerPace[]): RunnerPace | undefined {
  if (!measurements.length) return undefined
  // Each list is a fresh array of its own, sorted in place.
  const median = (values: number[]): number =>
    quantile(
      values.sort((a, b) => a - b),
      0.5
    )
  const pace: RunnerPace = { loopback_ms: median(measurements.map(m => m.loopback_ms)) }
  for (const figure of OPTIONAL_FIGURES) {
    const values = measurements.flatMap(m => m[figure] ?? [])
    if (values.length) pace[figure] = median(values)
  }
  return pace
}

export type RunnerFigure = 'loopback_ms' | (typeof OPTIONAL_FIGURES)[number]

/** How many times slower the runner is than at recording, and the figure that shows it. */
export interface RunnerSlowdown {
  factor: number
  by: RunnerFigure
}

/**
 * Now over then. When both runs timed the task on every core, its ratio alone: it registers a busy
 * neighbour wherever it runs and barely moves on a quiet machine, where the round trip and the wait
 * for a core still move by up to half again (docs/decisions.md). Otherwise the largest ratio of the
 * other figures both runs measured (load shows in one or another: a busy scheduler in the round
 * trip, a busy core in the time spent waiting for one). Null when no figure can be compared.
 */
export function runnerSlowdown(
  recorded: RunnerPace | undefined,
  now: RunnerPace | undefined
): RunnerSlowdown | null {
  if (!recorded || !now) return null
  const slowdownBy = (by: RunnerFigure): RunnerSlowdown | null => {
    const then = recorded[by]
    const current = now[by]
    if (then === undefined || current === undefined || !(then > 0)) return null
    const factor = current / then
    return Number.isFinite(factor) ? { factor, by } : null
  }
  const byAllCores = slowdownBy('all_cores_task_ms')
  if (byAllCores) return byAllCores
  let largest: RunnerSlowdown | null = null
  for (const figure of ['loopback_ms', 'run_queue_factor'] as const) {
    const slowdown = slowdownBy(figure)
    if (slowdown && (!largest || slowdown.factor > largest.factor)) largest = slowdown
  }
  return largest
}

/** Whether the runner is slower than its own noise: the judge then says so, and may hold back. */
export function measurablySlower(slowdown: RunnerSlowdown | null): slowdown is RunnerSlowdown {
  return slowdown !== null && slowerThanNoise(slowdown.factor)
}

/** Whether a runner `factorNow` times slower than at recording is slower than its own noise. */
export function slowerThanNoise(factorNow: number): boolean {
  return factorNow >= MEASURABLY_SLOWER
}

const FIGURE_WORDS: Record<RunnerFigure, string> = {
  loopback_ms: 'a loopback round trip',
  all_cores_task_ms: 'a fixed CPU task on every core',
  run_queue_factor: 'its wait for a core'
}

/** `its wait for a core`: the figure that showed a slowdown, as a reader says it. */
export function runnerFigureInWords(by: RunnerFigure): string {
  return FIGURE_WORDS[by]
}

/** `the runner is 2.3× slower than when the baseline was recorded (by its wait for a core)`. */
export function slowerRunnerInWords(factorNow: number, by?: RunnerFigure): string {
  return `the runner is ${factor(factorNow)} slower than when the baseline was recorded${by ? ` (by ${runnerFigureInWords(by)})` : ''}`
}

/**
 * Whether a slower runner explains a latency shift: the shift's lower bound lies within the
 * tolerance plus the slowdown's proportional effect on the baseline median (at most a doubling)
 * plus the queueing of a busy machine. A shift far beyond it is a regression whatever the runner did.
 */
export function slowdownExplains(
  slowdown: RunnerSlowdown | null,
  shift: { lowerMs: number; toleranceMs: number; baselineMedianMs: number }
): boolean {
  if (!measurablySlower(slowdown)) return false
  const proportional = (Math.min(slowdown.factor, MAX_EXPLAINED_FACTOR) - 1) * shift.baselineMedianMs
  return shift.lowerMs <= shift.toleranceMs + proportional + BUSY_QUEUEING_MS
}

/** `2.3×`: a factor to one decimal. */
export function factor(slowdown: number): string {
  return `${Math.round(slowdown * 10) / 10}×`
}
