// Judges one observation against the expectations of its spec. Pure: the same observation always
// gets the same verdict, and every unmet expectation is listed, not only the first.
import type {
  CommandProbeSpec,
  HttpProbeSpec,
  LatencyBound,
  Matcher,
  PostgresProbeSpec,
  ProbeSpec,
  TcpProbeSpec
} from '../config/model.js'
import type {
  CommandObservation,
  HttpObservation,
  MetricsObservation,
  Observation,
  PrometheusObservation,
  PostgresObservation,
  TcpObservation
} from '../model/observation.js'
import { readJsonPath } from './json-path.js'
import type { Judgement } from './judgement.js'
import { checkMatcher } from './matchers.js'
import { errorMessage } from '../model/errors.js'
import { judgeMetricsRules, judgePrometheusRules, type RuleVerdict } from './metrics.js'

export function judge(spec: ProbeSpec, observation: Observation): Judgement {
  const failures = unmet(spec, observation)
  return { ok: failures.length === 0, failures, responseTimeMs: observation.durationMs }
}

function unmet(spec: ProbeSpec, observation: Observation): string[] {
  // A command that ran has an exit code worth judging even when it also timed out.
  if (observation.error && observation.kind !== 'command') return [observation.error]
  switch (spec.kind) {
    case 'http':
      return judgeHttp(spec, observation as HttpObservation)
    case 'postgres':
      return judgePostgres(spec, observation as PostgresObservation)
    case 'tcp':
      return judgeTcp(spec, observation as TcpObservation)
    case 'command':
      return judgeCommand(spec, observation as CommandObservation)
    case 'metrics':
      return ruleFailures(judgeMetricsRules(spec, observation as MetricsObservation))
    case 'prometheus':
      return ruleFailures(judgePrometheusRules(spec, observation as PrometheusObservation))
  }
}

/** An attempt fails on the rules that reached their fail level; warnings are the rules' own checks' to give. */
function ruleFailures(verdicts: RuleVerdict[]): string[] {
  return verdicts.filter(v => v.status === 'failed').map(v => `${v.rule.name}: ${v.message}`)
}

function judgeHttp(spec: HttpProbeSpec, obs: HttpObservation): string[] {
  const { expect } = spec
  const failures: string[] = []
  if (!statusMatches(obs.status, expect.status)) {
    failures.push(`expected status ${expect.status.join(' or ')}, got ${obs.status}`)
  }
  for (const [name, matcher] of Object.entries(expect.headers ?? {})) {
    push(failures, checkMatcher(obs.headers?.[name.toLowerCase()], matcher, `header ${name}`))
  }
  if (expect.json) {
    if (obs.json === undefined) {
      failures.push(
        `expected a JSON body, got ${obs.bodyTruncated ? 'a body over the size limit' : 'one that is not JSON'}`
      )
    } else {
      failures.push(...pathFailures(obs.json, expect.json))
    }
  }
  if (expect.body !== undefined) {
    const cut = obs.bodyTruncated ? spec.maxBodyBytes : undefined
    push(failures, noteCut(checkMatcher(obs.body, expect.body, 'body'), 'body', cut, 'bytes'))
  }
  push(failures, latencyFailure(obs.durationMs, expect.latency))
  return failures
}

function judgePostgres(spec: PostgresProbeSpec, obs: PostgresObservation): string[] {
  const failures: string[] = []
  const installed = obs.extensions ?? {}
  for (const extension of spec.extensions) {
    const version = installed[extension.name]
    if (version === undefined) failures.push(`extension ${extension.name} is not installed`)
    else if (extension.minVersion && compareVersions(version, extension.minVersion) < 0) {
      failures.push(
        `extension ${extension.name} is version ${version}, expected at least ${extension.minVersion}`
      )
    }
  }
  for (const table of spec.tables) {
    const columns = obs.tables?.[table.name]
    if (!columns) {
      failures.push(`table ${table.name} does not exist`)
      continue
    }
    const missing = table.columns.filter(c => !columns.includes(c))
    if (missing.length) failures.push(`table ${table.name} has no column ${missing.join(', ')}`)
  }
  if (spec.query) {
    if (obs.queryError) failures.push(`query failed: ${obs.queryError}`)
    else
      failures.push(
        ...pathFailures(obs.queryRows ?? [], spec.query.expect).map(failure =>
          noteCut(failure, 'result', obs.queryRowsTruncated, 'rows')
        )
      )
  }
  if (spec.expect.serverVersion !== undefined) {
    push(failures, checkServerVersion(obs.serverVersion, spec.expect.serverVersion))
  }
  push(failures, latencyFailure(obs.durationMs, spec.expect.latency))
  return failures
}

/**
 * "15.20 (Debian ...)" is version 15.20, newer than 15.3: bounds compare part by part, not as
 * decimals. Other matchers see the leading version text.
 */
