// The report document, as schema/report.schema.json documents it. Its field names are a public
// format that other tools read, hence snake_case.
import type { CheckResult, CheckStatus, RunStatus } from './check.js'
import type {
  BoundResult,
  Drift,
  MetricReading,
  Percentiles,
  PollStats,
  SchemaDifference
} from './figures.js'
import type { RollbackSection } from './rollback.js'

export const REPORT_VERSION = 1

export interface ServiceReport {
  status: CheckStatus
  response_time_ms: number | null
  /** The URL for HTTP services, or `host:port`, a redacted database URL, or the command. */
  health_check_url: string
  attempts: number
  critical: boolean
  message: string
}

export interface DeployStepReport {
  name: string
  status: CheckStatus
  /** The command as written. */
  command: string
  /** Null when it did not run, or was killed (then `timed_out` says whether by its timeout). */
  exit_code: number | null
  timed_out: boolean
  duration_ms: number
  attempts: number
  message: string
  /** The last lines of its output, redacted. */
  output_tail: string[]
}

export interface DeploySection {
  /** The step that stopped the deploy, or null when every step succeeded. */
  failed_step: string | null
  /** Keyed by step id, in run order. */
  steps: Record<string, DeployStepReport>
}

export interface SmokeTestReport {
  name: string
  status: CheckStatus
  /** The request's URL or the command, after `${steps.*}` references were resolved and redacted. */
  target: string
  duration_ms: number
  attempts: number
  message: string
  /** Names of the values this step captured for later steps (never the values). */
  captured: string[]
}

export interface GitInfo {
  sha: string | null
  ref: string | null
  repository: string | null
  run_id: string | null
  run_url: string | null
  pull_request: number | null
}

export interface ReportError {
  message: string
  file?: string
  line?: number
  column?: number
}

/** What was compared with the baseline (verify mode), or recorded as one (baseline mode). */
export interface BaselineSection {
  mode: 'verify' | 'baseline'
  /** The baseline compared with (verify mode); null when there was none. */
  source: {
    origin: string
    environment: string
    recorded_at: string
    deployment_id: string
    sha: string | null
  } | null
  /** Where the new baseline was written (baseline mode); null when it was not. */
  recorded: { path: string } | null
  /** Config drift against `baseline.compare_config`; null when none was named. */
  config: { compared_with: string; differences: Drift[] } | null
  latency: Record<string, LatencyFinding>
  schema: Record<string, SchemaDifference[]>
  throughput: Record<string, BurstReport>
}

/** One service's latency against the baseline and the bounds: the figures behind its check. */
export interface LatencyFinding {
  status: CheckStatus
  p_value: number | null
  shift_ms: number | null
  interval_ms: [number, number] | null
  relative_shift: number | null
  variance_ratio: number | null
  /** Runner now over runner at recording; null when either run did not measure it. */
  runner_slowdown: number | null
  /**
   * When this service's samples were taken, in ms since the sample set began (first and last);
   * null without samples. Samples are taken round-robin, so every service's window spans the set.
   */
  window_ms: [number, number] | null
  baseline: Percentiles | null
  target: Percentiles
  bounds: BoundResult[]
}

/** A throughput burst to one service: what was sent and what came back. */
export interface BurstReport {
  requests: number
  failures: number
  /** 0..1 */
  error_rate: number
  achieved_rps: number
  /** Requests that waited for the cap on requests in flight. */
  late_starts: number
  latency: Percentiles
  failure_reasons: string[]
}

/** The monitor window: each watched service's polls, for the report's `monitor` section. */
export interface MonitorSection {
  duration_ms: number
  interval_ms: number
  services: Record<string, PollStats & { latency: Percentiles; failure_reasons: string[] }>
}

/** A section filled by a capability that is not built yet: null until then (see the schema). */
export type PendingSection = Record<string, unknown> | null

export interface MetricRuleReport extends MetricReading {
  status: CheckStatus
  message: string
  file: string
  line: number
}

/** A broken security rule on a target: failed or warned as its check says, or ignored at the level. */
export interface SecurityFinding {
  rule: string
  status: 'warning' | 'failed' | 'ignored'
  message: string
}

/** What the TLS handshake showed of a target (an https URL). */
export interface TlsFacts {
  /** Negotiated: TLSv1.2, TLSv1.3; null when the handshake failed. */
  protocol: string | null
  trusted: boolean | null
  /** OpenSSL's reason when the chain is not trusted. */
  chain_error: string | null
  /** The names the certificate is issued for. */
  names: string[]
  issuer: string | null
  valid_from: string | null
  valid_to: string | null
  days_remaining: number | null
  /** Why there was no handshake. */
  error: string | null
}

/** One answer to a request sent with an Origin header. */
export interface CorsFact {
  kind: 'preflight' | 'simple'
  origin: string
  status: number | null
  allow_origin: string | null
  allow_credentials: string | null
  error: string | null
}

/** The facts of one examined target: a service or `targets:` entry, an auth_required URL, a scanned host. */
export interface SecurityTargetReport {
  /** The URL examined, or the scanned host. */
  url: string
  tls?: TlsFacts
  /** The headers the rules read, as answered (values cut to 200 characters). */
  headers?: Record<string, string>
  cors?: CorsFact[]
  /** Of the scanned ports, those that accepted a connection. */
  exposed_ports?: number[]
  findings: SecurityFinding[]
}

/** The security examination: the level it was judged at, and its facts by target. */
export interface SecuritySection {
  level: 'local' | 'staging' | 'production'
  targets: Record<string, SecurityTargetReport>
}

export interface Report {
  report_version: typeof REPORT_VERSION
  deployment_id: string
  environment: string
  status: RunStatus
  /** ISO 8601, UTC, when the validation started. */
  timestamp: string
  duration_seconds: number
  /** What the run was asked to do. */
  mode: 'verify' | 'baseline' | 'rollback' | 'merge'
  /** One line for humans, also the `summary` output. */
  summary: string
  config_files: string[]
  git: GitInfo
  /** Null when the environment has no deploy steps. */
  deploy: DeploySection | null
  services: Record<string, ServiceReport>
  /** Keyed by step id, in run order. */
  smoke_tests: Record<string, SmokeTestReport>
  /** What metrics and prometheus probes read, by service and rule; only when the file has such probes. */
  container_metrics?: Record<string, Record<string, MetricRuleReport>>
  /** Null when the file has no security: section (or the run stopped before it). */
  security: SecuritySection | null
  /** Null when the run compared nothing (an error, or rollback and merge modes). */
  baseline: BaselineSection | null
  /** Null when the file has no monitor: section (or the run stopped before the window). */
  monitor: MonitorSection | null
  /** Null when the environment names no rollback (or the run stopped before the verdict). */
  rollback: RollbackSection | null
  checks: CheckResult[]
  errors: ReportError[]
  /** Merge mode only: a row per environment whose report was merged. */
  environments?: Array<{ environment: string; status: RunStatus; summary: string; deployment_id: string }>
}
