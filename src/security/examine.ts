// One examination of the `security:` section: every probe it asks for, run concurrently and each
// bounded by the timeout, judged and decided at the configured level. What a phase needs to turn
// into checks (`security.<rule>.<target>`) and into the report's `security` section, keyed by target.
import type { SecurityConfig } from '../config/security.js'
import type { SourceRef } from '../config/model.js'
import {
  decide,
  exposedPorts,
  judgeAuth,
  judgeCors,
  judgeHeaders,
  judgePorts,
  judgeTls,
  type RuleFinding,
  type SecurityResult
} from './judge.js'
import type { CertificateFacts } from './observations.js'
import { observeAuth, observeCors, observeHeaders, observeTls, scanPorts } from './probes.js'
import { securityCheckId } from './rules.js'

export interface SecurityCheck extends SecurityResult {
  /** `security.<area>.<rule>.<target>`. */
  id: string
  /** The YAML line the check points at: its target, endpoint or port list. */
  source: SourceRef
}

/** The facts of one target, for the report's `security` section. */
export interface TargetFacts {
  url?: string
  tls?: { protocol?: string; certificate?: CertificateFacts; error?: string }
  /** Lower-cased header names the target answered with, among those the rules read. */
  headers?: Record<string, string>
  /** `exposed_ports` of the seeds' security_validation: scanned ports that accepted a connection. */
  exposedPorts?: number[]
  findings: string[]
}

export interface SecurityExamination {
  level: SecurityConfig['level']
  checks: SecurityCheck[]
  targets: Record<string, TargetFacts>
}

export interface ExamineOptions {
  /** Per probe. */
  timeoutMs: number
  signal?: AbortSignal
  now: Date
}

/** Longest header value kept in the report. */
const MAX_FACT_CHARS = 200
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
  options: ExamineOptions
): Promise<SecurityExamination> {
  const probe = { timeoutMs: options.timeoutMs, signal: options.signal }
  const targets: Record<string, TargetFacts> = {}
  const judged: Array<{ findings: RuleFinding[]; source: SourceRef }> = []

  await Promise.all([
    ...config.targets.map(async target => {
      const url = new URL(target.url)
      const https = url.protocol === 'https:'
      const [tls, cors, headers] = await Promise.all([
        https
          ? observeTls(
              { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443), ca: target.ca },
              probe
            )
          : undefined,
        observeCors(target.url, config.cors.allowedOrigins[0], probe),
        observeHeaders(target.url, probe)
      ])
      const findings = [
        ...(tls ? judgeTls(target.name, tls, config.tls, options.now) : []),
        ...judgeCors(target.name, cors, config.cors),
        ...judgeHeaders(target.name, headers)
      ]
      judged.push({ findings, source: target.source })
      targets[target.name] = {
        url: target.url,
        tls: tls && { protocol: tls.protocol, certificate: tls.certificate, error: tls.error },
        headers: securityHeaders(headers.headers),
        findings: []
      }
    }),
    ...config.authRequired.map(async endpoint => {
      const finding = judgeAuth(endpoint.name, await observeAuth(endpoint.url, probe))
      judged.push({ findings: [finding], source: endpoint.source })
      targets[endpoint.name] ??= { url: endpoint.url, findings: [] }
    }),
    (async () => {
      const { ports } = config
      if (!ports) return
      const observations = await scanPorts(ports.host, ports.scan, probe)
      judged.push({
        findings: [judgePorts(ports.host, ports.host, ports.expected, observations)],
        source: ports.source
      })
      targets[ports.host] = { ...targets[ports.host], exposedPorts: exposedPorts(observations), findings: [] }
    })()
  ])

  const checks = judged
    .flatMap(({ findings, source }) =>
      findings.map(finding => ({
        ...decide(finding, config.level, config.overrides),
        id: securityCheckId(finding.rule, finding.target),
        source
      }))
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (const check of checks)
    if (check.status !== 'passed') targets[check.target]?.findings.push(`${check.rule}: ${check.message}`)
  return { level: config.level, checks, targets }
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