function checkServerVersion(seen: string | undefined, matcher: Matcher): string | null {
  const version = /^\d+(\.\d+)*/.exec(seen ?? '')?.[0]
  if (version === undefined || matcher === null || typeof matcher !== 'object') {
    return checkMatcher(version ?? seen, matcher, 'server version')
  }
  const bounds = [
    ['lt', '<', (c: number) => c < 0],
    ['lte', '<=', (c: number) => c <= 0],
    ['gt', '>', (c: number) => c > 0],
    ['gte', '>=', (c: number) => c >= 0]
  ] as const
  const unmet = bounds
    .filter(
      ([op, , holds]) => matcher[op] !== undefined && !holds(compareVersions(version, String(matcher[op])))
    )
    .map(([op, symbol]) => `expected server version to be ${symbol} ${matcher[op]}, got ${version}`)
  const rest = Object.fromEntries(Object.entries(matcher).filter(([op]) => !bounds.some(([b]) => b === op)))
  const other = Object.keys(rest).length ? checkMatcher(version, rest, 'server version') : null
  return [...unmet, ...(other ? [other] : [])].join('; ') || null
}

function judgeTcp(spec: TcpProbeSpec, obs: TcpObservation): string[] {
  const failures: string[] = []
  if (!obs.connected) failures.push(`could not connect to ${spec.host}:${spec.port}`)
  const mismatch =
    spec.expect.response === undefined ? null : checkMatcher(obs.response, spec.expect.response, 'response')
  if (mismatch && obs.response === '' && obs.closedByServer) {
    failures.push(`the server closed the connection without answering (${mismatch.replace(/, got ""$/, '')})`)
  } else push(failures, noteCut(mismatch, 'response', obs.responseTruncated, 'bytes'))
  push(failures, latencyFailure(obs.durationMs, spec.expect.latency))
  return failures
}

function judgeCommand(spec: CommandProbeSpec, obs: CommandObservation): string[] {
  if (obs.error) return [obs.error]
  const failures: string[] = []
  if (obs.exitCode !== spec.expect.exitCode) {
    failures.push(
      obs.exitCode === null
        ? `expected exit code ${spec.expect.exitCode}, the command was killed by ${obs.signal}`
        : `expected exit code ${spec.expect.exitCode}, got ${obs.exitCode}`
    )
  }
  if (spec.expect.stdout !== undefined) {
    const failure = checkMatcher(obs.stdout, spec.expect.stdout, 'stdout')
    push(failures, noteCut(failure, 'stdout', obs.stdoutTruncated, 'characters'))
  }
  if (spec.expect.stderr !== undefined) {
    const failure = checkMatcher(obs.stderr, spec.expect.stderr, 'stderr')
    push(failures, noteCut(failure, 'stderr', obs.stderrTruncated, 'characters'))
  }
  push(failures, latencyFailure(obs.durationMs, spec.expect.latency))
  return failures
}

function statusMatches(status: number | undefined, expected: Array<number | string>): boolean {
  if (status === undefined) return false
  return expected.some(e =>
    typeof e === 'number'
      ? e === status
      : /^[1-5]xx$/i.test(e)
        ? Math.floor(status / 100) === Number(e[0])
        : Number(e) === status
  )
}

/** Each JSONPath's value against its matcher. */
function pathFailures(document: unknown, expectations: Record<string, Matcher>): string[] {
  const failures: string[] = []
  for (const [path, matcher] of Object.entries(expectations)) {
    let value: unknown
    try {
      value = readJsonPath(document, path)
    } catch (error) {
      // A path that cannot be read is an unmet expectation, named; the others are still judged.
      failures.push(`cannot read ${path}: ${errorMessage(error)}`)
      continue
    }
    push(failures, checkMatcher(value, matcher, path))
  }
  return failures
}

function latencyFailure(durationMs: number, bound: LatencyBound | undefined): string | null {
  if (!bound) return null
  const ok = bound.op === '<' ? durationMs < bound.ms : durationMs <= bound.ms
  return ok ? null : `expected latency ${bound.op} ${bound.ms} ms, took ${Math.round(durationMs)} ms`
}

/** Dotted numeric versions: 0.10.0 is newer than 0.9.1. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map(p => Number.parseInt(p, 10) || 0)
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0)
    if (diff) return Math.sign(diff)
  }
  return 0
}

/** An expectation unmet by evidence that was cut says so: what was expected may lie past the cut. */
function noteCut<F extends string | null>(
  failure: F,
  what: string,
  cutAt: number | undefined,
  unit: string
): F {
  return (
    failure && cutAt !== undefined ? `${failure} (${what} truncated at ${cutAt} ${unit})` : failure
  ) as F
}

function push(failures: string[], failure: string | null): void {
  if (failure) failures.push(failure)
}
