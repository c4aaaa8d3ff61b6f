// A throughput burst's verdict: it fails when its error rate is over the bound, or when no request
// was answered at all.
import type { ThroughputConfig } from '../config/model.js'
import type { CheckStatus } from '../model/check.js'
import type { BurstReport } from '../model/report.js'
import { count, percent } from '../model/wording.js'

export function judgeBurst(
  report: BurstReport,
  throughput: Pick<ThroughputConfig, 'maxErrorRate'>,
  cancelled: boolean
): { status: CheckStatus; message: string } {
  const failed = report.requests === 0 || report.error_rate > throughput.maxErrorRate
  const seen = report.failure_reasons.length ? `; seen: ${report.failure_reasons.join('; ')}` : ''
  const late = report.late_starts ? `, ${report.late_starts} started late` : ''
  const p95 = report.latency.count ? `; p95 ${Math.round(report.latency.p95)} ms` : ''
  const cut = cancelled ? '; the burst was cut short by a cancellation' : ''
  const figures = report.requests
    ? `${report.failures} of ${count(report.requests, 'request')} failed (${percent(report.error_rate)}, at most ${percent(throughput.maxErrorRate)}) at ${report.achieved_rps} requests/s${late}${p95}${seen}`
    : 'no request was answered'
  return { status: failed ? 'failed' : 'passed', message: `${figures}${cut}` }
}
