// The security judge: observations in, one finding per rule and target out, then the level (and the
// configuration's overrides) decides whether a broken rule fails, warns or is ignored. Pure.
import { checkServerIdentity, type PeerCertificate } from 'node:tls'
import { actionFor, type RuleName, type RuleOverrides, type SecurityLevel } from './security-rules.js'
import type {
  AuthObservation,
  CorsAnswer,
  HeadersObservation,
  PortObservation,
  TlsObservation
} from '../model/observation.js'

/** A rule examined on one target: `problem` says what is wrong, or `seen` what holds. */
export interface RuleFinding {
  rule: RuleName
  target: string
  problem?: string
  /** A problem that may warn but never fail (a certificate inside the warning window). */
  warnOnly?: boolean
  seen?: string
}

export type SecurityStatus = 'passed' | 'warning' | 'failed' | 'ignored'

export interface SecurityResult {
  rule: RuleName
  target: string
  status: SecurityStatus
  message: string
}

export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const
export type TlsVersion = (typeof TLS_VERSIONS)[number]

export interface TlsSettings {
  minDays: { warn: number; fail: number }
  minVersion: TlsVersion
}

export interface CorsSettings {
  /** Origins that may call the service from a browser; `*` allows any (without credentials). */
  allowedOrigins: readonly string[]
  /** Whether the allowed origins may send credentials (cookies, Authorization). */
  credentials: boolean
}

const DAY_MS = 86_400_000
/** 180 days: below this, HSTS lapses between visits of an ordinary user. */
export const MIN_HSTS_MAX_AGE_S = 15_552_000
/** Longest text of a server's header quoted in a message. */
const QUOTE_CHARS = 80

/** What the level and the overrides make of a finding. */
export function decide(
  finding: RuleFinding,
  level: SecurityLevel,
  overrides: RuleOverrides = {}
): SecurityResult {
  const { rule, target, problem } = finding
  if (problem === undefined) return { rule, target, status: 'passed', message: finding.seen ?? 'as expected' }
  const action = actionFor(rule, level, overrides)
  if (action === 'ignore')
    return { rule, target, status: 'ignored', message: `${problem} (ignored at level ${level})` }
  const status = action === 'fail' && !finding.warnOnly ? 'failed' : 'warning'
  return { rule, target, status, message: problem }
}

export function judgeTls(
  target: string,
  observation: TlsObservation,
  settings: TlsSettings,
  now: Date
): RuleFinding[] {
  const rules = ['tls.trusted', 'tls.hostname', 'tls.expiry', 'tls.protocol'] as const
  const { certificate, error } = observation
  if (error !== undefined || !certificate) {
    const problem = `no TLS handshake with ${observation.host}:${observation.port}: ${error ?? 'no certificate'}`
    return rules.map(rule => ({ rule, target, problem }))
  }
  return [
    { rule: 'tls.trusted', target, ...trust(observation) },
    { rule: 'tls.hostname', target, ...hostname(observation.servername, certificate) },
    { rule: 'tls.expiry', target, ...expiry(certificate, settings.minDays, now) },
    { rule: 'tls.protocol', target, ...protocol(observation.protocol, settings.minVersion) }
  ]
}

type Verdict = Omit<RuleFinding, 'rule' | 'target'>

/** Dates are the expiry rule's concern, so an expired certificate is not also called untrusted. */
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'])
const CHAIN_WORDS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the issuer of the certificate is not known',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of the certificate is not known'
}

function trust({ chainTrusted, chainError }: TlsObservation): Verdict {
  if (chainTrusted || (chainError !== undefined && DATE_ERRORS.has(chainError)))
    return { seen: 'the certificate chain ends in a trusted CA' }
  const words = chainError && (CHAIN_WORDS[chainError] ?? chainError)
  return { problem: `the certificate chain is not trusted${words ? `: ${words}` : ''}` }
}

