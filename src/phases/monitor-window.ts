// The monitor window: after the checks, every watched service is polled once per interval for the
// window's duration, without retries (a retry would hide the very failures the window is for). Each
// poll is judged like an attempt of the service's check. `monitor.<service>` fails on too many
// failed polls or too long a run of them, and is flaky when some polls failed within the bounds.
import { judgeMonitorWindow, monitorDecided } from '../judge/monitor-window.js'
import type { MonitorConfig, ServiceConfig } from '../config/model.js'
import { percentiles } from '../judge/latency-regression.js'
import { pollStats } from '../judge/poll-stats.js'
import { describeTarget } from '../probes/index.js'
import { checkIdentity, type CheckIdentity } from '../model/check.js'
import type { MonitorSection } from '../model/report.js'
import { formatMs } from '../model/wording.js'
import { attemptOnce } from './attempts.js'
import { decidedCheck, skippedCheck } from './check.js'
import type { PhaseContext } from './context.js'

/** Distinct failure reasons kept per service: enough to see what went wrong, not a log. */
const MAX_REASONS = 3
/** A long window says it is alive at least this often. */
const PROGRESS_EVERY_MS = 30_000

export interface MonitorOutcome {
  section: MonitorSection
  /** Latencies of the successful polls, by service: they join the baseline comparison's samples. */
  samples: Map<string, number[]>
}

/** `skip` maps the services that did not pass their check to the reason they are not watched. */
export async function watchServices(
  monitor: MonitorConfig,
  services: readonly ServiceConfig[],
  skip: ReadonlyMap<string, string>,
  context: PhaseContext
): Promise<MonitorOutcome> {
  const watched = services.filter(service => monitor.services.includes(service.name))
  const section: MonitorSection = {
    duration_ms: monitor.durationMs,
    interval_ms: monitor.intervalMs,
    services: {}
  }
  const samples = new Map<string, number[]>()
  context.logger.info(
    `Watching ${watched.map(s => s.name).join(', ')} for ${formatMs(monitor.durationMs)}, every ${formatMs(monitor.intervalMs)}`
  )
  await Promise.all(
    watched.map(async service => {
      const identity = monitorIdentity(service)
      const reason = skip.get(service.name)
      if (reason !== undefined) return context.record(skippedCheck(identity, reason))
      const started = context.clock.now()
      const { polls, decidedEarly } = await poll(service, identity, monitor, context).finally(
        context.running?.(identity)
      )
      const elapsedMs = context.clock.now() - started
      const stats = pollStats(polls.map(p => p.ok))
      const latencies = polls.flatMap(p => (p.ok && p.ms !== undefined ? [p.ms] : []))
      const reasons = [...new Set(polls.flatMap(p => p.failures))].slice(0, MAX_REASONS)
      samples.set(service.name, latencies)
      section.services[service.name] = { ...stats, latency: percentiles(latencies), failure_reasons: reasons }
      const { status, message } = judgeMonitorWindow(
        stats,
        reasons,
        monitor,
        Boolean(context.signal?.aborted)
      )
      const stopped = decidedEarly
        ? `; stopped watching after ${formatMs(elapsedMs)} of ${formatMs(monitor.durationMs)}: the verdict was decided`
        : ''
      // The window's own figures: how long it watched and how many polls it made.
      context.record({
        ...decidedCheck(identity, status, `${message}${stopped}`),
        durationMs: Math.round(elapsedMs),
        attempts: polls.length
      })
      context.logger.info(`${identity.id}: ${status}: ${message}${stopped}`)
    })
  )
  return { section, samples }
}

interface Poll {
  ok: boolean
  failures: string[]
  ms?: number
}

/**
 * Polls on a fixed schedule from the window's start; a poll slower than the interval skips the
 * ticks it overran. Stops early once the polls decide the verdict. Logs every failed poll and a
 * progress line at least every 30 s.
 */
async function poll(
  service: ServiceConfig,
  identity: CheckIdentity,
  monitor: MonitorConfig,
  context: PhaseContext
): Promise<{ polls: Poll[]; decidedEarly: boolean }> {
  const { clock, signal, logger } = context
  const start = clock.now()
  let lastProgress = start
  const polls: Poll[] = []
  for (let tick = 0; tick * monitor.intervalMs < monitor.durationMs && !signal?.aborted;) {
    const wait = start + tick * monitor.intervalMs - clock.now()
    if (wait > 0) await clock.sleep(wait, signal).catch(() => undefined)
    if (signal?.aborted) break
    const { judgement } = await attemptOnce(service.probe, service.policy.timeoutMs, context)
    // A poll cut off by the cancellation says nothing about the service.
    if (signal?.aborted) break
    polls.push({ ok: judgement.ok, failures: judgement.failures, ms: judgement.responseTimeMs })
    if (!judgement.ok)
      logger.info(`${identity.id}: poll ${polls.length} failed: ${judgement.failures.join('; ')}`)
    const outcomes = polls.map(p => p.ok)
    tick = Math.max(tick + 1, Math.ceil((clock.now() - start) / monitor.intervalMs))
    const more = tick * monitor.intervalMs < monitor.durationMs
    if (more && monitorDecided(outcomes, monitor)) return { polls, decidedEarly: true }
    if (clock.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = clock.now()
      const failed = outcomes.filter(ok => !ok).length
      logger.info(
        `${identity.id}: ${polls.length} polls in ${formatMs(lastProgress - start)} of ${formatMs(monitor.durationMs)}, ${failed} failed`
      )
    }
  }
  return { polls, decidedEarly: false }
}

function monitorIdentity(service: ServiceConfig): CheckIdentity {
  return checkIdentity('monitor', service.name, {
    name: service.name,
    critical: service.critical,
    source: service.source,
    target: describeTarget(service.probe)
  })
}
