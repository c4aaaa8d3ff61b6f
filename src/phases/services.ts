// The service checks: every service probed in parallel under a concurrency bound, each one only
// after the services it depends on have passed. A service whose dependency did not pass is skipped
// with the reason, rather than failing for someone else's fault.
import pLimit from 'p-limit'
import type { ServiceConfig } from '../config/model.js'
import { isUsable, type CheckOutcome } from '../model/check.js'
import { runCheck, skippedCheck } from './check.js'
import type { PhaseContext } from './context.js'
import { metricRuleChecks } from './metric-checks.js'
import { serviceIdentity } from './plan.js'

export async function checkServices(
  services: ServiceConfig[],
  concurrency: number,
  context: PhaseContext
): Promise<CheckOutcome[]> {
  const limit = pLimit(Math.max(1, concurrency))
  const results = new Map<string, Promise<CheckOutcome>>()

  // depends_on is acyclic and refers to known services (the config loader guarantees both), so
  // chaining each service on its dependencies' promises gives the topological order for free.
  const resultOf = (service: ServiceConfig): Promise<CheckOutcome> => {
    let result = results.get(service.name)
    if (!result) {
      result = (async () => {
        const dependencies = await Promise.all(
          service.dependsOn.map(name => resultOf(services.find(s => s.name === name) as ServiceConfig))
        )
        const blocked = dependencies.filter(d => !isUsable(d.status))
        const check = blocked.length
          ? skippedCheck(
              serviceIdentity(service),
              `depends on ${blocked.map(d => `${d.identity.name} (${d.status})`).join(', ')}`
            )
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

async function checkService(service: ServiceConfig, context: PhaseContext): Promise<CheckOutcome> {
  const { outcome, observation } = await runCheck(
    serviceIdentity(service),
    service.probe,
    service.policy,
    context
  )
  for (const rule of metricRuleChecks(service, observation)) context.record(rule)
  return outcome
}

/** The services' checks when they are not run at all (the deploy failed). */
export function skipServices(services: ServiceConfig[], reason: string, context: PhaseContext): void {
  for (const service of services) context.record(skippedCheck(serviceIdentity(service), reason))
}
