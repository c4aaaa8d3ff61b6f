// The service checks: every service probed in parallel under a concurrency bound, each one only
// after the services it depends on have passed. A service whose dependency did not pass is skipped
// with the reason, rather than failing for someone else's fault.
import pLimit from 'p-limit'
import type { ServiceConfig } from '../config/model.js'
import { formatMs } from '../judge/retry.js'
import { describeTarget } from '../probes/index.js'
import type { CheckResult, CheckStatus } from '../report/model.js'
import { attemptUntilSettled, type AttemptsOutcome } from './attempts.js'
import type { PhaseContext } from './context.js'

/** Statuses a dependent can build on. */
const USABLE: ReadonlySet<CheckStatus> = new Set(['passed', 'flaky', 'warning'])

export async function checkServices(
  services: ServiceConfig[],
  concurrency: number,
  context: PhaseContext
): Promise<CheckResult[]> {
  const limit = pLimit(Math.max(1, concurrency))
  const results = new Map<string, Promise<CheckResult>>()

  // depends_on is acyclic and refers to known services (the config loader guarantees both), so
  // chaining each service on its dependencies' promises gives the topological order for free.
  const resultOf = (service: ServiceConfig): Promise<CheckResult> => {
    let result = results.get(service.name)
    if (!result) {
      result = (async () => {
        const dependencies = await Promise.all(
          service.dependsOn.map(name => resultOf(services.find(s => s.name === name) as ServiceConfig))
        )
        const blocked = dependencies.filter(d => !USABLE.has(d.status))
        const check = blocked.length
          ? skipped(service, blocked)
          : await limit(() => checkService(service, context))
        context.record(check)
        return check
      })()
      results.set(service.name, result)
    }
    return result
  }

  return Promise.all(services.map(resultOf))
}

async function checkService(service: ServiceConfig, context: PhaseContext): Promise<CheckResult> {
  const id = `services.${service.name}`
  const started = context.clock.now()
  try {
    const outcome = await attemptUntilSettled(service.probe, service.policy, context, (attempt, index) => {
      if (!attempt.ok) context.logger.info(`${id}: attempt ${index} failed: ${attempt.failures.join('; ')}`)
    })
    const status = statusOf(outcome)
    context.logger.info(`${id}: ${status}`)
    return {
      ...base(service),
      status,
      message: messageOf(outcome),
      duration_ms: Math.round(outcome.durationMs),
      attempts: outcome.attempts.length,
      response_time_ms: roundOrUndefined(outcome.last.responseTimeMs),
      details: { attempts: outcome.attempts }
    }
  } catch (error) {
    // A probe or judge that throws is our fault, not the service's: the check could not be evaluated.
    return {
      ...base(service),
      status: 'error',
      message: `could not be evaluated: ${error instanceof Error ? error.message : String(error)}`,
      duration_ms: Math.round(context.clock.now() - started),
      attempts: 0
    }
  }
}

function statusOf(outcome: AttemptsOutcome): CheckStatus {
  if (!outcome.passed) return 'failed'
  return outcome.attempts.some(a => !a.ok) ? 'flaky' : 'passed'
}

function messageOf(outcome: AttemptsOutcome): string {
  const { attempts, last } = outcome
  const time = last.responseTimeMs === undefined ? '' : ` in ${formatMs(Math.round(last.responseTimeMs))}`
  if (!outcome.passed) {
    const seen = last.failures.length ? last.failures.join('; ') : 'not enough consecutive successes'
    return `${seen} (${outcome.reason})`
  }
  const failed = attempts.filter(a => !a.ok).length
  return failed ? `healthy${time} after ${failed} failed of ${attempts.length} attempts` : `healthy${time}`
}

function skipped(service: ServiceConfig, blocked: CheckResult[]): CheckResult {
  const names = blocked.map(d => `${d.name} (${d.status})`).join(', ')
  return {
    ...base(service),
    status: 'skipped',
    message: `skipped: depends on ${names}`,
    duration_ms: 0,
    attempts: 0
  }
}

function base(service: ServiceConfig) {
  return {
    id: `services.${service.name}`,
    category: 'services' as const,
    name: service.name,
    critical: service.critical,
    file: service.source.file,
    line: service.source.line,
    column: service.source.column,
    target: describeTarget(service.probe)
  }
}

function roundOrUndefined(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value)
}
