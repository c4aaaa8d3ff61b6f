// What a run of polls says about a service: uptime, error rate and the longest run of consecutive
// failures (one failure among many is noise; three in a row is an outage). Pure.
import type { PollStats } from '../model/figures.js'

export function pollStats(outcomes: readonly boolean[]): PollStats {
  let failures = 0
  let run = 0
  let longest = 0
  for (const ok of outcomes) {
    run = ok ? 0 : run + 1
    if (!ok) failures++
    longest = Math.max(longest, run)
  }
  const polls = outcomes.length
  const errorRate = polls ? failures / polls : 0
  return {
    polls,
    failures,
    uptime_percent: Math.round((1 - errorRate) * 1000) / 10,
    error_rate: errorRate,
    longest_failure_run: longest
  }
}
