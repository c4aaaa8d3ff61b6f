// The monitor window's verdict on one service, from its polls: it fails on too many failed polls or
// too long a run of them (or when no poll was made), and is flaky when some failed within the bounds.
import type { MonitorConfig } from '../config/model.js'
import type { CheckStatus } from '../model/check.js'
import type { PollStats } from '../model/figures.js'
import { percent } from '../model/wording.js'

export function judgeMonitorWindow(
  stats: PollStats,
  reasons: readonly string[],
  monitor: Pick<MonitorConfig, 'maxErrorRate' | 'maxConsecutiveFailures'>,
  cancelled: boolean
): { status: CheckStatus; message: string } {
  const status: CheckStatus =
    stats.polls === 0 ||
    stats.error_rate > monitor.maxErrorRate ||
    stats.longest_failure_run >= monitor.maxConsecutiveFailures
      ? 'failed'
      : stats.failures > 0
        ? 'flaky'
        : 'passed'
  const cut = cancelled ? '; the window was cut short by a cancellation' : ''
  const seen = reasons.length ? `; last seen: ${reasons.join('; ')}` : ''
  const message =
    stats.polls === 0
      ? `no poll was made${cut}`
      : `${stats.uptime_percent}% up over ${stats.polls} polls: error rate ${percent(stats.error_rate)} (at most ${percent(monitor.maxErrorRate)}), longest run of failures ${stats.longest_failure_run} (fails at ${monitor.maxConsecutiveFailures})${seen}${cut}`
  return { status, message }
}

/**
 * Whether the polls so far already decide the window: a run of failures as long as the limit fails
 * it, whatever the remaining polls show, so watching on would only delay the verdict.
 */
export function monitorDecided(
  outcomes: readonly boolean[],
  monitor: Pick<MonitorConfig, 'maxConsecutiveFailures'>
): boolean {
  let run = 0
  for (let i = outcomes.length - 1; i >= 0 && outcomes[i] === false; i--) run++
  return run >= monitor.maxConsecutiveFailures
}
