// The throughput burst: a short, bounded run of requests at a fixed rate to each listed HTTP service,
// judged by its error rate. Open model: request i starts at start + i/rate whether or not earlier
// ones have answered, as real traffic does; only a cap on requests in flight holds it back, and a
// request that had to wait for the cap is counted as a late start.
import { judgeBurst } from '../judge/throughput.js'
import type { ServiceConfig, ThroughputConfig } from '../config/model.js'
import { percentiles } from '../judge/latency-regression.js'
import type { BurstReport } from '../model/report.js'
import { attemptOnce } from './attempts.js'
import { serviceComparison } from './measurements.js'
import { decidedCheck } from './check.js'
import type { PhaseContext } from './context.js'

/** Enough for 10 requests per second to a service taking 25 s each; beyond it we would load-test ourselves. */
const MAX_IN_FLIGHT = 256
const MAX_REASONS = 3

/** Records `baseline.throughput.<service>` for each service of the burst, one service at a time. */
export async function runBursts(
  throughput: ThroughputConfig,
  services: readonly ServiceConfig[],
  context: PhaseContext
): Promise<Record<string, BurstReport>> {
  const reports: Record<string, BurstReport> = {}
  for (const service of services.filter(s => throughput.services.includes(s.name))) {
    if (context.signal?.aborted) break
    const report = await burst(service, throughput, context)
    reports[service.name] = report
    const { status, message } = judgeBurst(report, throughput, Boolean(context.signal?.aborted))
    context.record(decidedCheck(serviceComparison('throughput', service, throughput.source), status, message))
  }
  return reports
}

async function burst(
  service: ServiceConfig,
  throughput: ThroughputConfig,
  context: PhaseContext
): Promise<BurstReport> {
  const { clock, signal } = context
  // One request per tick i/rate within the duration, like the monitor's: 1/s for 400 ms is one, not none.
  const total = Math.ceil((throughput.ratePerSecond * throughput.durationMs) / 1000)
  const spacing = 1000 / throughput.ratePerSecond
  const start = clock.now()
  const inFlight = new Set<Promise<void>>()
  const outcomes: Array<{ ok: boolean; ms?: number; failures: string[] }> = []
  let lateStarts = 0
  for (let i = 0; i < total && !signal?.aborted; i++) {
    const wait = start + i * spacing - clock.now()
    if (wait > 0) await clock.sleep(wait, signal).catch(() => undefined)
    if (inFlight.size >= MAX_IN_FLIGHT) {
      lateStarts++
      await Promise.race(inFlight)
    }
    if (signal?.aborted) break
    const request: Promise<void> = attemptOnce(service.probe, service.policy.timeoutMs, context).then(
      ({ judgement }) => {
        // A request cut off by the cancellation says nothing about the service.
        if (!signal?.aborted)
          outcomes.push({ ok: judgement.ok, ms: judgement.responseTimeMs, failures: judgement.failures })
        inFlight.delete(request)
      }
    )
    inFlight.add(request)
  }
  await Promise.all(inFlight)
  const elapsedS = Math.max(clock.now() - start, throughput.durationMs) / 1000
  const failures = outcomes.filter(o => !o.ok).length
  return {
    requests: outcomes.length,
    failures,
    error_rate: outcomes.length ? failures / outcomes.length : 1,
    achieved_rps: Math.round((outcomes.length / elapsedS) * 10) / 10,
    late_starts: lateStarts,
    latency: percentiles(outcomes.flatMap(o => (o.ok && o.ms !== undefined ? [o.ms] : []))),
    failure_reasons: [...new Set(outcomes.flatMap(o => o.failures))].slice(0, MAX_REASONS)
  }
}
