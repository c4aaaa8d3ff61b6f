// The run's plan: its identity and mode from the inputs, and the checks its file declares, each
// identified once from its config entry (the phases record their outcomes under these identities).
import type { DeployStep, EnvironmentConfig, MetricRule, ServiceConfig, SmokeStep } from '../config/model.js'
import { checkIdentity, type CheckIdentity } from '../model/check.js'
import type { RunPlan } from '../model/plan.js'
import { describeTarget } from '../probes/index.js'

/** The plan once the environment is read: its declared checks, and the files it was read from. */
export function planChecks(plan: RunPlan, config: EnvironmentConfig): RunPlan {
  return {
    ...plan,
    environment: config.environment,
    configFiles: config.files,
    checks: [
      ...config.deploy.map(deployIdentity),
      ...config.services.map(serviceIdentity),
      ...config.services.flatMap(service =>
        'rules' in service.probe ? service.probe.rules.map(rule => metricRuleIdentity(service, rule)) : []
      ),
      ...config.smoke.map(smokeIdentity)
    ]
  }
}

export function deployIdentity(step: DeployStep): CheckIdentity {
  // A failed deploy fails the run whatever else would pass.
  return checkIdentity('deploy', step.id, {
    name: step.name,
    critical: true,
    source: step.source,
    target: step.run
  })
}

export function serviceIdentity(service: ServiceConfig): CheckIdentity {
  return checkIdentity('services', service.name, {
    name: service.name,
    critical: service.critical,
    source: service.source,
    target: describeTarget(service.probe)
  })
}

/** A rule of a metrics or prometheus service, judged from what the service's check read. */
export function metricRuleIdentity(service: ServiceConfig, rule: MetricRule): CheckIdentity {
  return checkIdentity('metrics', `${service.name}.${rule.name}`, {
    name: `${service.name} ${rule.name}`,
    critical: service.critical,
    source: rule.source,
    target: rule.expression
  })
}

export function smokeIdentity(step: SmokeStep): CheckIdentity {
  return checkIdentity('smoke', step.id, {
    name: step.name,
    critical: step.critical,
    source: step.source,
    target: describeTarget(step.check)
  })
}
