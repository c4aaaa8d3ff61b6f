// The security phase: every probe the `security:` section asks for, run concurrently and each
// bounded by the timeout; the judge decides each rule at the configured level, each planned check
// `security.<rule>.<target>` is recorded, and the facts seen make the report's `security` section.
// It runs whether or not the services passed: an expired or misnamed certificate is often why a
// service check failed, and its TLS checks say so in plain words.
import type { SecurityConfig } from '../config/model.js'
import {
  daysLeft,
  decide,
  exposedPorts,
  judgeAuth,
  judgeCors,
  judgeHeaders,
  judgePorts,
  judgeTls,
  namesOf,
  quote,
  type RuleFinding
} from '../judge/security.js'
import { rulesOfArea } from '../judge/security-rules.js'
import type { CheckIdentity } from '../model/check.js'
import { errorMessage } from '../model/errors.js'
import type { CorsAnswer, TlsObservation } from '../model/observation.js'
import type { CorsFact, SecuritySection, SecurityTargetReport, TlsFacts } from '../model/report.js'
import { observeAuth, observeCors, observeHeaders, observeTls, scanPorts } from '../probes/security.js'
import type { ProbeOptions } from '../probes/types.js'
import { erroredCheck } from './check.js'
import type { PhaseContext } from './context.js'
import { isHttps, securityIdentities, securityKey, targetRules } from './plan.js'

export interface SecurityOptions {
  /** Per probe. */
  timeoutMs: number
  /** What certificates' days are counted from. */
  now: Date
}

/** One thing examined: a target, an auth_required URL or the scanned host. */
interface Examined {
  target: string
  facts: Omit<SecurityTargetReport, 'findings'>
  findings: RuleFinding[]
}

/** Longest header value kept in the report. */
const MAX_FACT_CHARS = 200
/** The headers the rules read: the ones the report keeps. */
const READ_HEADERS = [
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
  'content-security-policy',
  'referrer-policy',
  'server',
  'x-powered-by'
]

export async function examineSecurity(
  config: SecurityConfig,
  options: SecurityOptions,
  context: PhaseContext
): Promise<SecuritySection> {
  const planned = new Map(securityIdentities(config).map(identity => [identity.key, identity]))
  const probe: ProbeOptions = { timeoutMs: options.timeoutMs, signal: context.signal }
  const units = [
    ...config.targets.map(target => ({
      target: target.name,
      rules: targetRules(target.url),
      observe: async (): Promise<Examined> => {
        const url = new URL(target.url)
        const [tls, cors, headers] = await Promise.all([
          isHttps(target.url)
            ? observeTls(
                { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443), ca: target.ca },
                probe
              )
            : undefined,
          observeCors(target.url, config.cors.allowedOrigins[0], probe),
          observeHeaders(target.url, probe)
        ])
        return {
          target: target.name,
          facts: {
            url: target.url,
            ...(tls ? { tls: tlsFacts(tls, options.now) } : {}),
            headers: securityHeaders(headers.headers),
            cors: cors.map(corsFact)
          },
          findings: [
            ...(tls ? judgeTls(target.name, tls, config.tls, options.now) : []),
            ...judgeCors(target.name, cors, config.cors),
            ...judgeHeaders(target.name, headers)
          ]
        }
      }
    })),
    ...config.authRequired.map(endpoint => ({
      target: endpoint.name,
      rules: rulesOfArea('auth_required'),
      observe: async (): Promise<Examined> => ({
        target: endpoint.name,
        facts: { url: endpoint.url },
        findings: [judgeAuth(endpoint.name, await observeAuth(endpoint.url, probe))]
      })
    })),
    ...(config.ports ? [config.ports] : []).map(ports => ({
      target: ports.host,
      rules: rulesOfArea('ports'),
      observe: async (): Promise<Examined> => {
        const observations = await scanPorts(ports.host, ports.scan, probe)
        return {
          target: ports.host,
          facts: { url: ports.host, exposed_ports: exposedPorts(observations) },
          findings: [judgePorts(ports.host, ports.host, ports.expected, observations)]
        }
      }
    }))
  ]

  const examined = await Promise.all(
    units.map(async unit => {
      const identities = unit.rules.flatMap(rule => planned.get(securityKey(rule, unit.target)) ?? [])
      const started = context.clock.now()
      const done = identities.map(identity => context.running?.(identity))
      try {
        const seen = await unit.observe()
        return { ...seen, durationMs: Math.round(context.clock.now() - started) }
      } catch (error) {
        // The probes never throw for what a server does: this is our fault, not the target's.
        for (const identity of identities)
          context.record(erroredCheck(identity, `could not be evaluated: ${errorMessage(error)}`))
        return undefined
      } finally {
        for (const finish of done) finish?.()
      }
    })
  )

  const targets: Record<string, SecurityTargetReport> = {}
  for (const unit of examined) {
    if (!unit) continue
    // A service and an auth_required URL may share a name: their facts share its entry.
    const entry: SecurityTargetReport = {
      ...targets[unit.target],
      ...unit.facts,
      findings: targets[unit.target]?.findings ?? []
    }
    targets[unit.target] = entry
    for (const finding of unit.findings) {
      const { status, message } = decide(finding, config.level, config.overrides)
      if (status !== 'passed') entry.findings.push({ rule: finding.rule, status, message })
      const identity: CheckIdentity | undefined = planned.get(securityKey(finding.rule, finding.target))
      if (!identity || status === 'ignored') continue
      context.logger.info(`${identity.id}: ${status}`)
      context.record({ identity, status, message, durationMs: unit.durationMs, attempts: 1 })
    }
  }
  return { level: config.level, targets }
}

function tlsFacts(observation: TlsObservation, now: Date): TlsFacts {
  const { certificate } = observation
  return {
    protocol: observation.protocol ?? null,
    trusted: observation.chainTrusted ?? null,
    chain_error: observation.chainError ?? null,
    names: certificate ? namesOf(certificate) : [],
    issuer: certificate?.issuer ?? null,
    valid_from: certificate?.validFrom.toISOString() ?? null,
    valid_to: certificate?.validTo.toISOString() ?? null,
    days_remaining: certificate ? daysLeft(certificate.validTo, now) : null,
    error: observation.error ?? null
  }
}

function corsFact(answer: CorsAnswer): CorsFact {
  return {
    kind: answer.kind,
    origin: answer.origin,
    status: answer.status ?? null,
    allow_origin: answer.allowOrigin === undefined ? null : quote(answer.allowOrigin),
    allow_credentials: answer.allowCredentials === undefined ? null : quote(answer.allowCredentials),
    error: answer.error ?? null
  }
}

/** The headers the rules read, each cut short: a server's text is hostile and may be endless. */
function securityHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    READ_HEADERS.flatMap(name => {
      const value = headers[name]
      return value === undefined ? [] : [[name, value.slice(0, MAX_FACT_CHARS)]]
    })
  )
}
