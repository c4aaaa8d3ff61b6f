// The run's plan: its identity and mode from the inputs, and the checks its file declares, each
// identified once from its config entry (the phases record their outcomes under these identities).
import type {
  DeployStep,
  EnvironmentConfig,
  MetricRule,
  SecurityConfig,
  ServiceConfig,
  SmokeStep
} from '../config/model.js'
import { actionFor, rulesOfArea, type RuleName } from '../judge/security-rules.js'
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
      ...config.smoke.map(smokeIdentity),
      ...(config.security ? securityIdentities(config.security) : [])
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

/**
 * The security checks `security.<rule>.<target>`: TLS rules on https targets, CORS and header rules
 * on every target, one per auth_required URL, one for the port scan. A rule the level (or an
 * override) ignores is no check: its finding is only listed in the report's security section.
 */
export function securityIdentities(security: SecurityConfig): CheckIdentity[] {
  const examined = [
    ...security.targets.flatMap(({ name, url, source }) =>
      targetRules(url).map(rule => ({ rule, target: name, url, source }))
    ),
    ...security.authRequired.map(({ name, url, source }) => ({
      rule: 'auth_required.open' as const,
      target: name,
      url,
      source
    })),
    ...(security.ports
      ? [
          {
            rule: 'ports.unexpected-open' as const,
            target: security.ports.host,
            url: security.ports.host,
            source: security.ports.source
          }
        ]
      : [])
  ]
  return examined
    .filter(({ rule }) => actionFor(rule, security.level, security.overrides) !== 'ignore')
    .map(({ rule, target, url, source }) =>
      checkIdentity('security', securityKey(rule, target), {
        name: `${target} ${rule}`,
        critical: false,
        source,
        target: url
      })
    )
}

/** The key of a rule's check on a target: `tls.expiry.api`. */
export function securityKey(rule: RuleName, target: string): string {
  return `${rule}.${target}`
}

/** The rules examined on a target: TLS on https ones, CORS and headers on all. */
export function targetRules(url: string): RuleName[] {
  return [...(isHttps(url) ? rulesOfArea('tls') : []), ...rulesOfArea('cors'), ...rulesOfArea('headers')]
}

export function isHttps(url: string): boolean {
  return url.toLowerCase().startsWith('https:')
}
