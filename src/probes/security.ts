// The security probes: each observes and returns plain data for the judge, bounded in time, and
// never throws for what a server does. Requests carry no credentials of the configuration, so they
// do not need a trusted chain to be safe: they look at the answer even when TLS would be refused,
// and whether TLS should be refused is the TLS rules' verdict.
import { connect as connectTcp } from 'node:net'
import { connect as connectTls, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls'
import pLimit from 'p-limit'
import type { HttpProbeSpec } from '../config/model.js'
import { attemptSignal, describeError } from './attempt.js'
import { probeHttp } from './http.js'
import type { ProbeOptions } from './types.js'
import type {
  AuthObservation,
  CorsAnswer,
  HeadersObservation,
  PortObservation,
  TlsObservation
} from '../model/observation.js'

/** An origin no deployment allows: `.invalid` is reserved (RFC 2606). */
export const DISALLOWED_ORIGIN = 'https://deploy-verify.invalid'
/** The security probes read headers; bodies are not needed beyond this. */
const MAX_BODY_BYTES = 4096
const DEFAULT_SCAN_CONCURRENCY = 16

export interface TlsTarget {
  host: string
  port: number
  /** The name to ask for and match; the host when not given. */
  servername?: string
  /** PEM text of extra CAs, trusted besides the system's. */
  ca?: string
}

export async function observeTls(target: TlsTarget, options: ProbeOptions): Promise<TlsObservation> {
  const servername = target.servername ?? target.host
  const base = { host: target.host, port: target.port, servername }
  const attempt = attemptSignal(options)
  let socket: TLSSocket | undefined
  try {
    return await new Promise<TlsObservation>((resolve, reject) => {
      socket = connectTls({
        host: target.host,
        port: target.port,
        // Server Name Indication carries names only, never addresses.
        servername: isAddress(servername) ? undefined : servername,
        ca: target.ca ? [...rootCertificates, target.ca] : undefined,
        // Observe everything; the judge decides. Old protocols must be reachable to be reported.
        rejectUnauthorized: false,
        checkServerIdentity: () => undefined,
        minVersion: 'TLSv1',
        ciphers: 'DEFAULT:@SECLEVEL=0'
      })
      socket.once('secureConnect', () => {
        const tls = socket as TLSSocket
        resolve({
          ...base,
          chainTrusted: tls.authorized,
          chainError: tls.authorizationError === undefined ? undefined : String(tls.authorizationError),
          protocol: tls.getProtocol() ?? undefined,
          certificate: certificateFacts(tls.getPeerCertificate())
        })
      })
      socket.once('error', reject)
      attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason), { once: true })
    })
  } catch (error) {
    return { ...base, error: describeError(error, attempt.timedOut(), options.timeoutMs) }
  } finally {
    attempt.dispose()
    socket?.destroy()
  }
}

function certificateFacts(certificate: PeerCertificate): TlsObservation['certificate'] {
  if (!certificate.valid_to) return undefined
  return {
    subjectCommonName: first(certificate.subject?.CN),
    subjectAltName: certificate.subjectaltname,
    issuer: first(certificate.issuer?.CN ?? certificate.issuer?.O),
    validFrom: new Date(certificate.valid_from),
    validTo: new Date(certificate.valid_to)
  }
}

/** Distinguished-name fields repeat as arrays when a certificate has several. */
function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function isAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':')
}

/** A request for headers only: no redirects, no credentials, a short body read. */
function headRequest(url: string, method: string, headers: Record<string, string>): HttpProbeSpec {
  const plain = withoutUserInfo(url)
  return {
    kind: 'http',
    method,
    url: plain,
    headers,
    tls: { insecureSkipVerify: true },
    followRedirects: false,
    maxRedirects: 0,
    maxBodyBytes: MAX_BODY_BYTES,
    expect: { status: [] }
  }
}

/** Credentials written in a URL would turn into Basic auth: the security probes send none. */
function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    return parsed.toString()
  } catch {
    return url
  }
}

/**
 * A preflight and a simple request from each origin: the allowed one given (if any) and an origin
 * nobody allows.
 */
export async function observeCors(
  url: string,
  allowedOrigin: string | undefined,
  options: ProbeOptions
): Promise<CorsAnswer[]> {
  const origins = [...(allowedOrigin && allowedOrigin !== '*' ? [allowedOrigin] : []), DISALLOWED_ORIGIN]
  const requests = origins.flatMap(origin => [
    {
      kind: 'preflight' as const,
      origin,
      spec: headRequest(url, 'OPTIONS', {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization'
      })
    },
    { kind: 'simple' as const, origin, spec: headRequest(url, 'GET', { origin }) }
  ])
  return Promise.all(
    requests.map(async ({ kind, origin, spec }) => {
      const answer = await probeHttp(spec, options)
      return {
        kind,
        origin,
        status: answer.status,
        error: answer.error,
        allowOrigin: answer.headers?.['access-control-allow-origin'],
        allowCredentials: answer.headers?.['access-control-allow-credentials']
      }
    })
  )
}

export async function observeHeaders(url: string, options: ProbeOptions): Promise<HeadersObservation> {
  const answer = await probeHttp(headRequest(url, 'GET', {}), options)
  return { url: answer.url, status: answer.status, error: answer.error, headers: answer.headers ?? {} }
}

/** The endpoint asked without any credentials. */
export async function observeAuth(url: string, options: ProbeOptions): Promise<AuthObservation> {
  const answer = await probeHttp(headRequest(url, 'GET', {}), options)
  return { url: answer.url, status: answer.status, error: answer.error }
}

/** Which of `ports` on `host` accept a TCP connection, a bounded number at a time. */
export async function scanPorts(
  host: string,
  ports: readonly number[],
  options: ProbeOptions & { concurrency?: number }
): Promise<PortObservation[]> {
  const limit = pLimit(options.concurrency ?? DEFAULT_SCAN_CONCURRENCY)
  return Promise.all(ports.map(port => limit(() => knock(host, port, options))))
}

async function knock(host: string, port: number, options: ProbeOptions): Promise<PortObservation> {
  const attempt = attemptSignal(options)
  const socket = connectTcp({ host, port })
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
      attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason), { once: true })
    })
    return { port, open: true }
  } catch (error) {
    return { port, open: false, reason: describeError(error, attempt.timedOut(), options.timeoutMs) }
  } finally {
    attempt.dispose()
    socket.destroy()
  }
}
