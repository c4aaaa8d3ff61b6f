// The validated, interpolated and normalized environment: what the engine runs.
// Durations are milliseconds here; the YAML spells them as strings ('250ms', '10s', '5m').
import type { UnitFamily } from '../metrics/quantity.js'
import type { Selector } from '../metrics/selector.js'

import type { CorsSettings, TlsSettings } from '../judge/security.js'
import type { RuleOverrides, SecurityLevel } from '../judge/security-rules.js'
import type { ReportFormat } from '../model/report-files.js'
import type { SourceRef } from '../model/source.js'

/** Where a piece of configuration came from, so a failure can point at its line of YAML. */
export type { SourceRef }

export interface RetryPolicy {
  /** Total attempts, including the first. */
  attempts: number
  initialDelayMs: number
  maxDelayMs: number
  /** Each delay is multiplied by this after every failed attempt. */
  factor: number
  /** 0..1: the share of each delay that is randomised ("equal jitter"). */
  jitter: number
  /**
   * A permanent failure (judge/failure-kind: wrong password, 401…) is retried `once` (the default:
   * a server mid-restart may answer oddly once) or, with `retry`, like any other failure.
   */
  onPermanent?: 'once' | 'retry'
}

export interface CheckPolicy {
  /** Per attempt. */
  timeoutMs: number
  retry: RetryPolicy
  /** Time from the first attempt after which no new attempt starts (Kubernetes startup budget). */
  startupBudgetMs: number
  /** Consecutive successful attempts needed before a check passes. */
  successThreshold: number
}

/**
 * How an observed value is compared. A bare scalar means equality; an object names one or more
 * operators, all of which must hold.
 */
export type Matcher =
  | string
  | number
  | boolean
  | null
  | {
      equals?: unknown
      contains?: string
      matches?: string
      exists?: boolean
      /** Bounds are numbers, except in a server_version matcher, where they are versions ('15.10'). */
      lt?: number | string
      lte?: number | string
      gt?: number | string
      gte?: number | string
    }

/** `< 1000ms` or `<= 2s`, normalized. */
export interface LatencyBound {
  op: '<' | '<='
  ms: number
}

/** A status code, a class such as '2xx', or a list of either. */
export type StatusExpectation = Array<number | string>

export interface HttpExpect {
  status: StatusExpectation
  headers?: Record<string, Matcher>
  /** JSONPath expression -> matcher, evaluated against the parsed body. */
  json?: Record<string, Matcher>
  body?: Matcher
  latency?: LatencyBound
}

export interface HttpProbeSpec {
  kind: 'http'
  method: string
  url: string
  headers: Record<string, string>
  /** A raw body; `json` is serialized with content-type application/json instead. */
  body?: string
  json?: unknown
  tls: {
    /** PEM text of extra trusted CAs (read from `ca_file` at load time). */
    ca?: string
    /** Only when the user asked for it explicitly. */
    insecureSkipVerify: boolean
  }
  followRedirects: boolean
  maxRedirects: number
  /** Bodies are read up to this many bytes; the rest is discarded and flagged as truncated. */
  maxBodyBytes: number
  expect: HttpExpect
}

export interface PostgresExtensionSpec {
  name: string
  minVersion?: string
}

export interface PostgresTableSpec {
  /** `name` or `schema.name`; the schema defaults to public. */
  name: string
  columns: string[]
}

export interface PostgresProbeSpec {
  kind: 'postgres'
  url: string
  extensions: PostgresExtensionSpec[]
  tables: PostgresTableSpec[]
  query?: {
    /** Never holds a value: values are `params`, written $1, $2... in the SQL. */
    sql: string
    /** Bind parameters, sent apart from the SQL text. */
    params?: string[]
    /** JSONPath over the result rows (an array of objects) -> matcher. */
    expect: Record<string, Matcher>
  }
  expect: {
    serverVersion?: Matcher
    latency?: LatencyBound
  }
}

export interface TcpProbeSpec {
  kind: 'tcp'
  host: string
  port: number
  send?: string
  expect: {
    response?: Matcher
    latency?: LatencyBound
  }
}

export interface CommandSpec {
  /** As written: the shell expands ${NAME} from the command's environment, nothing is pasted in. */
  run: string
  /** Defaults to bash on POSIX. */
  shell?: string
  env: Record<string, string>
  /** Absolute: the file's working_directory resolved against the working directory. */
  workingDirectory?: string
}

export interface CommandProbeSpec extends CommandSpec {
  kind: 'command'
  expect: {
    exitCode: number
    stdout?: Matcher
    stderr?: Matcher
    latency?: LatencyBound
  }
}

