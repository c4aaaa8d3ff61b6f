// Did the service get slower, or the machine measuring it? Runners are shared: a busy neighbour
// slows every latency sample although the service is unchanged. Both the recording run and the
// verify run time the runner itself (a loopback round trip and a fixed CPU task, see
// probes/runner-pace); their ratio says how much slower the measuring machine is now. Pure.
import type { RunnerPace } from '../model/figures.js'
import { quantile } from './latency-regression.js'

/**
 * Below this, the two runs' runner measurements differ by no more than their own noise (medians
 * of a few millisecond-long measurements move by 10–20% between quiet runs).
 */
export const MEASURABLY_SLOWER = 1.25

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

/** The medians of the measurements taken, or undefined when none could be taken. */
export function medianPace(measurements: readonly RunnerPace[]): RunnerPace | undefined {
  if (!measurements.length) return undefined
  const median = (values: number[]) =>
    quantile(
      values.sort((a, b) => a - b),
      0.5
    )
  return {
    loopback_ms: median(measurements.map(m => m.loopback_ms)),
    cpu_ms: median(measurements.map(m => m.cpu_ms))
  }
}

/**
 * Now over then, the larger of the two measurements' ratios (load shows in one or the other: a
 * busy core in the CPU task, a busy scheduler in the round trip); null when either side is missing
 * or a recorded figure is 0.
 */
export function runnerSlowdown(recorded: RunnerPace | undefined, now: RunnerPace | undefined): number | null {
  if (!recorded || !now) return null
  const ratios = [
    recorded.loopback_ms > 0 ? now.loopback_ms / recorded.loopback_ms : null,
    recorded.cpu_ms > 0 ? now.cpu_ms / recorded.cpu_ms : null
  ].filter((ratio): ratio is number => ratio !== null && Number.isFinite(ratio))
  return ratios.length ? Math.max(...ratios) : null
}

/**
 * Whether a slower runner explains a latency shift: the shift's lower bound lies within the
 * tolerance plus the slowdown's proportional effect on the baseline median (at most a doubling)
 * plus the queueing of a busy machine. A shift far beyond it is a regression whatever the runner did.
 */
export function slowdownExplains(
  slowdown: number | null,
  shift: { lowerMs: number; toleranceMs: number; baselineMedianMs: number }
): boolean {
  if (slowdown === null || slowdown < MEASURABLY_SLOWER) return false
  const proportional = (Math.min(slowdown, MAX_EXPLAINED_FACTOR) - 1) * shift.baselineMedianMs
  return shift.lowerMs <= shift.toleranceMs + proportional + BUSY_QUEUEING_MS
}

/** `2.3×`: a factor to one decimal. */
export function factor(slowdown: number): string {
  return `${Math.round(slowdown * 10) / 10}×`
}
