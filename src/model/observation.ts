// What a probe saw during one attempt. Probes observe and never judge: a probe that could not
// complete (refused, timed out, TLS error) returns an observation with `error` set, not an exception.
import type { Sample } from '../metrics/exposition.js'
import type { Labels } from '../metrics/selector.js'

export interface BaseObservation {
  /** Wall time of the attempt. */
  durationMs: number
  /** Why the attempt could not observe anything useful, in plain words ("connection refused"). */
  error?: string
  /** True when the attempt was cut off by its timeout. */
  timedOut?: boolean
}

export interface HttpObservation extends BaseObservation {
  kind: 'http'
  /** The URL finally answered (after redirects). */
  url: string
  status?: number
  /** Lower-cased header names. */
  headers?: Record<string, string>
  body?: string
  bodyTruncated?: boolean
  /** Parsed body when it was JSON; undefined otherwise. */
  json?: unknown
  redirects?: number
}

export interface PostgresObservation extends BaseObservation {
  kind: 'postgres'
  /** `server_version` as reported, e.g. "15.19 (Debian 15.19-0+deb12u1)". */
  serverVersion?: string
  /** Installed extensions: name -> version. */
  extensions?: Record<string, string>
  /** Requested tables that exist: qualified name -> its column names. */
  tables?: Record<string, string[]>
  queryRows?: Record<string, unknown>[]
  /** Set to the number of rows kept when the query returned more. */
  queryRowsTruncated?: number
  queryError?: string
  /** Time of the configured query alone, when there is one. */
  queryMs?: number
}

export interface TcpObservation extends BaseObservation {
  kind: 'tcp'
  connected: boolean
  response?: string
  /** The server ended the connection while its answer was awaited. */
  closedByServer?: boolean
  /** Set to the number of bytes kept when the answer was longer. */
  responseTruncated?: number
}

export interface CommandObservation extends BaseObservation {
  kind: 'command'
  /** Null when the process was killed by a signal. */
  exitCode: number | null
  signal?: string
  stdout: string
  stderr: string
  /** Set to the number of characters kept of a stream that printed more. */
  stdoutTruncated?: number
  stderrTruncated?: number
  /** The last lines of combined output, for reports. */
  tail: string[]
}

export interface MetricsObservation extends BaseObservation {
  kind: 'metrics'
  status?: number
  samples: Sample[]
  /** Set to the number of bytes read when the exposition was longer: samples past it were not seen. */
  truncatedAt?: number
}

/** One series of a query's answer: its labels and value (NaN and ±Inf included). */
export interface SeriesValue {
  labels: Labels
  value: number
}

/** What Prometheus answered to one rule's query. */
export interface QueryAnswer {
  series: SeriesValue[]
  /** The answer's `warnings`: the data may be partial. */
  warnings: string[]
  /** The query could not be answered: Prometheus's own error, an HTTP failure, an unusable answer. */
  error?: string
}

export interface PrometheusObservation extends BaseObservation {
  kind: 'prometheus'
  /** Rule name -> its answer. */
  answers: Record<string, QueryAnswer>
}

export type Observation =
  | HttpObservation
  | PostgresObservation
  | TcpObservation
  | CommandObservation
  | MetricsObservation
  | PrometheusObservation

/** A PostgreSQL database's schema, as the baseline records and compares it. */
export interface SchemaSnapshot {
  /** name -> version */
  extensions: Record<string, string>
  /** schema.table -> column -> type as PostgreSQL spells it (`vector(3)`, `text`) */
  tables: Record<string, Record<string, string>>
  /** schema.index -> its definition */
  indexes: Record<string, string>
  /** schema.table.constraint -> its definition */
  constraints: Record<string, string>
  /** The newest entry of the migrations table, when one was named and exists. */
  migration: string | null
}

// What the security probes saw, as plain data: the security judge decides from these alone.

/** A TLS handshake with a server, trusted CAs as configured, without rejecting anything. */
export interface TlsObservation {
  host: string
  port: number
  /** The name asked for (SNI) and matched against the certificate. */
  servername: string
  /** Why the handshake or connection failed; nothing else is known then. */
  error?: string
  /** The chain ends in a trusted CA; host name and dates are judged separately. */
  chainTrusted?: boolean
  /** OpenSSL's reason when the chain is not trusted, e.g. SELF_SIGNED_CERT_IN_CHAIN. */
  chainError?: string
  /** Negotiated protocol: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3. */
  protocol?: string
  certificate?: CertificateFacts
}

export interface CertificateFacts {
  subjectCommonName?: string
  /** As Node gives it: `DNS:api.example.com, IP Address:127.0.0.1`. */
  subjectAltName?: string
  issuer?: string
  validFrom: Date
  validTo: Date
}

/** One answer to a request sent with an `Origin` header. */
export interface CorsAnswer {
  kind: 'preflight' | 'simple'
  origin: string
  status?: number
  error?: string
  /** Access-Control-Allow-Origin, as sent. */
  allowOrigin?: string
  /** Access-Control-Allow-Credentials, as sent. */
  allowCredentials?: string
}

export interface HeadersObservation {
  url: string
  status?: number
  error?: string
  /** Lower-cased names. */
  headers: Record<string, string>
}

export interface AuthObservation {
  url: string
  status?: number
  error?: string
}

export interface PortObservation {
  port: number
  open: boolean
  /** Why a port counts as closed: refused, timed out, unreachable. */
  reason?: string
}