/** A level of a metric rule is reached when `value op bound` holds; NaN reaches no level and is judged apart. */
export interface MetricLevel {
  op: '<' | '<=' | '>' | '>=' | '==' | '!='
  /** In base units: bytes, seconds, ratios (80% = 0.8). */
  bound: number
  family: UnitFamily
  /** For messages: `> 80%`. */
  text: string
}

/** One threshold of a metrics or prometheus probe; it reports as the check `metrics.<service>.<name>`. */
export interface MetricRule {
  name: string
  /** A series selector (metrics) or a PromQL query (prometheus), as written. */
  expression: string
  warn?: MetricLevel
  fail?: MetricLevel
  source: SourceRef
}

/** Reads a service's own /metrics (Prometheus text format) and judges rules over its samples. */
export interface MetricsProbeSpec {
  kind: 'metrics'
  url: string
  headers: Record<string, string>
  maxBodyBytes: number
  rules: Array<MetricRule & { selector: Selector }>
}

/** Runs each rule's PromQL as an instant query against a Prometheus server's HTTP API. */
export interface PrometheusProbeSpec {
  kind: 'prometheus'
  /** The server's base URL; queries go to <url>/api/v1/query. */
  url: string
  headers: Record<string, string>
  rules: MetricRule[]
}

export type ProbeSpec =
  HttpProbeSpec | PostgresProbeSpec | TcpProbeSpec | CommandProbeSpec | MetricsProbeSpec | PrometheusProbeSpec

export interface ServiceConfig {
  name: string
  critical: boolean
  dependsOn: string[]
  policy: CheckPolicy
  probe: ProbeSpec
  source: SourceRef
}

export interface DeployStep extends CommandSpec {
  /** Stable and readable: the `id`, or the name slugged ("Apply release" -> apply-release). */
  id: string
  name: string
  timeoutMs: number
  /** Further attempts after a failed one (0 = run once). */
  retries: number
  retryDelayMs: number
  /** Runs even after an earlier step failed (cleanup of a half-finished deploy). */
  always: boolean
  source: SourceRef
}

/**
 * Which failed checks a rollback entry names: a category (`services`), a check id
 * (`services.api`), or a prefix of ids (`security.tls` names `security.tls.api`).
 */
export type FailureSelector = string

/** A rollback step: a command run like a deploy step, for the failures its `when:` names. */
export interface RollbackStep extends CommandSpec {
  id: string
  name: string
  timeoutMs: number
  /** Attempts in all (1 = run once). */
  attempts: number
  delayMs: number
  /** Runs only when a failed check matches one of these; empty: for any failure that triggered. */
  when: FailureSelector[]
  source: SourceRef
}

/** After a failed verdict: restore the last good release, or start the workflow that does. */
export interface RollbackConfig {
  /** auto: in this job after a failed verdict; workflow: a rollback workflow runs `mode: rollback`. */
  mode: 'auto' | 'workflow'
  /** Failures that trigger a rollback at all; empty: any failure. */
  on: FailureSelector[]
  steps: RollbackStep[]
  /** Services checked again after the steps, by name. */
  verify: string[]
  /** What a person does when the rollback itself fails. */
  manual?: string
  /** The repository_dispatch event_type that starts the rollback workflow. */
  dispatch?: string
  /** A run started by pull_request or pull_request_target dispatches only when this is true. */
  dispatchFromPullRequests: boolean
}

/** An HTTP request of a smoke step: like a service's, plus values to capture for later steps. */
export interface SmokeHttpSpec extends HttpProbeSpec {
  /**
   * Name -> where to read it: a JSONPath into the response body (`$.token`), or `header:<name>`.
   * Later steps use it as `${steps.<id>.<name>}`, and in run: as the variable `STEPS_<ID>_<NAME>`.
   */
  capture: Record<string, Capture>
}

/** One value a smoke step captures: where to read it, and whether it is a secret (docs/decisions.md). */
export interface Capture {
  /** A JSONPath into the response body (`$.token`), or `header:<name>` (lower-cased). */
  from: string
  secret: boolean
}

export interface SmokeStep {
  id: string
  name: string
  timeoutMs: number
  /** Further attempts after a failed one (0 = run once). */
  retries: number
  retryDelayMs: number
  /** Runs even after an earlier step failed (cleanup). */
  always: boolean
  critical: boolean
  /**
   * Exactly one. Strings other than run may still hold `${steps.<id>.<name>}` references, resolved
   * when the step runs; run gets captured values in its environment.
   */
  check: SmokeHttpSpec | CommandProbeSpec
  source: SourceRef
}

