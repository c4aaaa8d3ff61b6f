// What part of an environment a run covers. The action always covers all of it; from a terminal
// people check the services alone, or some of them, against a system that is already deployed.
import type { EnvironmentConfig, ServiceConfig } from './model.js'
import { ConfigError } from './problems.js'
import { didYouMeanAmong } from './suggest.js'

export interface RunScope {
  /** Run the deploy steps (and give the services their startup budget after them). */
  deploy: boolean
  smoke: boolean
  /** The monitor window and the comparison with the baseline, or its recording. */
  compare: boolean
  /** Only these services and those they depend on; every service when undefined. */
  services?: readonly string[]
}

/**
 * The environment narrowed to `scope`. A service asked for that the environment does not have is
 * a ConfigError at the first service of the file, with the nearest name.
 */
export function narrowToScope(config: EnvironmentConfig, scope: RunScope): EnvironmentConfig {
  const services = scope.services ? selectServices(config, scope.services) : config.services
  return {
    ...config,
    deploy: scope.deploy ? config.deploy : [],
    smoke: scope.smoke ? config.smoke : [],
    services,
    // Like the comparison, the security examination belongs to a whole validation, not to a look at some services.
    security: scope.compare ? config.security : undefined,
    monitor: scope.compare ? config.monitor : undefined
  }
}

/** The named services and, since a check waits for them, everything they depend on: in declared order. */
function selectServices(config: EnvironmentConfig, names: readonly string[]): ServiceConfig[] {
  const byName = new Map(config.services.map(service => [service.name, service]))
  const nearest = didYouMeanAmong([...byName.keys()])
  const unknown = names.filter(name => !byName.has(name))
  if (unknown.length) {
    const at = config.services[0]?.source ?? { file: config.files[0] ?? '', line: 1, column: 1 }
    const known = [...byName.keys()].join(', ') || 'none'
    throw new ConfigError(
      unknown.map(name => ({
        ...at,
        message: `'${name}' is not a service of ${config.environment}${nearest(name, ` (its services: ${known})`)}`
      })),
      config.secrets
    )
  }
  const wanted = new Set<string>()
  const add = (name: string): void => {
    if (wanted.has(name)) return
    wanted.add(name)
    for (const dependency of byName.get(name)?.dependsOn ?? []) add(dependency)
  }
  names.forEach(add)
  return config.services.filter(service => wanted.has(service.name))
}