function hostname(servername: string, certificate: CertificateLike): Verdict {
  const names = namesOf(certificate)
  const peer = {
    subject: { CN: certificate.subjectCommonName },
    subjectaltname: certificate.subjectAltName
  } as unknown as PeerCertificate
  if (checkServerIdentity(servername, peer) === undefined) return { seen: `issued for ${servername}` }
  return { problem: `issued for ${names.join(', ') || 'no name'}, not ${servername}` }
}

type CertificateLike = NonNullable<TlsObservation['certificate']>

/** The names a certificate is issued for: its alternative names, else its common name. */
export function namesOf(certificate: CertificateLike): string[] {
  const alternatives = (certificate.subjectAltName ?? '')
    .split(',')
    .map(entry => /^\s*(?:DNS|IP Address):(.+)/.exec(entry)?.[1]?.trim())
    .filter((name): name is string => Boolean(name))
  if (alternatives.length > 0) return alternatives
  return certificate.subjectCommonName ? [certificate.subjectCommonName] : []
}

function expiry(certificate: CertificateLike, minDays: TlsSettings['minDays'], now: Date): Verdict {
  const { validFrom, validTo } = certificate
  if (validFrom.getTime() > now.getTime()) return { problem: `not valid before ${day(validFrom)}` }
  const days = daysLeft(validTo, now)
  if (validTo.getTime() <= now.getTime())
    return { problem: `expired on ${day(validTo)}, ${count(daysLeft(now, validTo))} ago` }
  const when = `expires on ${day(validTo)}, in ${count(days)}`
  if (days < minDays.fail) return { problem: `${when} (fails under ${minDays.fail})` }
  if (days < minDays.warn) return { problem: `${when} (warns under ${minDays.warn})`, warnOnly: true }
  return { seen: when }
}

/** Whole days from `now` until `validTo`: negative once it has passed. */
export function daysLeft(validTo: Date, now: Date): number {
  return Math.floor((validTo.getTime() - now.getTime()) / DAY_MS)
}

function protocol(negotiated: string | undefined, minimum: TlsVersion): Verdict {
  const rank = TLS_VERSIONS.indexOf(negotiated as TlsVersion)
  if (rank >= TLS_VERSIONS.indexOf(minimum)) return { seen: `negotiated ${negotiated}` }
  return { problem: `negotiated ${negotiated ?? 'an unknown protocol'}, below the minimum ${minimum}` }
}

export function judgeCors(
  target: string,
  answers: readonly CorsAnswer[],
  settings: CorsSettings
): RuleFinding[] {
  const rules = ['cors.disallowed-origin', 'cors.reflected-origin', 'cors.wildcard-credentials'] as const
  const answered = answers.filter(answer => answer.error === undefined)
  if (answered.length === 0) {
    const problem = `no answer to a request with an Origin header: ${answers[0]?.error ?? 'nothing sent'}`
    return rules.map(rule => ({ rule, target, problem }))
  }
  const allowsAny = settings.allowedOrigins.includes('*')
  const disallowed = answered.filter(answer => !settings.allowedOrigins.includes(answer.origin))
  const withCredentials = (answer: CorsAnswer) => answer.allowCredentials?.trim().toLowerCase() === 'true'
  const said = (answer: CorsAnswer) =>
    `a ${answer.kind} request from ${answer.origin} was answered Access-Control-Allow-Origin: ${quote(answer.allowOrigin ?? '')}${withCredentials(answer) ? ' with credentials' : ''}`

  const allowed = disallowed.find(
    answer => answer.allowOrigin === answer.origin || (answer.allowOrigin?.trim() === '*' && !allowsAny)
  )
  const reflected = disallowed.find(answer => answer.allowOrigin === answer.origin)
  // A browser sends credentials only where the answer also names an allowed origin: without one,
  // Access-Control-Allow-Credentials alone grants nothing.
  const credentialed = settings.credentials
    ? undefined
    : answered.find(answer => withCredentials(answer) && (answer.allowOrigin?.trim() ?? '') !== '')
  const wildcard = answered.find(answer => answer.allowOrigin?.trim() === '*' && withCredentials(answer))
  const allowedList = settings.allowedOrigins.join(', ') || 'none'
  return [
    allowed
      ? {
          rule: rules[0],
          target,
          problem: `allows an origin not in allowed_origins (${allowedList}): ${said(allowed)}`
        }
      : credentialed
        ? {
            rule: rules[0],
            target,
            problem: `allows credentials, which cors.credentials does not: ${said(credentialed)}`
          }
        : { rule: rules[0], target, seen: `origins outside allowed_origins (${allowedList}) are refused` },
    reflected
      ? { rule: rules[1], target, problem: `reflects any origin: ${said(reflected)}` }
      : { rule: rules[1], target, seen: 'the Origin header is not reflected' },
    wildcard
      ? { rule: rules[2], target, problem: `allows any origin with credentials: ${said(wildcard)}` }
      : { rule: rules[2], target, seen: '* is not combined with credentials' }
  ]
}