export interface VariableConfig {
  name: string
  required: boolean
  secret: boolean
  default?: string
  description?: string
  source: SourceRef
}

/** The JSON report is always written; the others go beside it on request. */
export type { ReportFormat }

export interface ReportConfig {
  /** Relative to the working directory. */
  path: string
  formats: ReportFormat[]
  /** Days the report artifact is kept; undefined = the repository's default. */
  retentionDays?: number
}

/** `p95 < 500ms` (absolute) or `p95 <= +20%` (relative to the baseline's same percentile). */
export interface PercentileBound {
  /** As written, for messages. */
  text: string
  percentile: number
  op: '<' | '<='
  limit: { ms: number } | { increase: number }
}

export interface LatencyComparisonConfig {
  /** Requests per service after its check passes; 0 = none. */
  samples: number
  /** Largest acceptable increase of the median, as a fraction: 0.2 = 20%. */
  maxIncrease: number
  bounds: PercentileBound[]
}

export interface ThroughputConfig {
  ratePerSecond: number
  durationMs: number
  /** Fraction: 0.01 = 1%. */
  maxErrorRate: number
  /** HTTP services the burst goes to. */
  services: string[]
  source: SourceRef
}

export interface BaselineConfig {
  /** The file compared with this environment: absolute, and as reports name it. */
  compareConfig?: { path: string; file: string; source: SourceRef }
  /** Dotted config paths; `*` stands for any one key. */
  ignore: string[]
  expectDifferent: string[]
  latency: LatencyComparisonConfig
  /** Undefined when schema comparison is off. */
  schema?: { migrationsTable?: string }
  throughput?: ThroughputConfig
  source: SourceRef
}

export interface MonitorConfig {
  durationMs: number
  intervalMs: number
  /** Fraction: 0.05 = 5%. */
  maxErrorRate: number
  maxConsecutiveFailures: number
  /** Services watched, by name. */
  services: string[]
  source: SourceRef
}

/** The merged, interpolated document before normalization, with where each value was written. */
export interface ResolvedDocument {
  /** The merged document, interpolated. */
  value: unknown
  /** The merged document as written, before interpolation: `${API_URL}/health`. */
  written: unknown
  locate(path: ReadonlyArray<string | number>): SourceRef
}

/** The `notify:` section. */
export interface NotifyConfig {
  /** A Slack incoming-webhook URL: a credential, one of the run's secrets. */
  slack?: string
  /** The longest a notification may take, answer included. */
  timeoutMs: number
}

/** The `security:` section (see config/security.ts, which reads it). */
export interface SecurityTarget {
  /** The service's name, or the key under `targets:`: the last part of the check id. */
  name: string
  url: string
  /** PEM text of the CA the service trusts (its `ca_file`). */
  ca?: string
  source: SourceRef
}

export interface SecurityEndpoint {
  /** From the URL's path (`/admin` -> admin), unique in the section. */
  name: string
  url: string
  source: SourceRef
}

export interface SecurityConfig {
  level: SecurityLevel
  overrides: RuleOverrides
  targets: SecurityTarget[]
  tls: TlsSettings
  cors: CorsSettings
  authRequired: SecurityEndpoint[]
  ports?: { host: string; expected: number[]; scan: number[]; source: SourceRef }
}

export interface EnvironmentConfig {
  version: 1
  environment: string
  /**
   * The environment file and every file it extends, relative to the working directory: the
   * environment file first, then the extended files in the order they merge.
   */
  files: string[]
  variables: VariableConfig[]
  defaults: CheckPolicy & { concurrency: number }
  /** Run in order before any check; empty when the file has no `deploy:`. */
  deploy: DeployStep[]
  services: ServiceConfig[]
  /** Run in order after the services are healthy. */
  smoke: SmokeStep[]
  /** Examined after the smoke tests; undefined when the file has no `security:`. */
  security?: SecurityConfig
  report: ReportConfig
  /** Comparison with the baseline; the defaults when the file has no `baseline:`. */
  baseline: BaselineConfig
  /** The file's `baseline:` sets latency or schema: comparing them without a recorded baseline is worth a warning. */
  expectsRecordedBaseline: boolean
  monitor?: MonitorConfig
  /** After a failed verdict: the rollback (steps run in this job, or the dispatch of a workflow). */
  rollback: RollbackConfig
  notify: NotifyConfig
  /** What the file says after interpolation: the input of config drift. */
  resolved: ResolvedDocument
  /** Values that must never appear in any output: secret variables and passwords inside URLs. */
  secrets: string[]
  /** Every declared variable's value (from the environment, else its default, else ''): exported to commands. */
  values: Record<string, string>
}
