import { judgeBurst } from '../../src/judge/throughput.js'
import type { BurstReport } from '../../src/model/report.js'

const latency = { count: 98, p50: 10, p90: 20, p95: 31.6, p99: 40, iqr: 5 }
const burst = (requests: number, failures: number, extra: Partial<BurstReport> = {}): BurstReport => ({
  requests,
  failures,
  error_rate: requests ? failures / requests : 1,
  achieved_rps: 10,
  late_starts: 0,
  latency,
  failure_reasons: failures ? ['503'] : [],
  ...extra
})

describe('the throughput burst verdict', () => {
  test('an error rate at the bound passes, with the figures', () => {
    expect(judgeBurst(burst(100, 1), { maxErrorRate: 0.01 }, false)).toEqual({
      status: 'passed',
      message: '1 of 100 requests failed (1%, at most 1%) at 10 requests/s; p95 32 ms; seen: 503'
    })
  })

  test('an error rate over the bound fails', () => {
    expect(judgeBurst(burst(100, 2), { maxErrorRate: 0.01 }, false).status).toBe('failed')
  })

  test('no request answered fails, and a cancellation says it cut the burst short', () => {
    expect(judgeBurst(burst(0, 0), { maxErrorRate: 0.5 }, true)).toEqual({
      status: 'failed',
      message: 'no request was answered; the burst was cut short by a cancellation'
    })
    expect(judgeBurst(burst(0, 0, { error_rate: 0 }), { maxErrorRate: 0.5 }, false).status).toBe('failed')
  })

  test('requests that waited for the cap are counted as late starts', () => {
    const { message } = judgeBurst(burst(100, 0, { late_starts: 4 }), { maxErrorRate: 0.01 }, false)
    expect(message).toContain(', 4 started late')
  })

  test('a burst without latency figures shows no p95, and a pass without failures no reasons', () => {
    const quiet = burst(10, 0, { latency: { ...latency, count: 0 } })
    expect(judgeBurst(quiet, { maxErrorRate: 0 }, false)).toEqual({
      status: 'passed',
      message: '0 of 10 requests failed (0%, at most 0%) at 10 requests/s'
    })
  })
})
