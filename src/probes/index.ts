// Dispatches a probe spec to its probe. Each probe module is imported on first use, so a run that
// checks no database never loads pg (and the bundle keeps them as separate chunks).
import type { ProbeSpec } from '../config/model.js'
import { MASK } from '../secrets/redact.js'
import { maskUrlPasswords } from '../secrets/url-password.js'
import type { Observation } from '../model/observation.js'
import type { ProbeOptions } from './types.js'

export async function observe(spec: ProbeSpec, options: ProbeOptions): Promise<Observation> {
  switch (spec.kind) {
    case 'http':
      return (await import('./http.js')).probeHttp(spec, options)
    case 'postgres':
      return (await import('./postgres.js')).probePostgres(spec, options)
    case 'tcp':
      return (await import('./tcp.js')).probeTcp(spec, options)
    case 'command':
      return (await import('./command.js')).runCommand(spec, options)
    // Both read over HTTP through the http probe, in the run's pools.
    case 'metrics':
      return (await import('./metrics.js')).probeMetrics(spec, options)
    case 'prometheus':
      return (await import('./metrics.js')).probePrometheus(spec, options)
  }
}

/** What a check points at, safe to show: a URL never shows its password. */
export function describeTarget(spec: ProbeSpec): string {
  switch (spec.kind) {
    case 'http':
      // Written as is (a parsed URL would be normalized), unless it may carry a user:password.
      return spec.url.includes('@') ? withoutPassword(spec.url) : spec.url
    case 'postgres':
    case 'metrics':
    case 'prometheus':
      return withoutPassword(spec.url)
    case 'tcp':
      return `${spec.host}:${spec.port}`
    case 'command':
      return spec.run
  }
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = MASK
    return parsed.toString()
  } catch {
    return maskUrlPasswords(url, MASK)
  }
}