export function judgeHeaders(target: string, observation: HeadersObservation): RuleFinding[] {
  const rules = [
    'headers.strict-transport-security',
    'headers.x-content-type-options',
    'headers.frame-protection',
    'headers.content-security-policy',
    'headers.referrer-policy',
    'headers.version-leak'
  ] as const
  if (observation.error !== undefined) {
    const problem = `no answer from ${observation.url}: ${observation.error}`
    return rules.map(rule => ({ rule, target, problem }))
  }
  const { headers } = observation
  const https = observation.url.toLowerCase().startsWith('https:')
  return [
    { rule: rules[0], target, ...hsts(headers['strict-transport-security'], https) },
    { rule: rules[1], target, ...contentTypeOptions(headers['x-content-type-options']) },
    { rule: rules[2], target, ...frameProtection(headers) },
    { rule: rules[3], target, ...contentSecurityPolicy(headers['content-security-policy']) },
    { rule: rules[4], target, ...referrerPolicy(headers['referrer-policy']) },
    { rule: rules[5], target, ...versionLeak(headers) }
  ]
}

function hsts(value: string | undefined, https: boolean): Verdict {
  if (!https) return { problem: 'served over plain HTTP, where Strict-Transport-Security has no effect' }
  if (value === undefined) return { problem: 'Strict-Transport-Security is missing' }
  const maxAge = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(value)?.[1]
  if (maxAge === undefined) return { problem: `Strict-Transport-Security has no max-age: ${quote(value)}` }
  if (Number(maxAge) < MIN_HSTS_MAX_AGE_S)
    return {
      problem: `Strict-Transport-Security max-age=${maxAge} is under 180 days (${MIN_HSTS_MAX_AGE_S} seconds)`
    }
  return { seen: `Strict-Transport-Security: ${quote(value)}` }
}

function contentTypeOptions(value: string | undefined): Verdict {
  if (value === undefined) return { problem: 'X-Content-Type-Options is missing (expected nosniff)' }
  if (value.trim().toLowerCase() !== 'nosniff')
    return { problem: `X-Content-Type-Options is ${quote(value)}, not nosniff` }
  return { seen: 'X-Content-Type-Options: nosniff' }
}

function frameProtection(headers: Record<string, string>): Verdict {
  const ancestors = directive(headers['content-security-policy'], 'frame-ancestors')
  if (ancestors !== undefined) return { seen: `Content-Security-Policy frame-ancestors ${quote(ancestors)}` }
  const frameOptions = headers['x-frame-options']?.trim()
  if (frameOptions === undefined)
    return {
      problem: 'no frame protection: neither X-Frame-Options nor Content-Security-Policy frame-ancestors'
    }
  if (/^(deny|sameorigin)$/i.test(frameOptions)) return { seen: `X-Frame-Options: ${frameOptions}` }
  return { problem: `X-Frame-Options is ${quote(frameOptions)}: only DENY or SAMEORIGIN protect` }
}

function directive(policy: string | undefined, name: string): string | undefined {
  for (const part of (policy ?? '').split(';')) {
    const [key, ...values] = part.trim().split(/\s+/)
    if (key?.toLowerCase() === name) return values.join(' ')
  }
  return undefined
}

function contentSecurityPolicy(value: string | undefined): Verdict {
  if (value === undefined || value.trim() === '') return { problem: 'Content-Security-Policy is missing' }
  return { seen: `Content-Security-Policy: ${quote(value)}` }
}

/** The policies that send the full URL to other origins, or over plain HTTP. */
const LEAKING_REFERRER = new Set(['unsafe-url', 'no-referrer-when-downgrade'])

function referrerPolicy(value: string | undefined): Verdict {
  if (value === undefined) return { problem: 'Referrer-Policy is missing' }
  // Browsers use the last policy they understand.
  const policy = value
    .slice(value.lastIndexOf(',') + 1)
    .trim()
    .toLowerCase()
  if (LEAKING_REFERRER.has(policy))
    return { problem: `Referrer-Policy ${policy} sends full URLs to other sites` }
  return { seen: `Referrer-Policy: ${quote(value)}` }
}

const VERSION = /\d+\.\d+|\/\s*\d/

function versionLeak(headers: Record<string, string>): Verdict {
  const leaks = [
    ['Server', headers.server],
    ['X-Powered-By', headers['x-powered-by']]
  ].filter((pair): pair is [string, string] => pair[1] !== undefined && VERSION.test(pair[1]))
  if (leaks.length === 0) return { seen: 'no software version in Server or X-Powered-By' }
  return {
    problem: `tells the software version: ${leaks.map(([name, value]) => `${name}: ${quote(value)}`).join(', ')}`
  }
}

export function judgeAuth(target: string, observation: AuthObservation): RuleFinding {
  const rule = 'auth_required.open'
  const { url, status, error } = observation
  if (error !== undefined || status === undefined)
    return {
      rule,
      target,
      problem: `${url} did not answer, so it is not known to require credentials: ${error ?? ''}`
    }
  if (status === 401 || status === 403)
    return { rule, target, seen: `${url} answered ${status} without credentials` }
  return { rule, target, problem: `${url} answered ${status} without credentials; it must answer 401 or 403` }
}

export function judgePorts(
  target: string,
  host: string,
  expected: readonly number[],
  observations: readonly PortObservation[]
): RuleFinding {
  const rule = 'ports.unexpected-open'
  const open = observations.filter(port => port.open).map(port => port.port)
  const unexpected = open.filter(port => !expected.includes(port))
  const expectedText = expected.length > 0 ? expected.join(', ') : 'none'
  if (unexpected.length > 0) {
    const ports = unexpected.length === 1 ? `port ${unexpected[0]}` : `ports ${unexpected.join(', ')}`
    return {
      rule,
      target,
      problem: `${ports} on ${host} ${unexpected.length === 1 ? 'accepts' : 'accept'} connections but ${unexpected.length === 1 ? 'is' : 'are'} not expected (expected: ${expectedText})`
    }
  }
  return { rule, target, seen: `open on ${host}: ${open.join(', ') || 'none'} (expected: ${expectedText})` }
}

/** The `exposed_ports` fact of the report: the scanned ports that accepted a connection. */
export function exposedPorts(observations: readonly PortObservation[]): number[] {
  return observations.filter(port => port.open).map(port => port.port)
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function count(days: number): string {
  return days === 1 ? '1 day' : `${days} days`
}

/** A server's text, cut short: it is hostile and may be endless. */
export function quote(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ')
  return clean.length > QUOTE_CHARS ? `${clean.slice(0, QUOTE_CHARS)}…` : clean
}
