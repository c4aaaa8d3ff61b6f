// Observes metrics over HTTP: a service's own exposition (metrics) or a Prometheus server's answers
// to instant queries (prometheus). Both are HTTP GETs made by the HTTP probe, so TLS, redirects,
// credentials in the URL and the size cap behave as they do for http checks.
import type { HttpProbeSpec, MetricsProbeSpec, PrometheusProbeSpec } from '../config/model.js'
import { parseExposition, parseSampleValue } from '../metrics/exposition.js'
import type { Labels } from '../metrics/selector.js'
import { probeHttp } from './http.js'
import type {
  HttpObservation,
  MetricsObservation,
  PrometheusObservation,
  QueryAnswer,
  SeriesValue
} from '../model/observation.js'
import type { ProbeOptions } from './types.js'

/** A Prometheus answer is read up to this size; an instant query worth judging is far smaller. */
export const MAX_ANSWER_BYTES = 4 * 1_048_576
/** Warnings kept per answer, each up to this many characters: a server cannot flood the report. */
const MAX_WARNINGS = 10
const MAX_WARNING_CHARS = 500

export async function probeMetrics(
  spec: MetricsProbeSpec,
  options: ProbeOptions
): Promise<MetricsObservation> {
  const http = await probeHttp(getSpec(spec.url, spec.headers, spec.maxBodyBytes), options)
  const base = { kind: 'metrics' as const, status: http.status, durationMs: http.durationMs, samples: [] }
  const failed = httpError(http)
  if (failed !== undefined) return { ...base, error: failed, ...(http.timedOut && { timedOut: true }) }
  // A cut exposition is read up to its last whole line: a cut line would be a false sample.
  const body = http.body ?? ''
  const text = http.bodyTruncated ? body.slice(0, body.lastIndexOf('\n') + 1) : body
  const { samples, problem } = parseExposition(text)
  if (problem) {
    return {
      ...base,
      error: `line ${problem.line} of the exposition is not in the Prometheus text format: ${problem.message}`
    }
  }
  return { ...base, samples, ...(http.bodyTruncated && { truncatedAt: spec.maxBodyBytes }) }
}

export async function probePrometheus(
  spec: PrometheusProbeSpec,
  options: ProbeOptions
): Promise<PrometheusObservation> {
  const started = performance.now()
  const answers = await Promise.all(
    spec.rules.map(async rule => {
      const url = new URL('api/v1/query', spec.url.endsWith('/') ? spec.url : `${spec.url}/`)
      url.searchParams.set('query', rule.expression)
      const http = await probeHttp(getSpec(url.toString(), spec.headers, MAX_ANSWER_BYTES), options)
      return [rule.name, readAnswer(http)] as const
    })
  )
  return { kind: 'prometheus', answers: Object.fromEntries(answers), durationMs: performance.now() - started }
}

function getSpec(url: string, headers: Record<string, string>, maxBodyBytes: number): HttpProbeSpec {
  return {
    kind: 'http',
    method: 'GET',
    url,
    headers,
    tls: { insecureSkipVerify: false },
    followRedirects: true,
    maxRedirects: 5,
    maxBodyBytes,
    expect: { status: ['2xx'] }
  }
}

function httpError(http: HttpObservation): string | undefined {
  if (http.error !== undefined) return http.error
  if (http.status === 401 || http.status === 403) {
    return `answered HTTP ${http.status}: the credentials were refused (check the headers)`
  }
  if (http.status === undefined || http.status >= 300) return `answered HTTP ${http.status}`
  return undefined
}

/**
 * The Prometheus HTTP API answers `{status, data: {resultType, result}, warnings}`, or
 * `{status: 'error', errorType, error}` with a 4xx or 5xx. Every field is checked: the answer is
 * data from outside.
 */
function readAnswer(http: HttpObservation): QueryAnswer {
  const answer = record(http.json)
  const warnings = Array.isArray(answer?.warnings)
    ? answer.warnings.slice(0, MAX_WARNINGS).map(w => String(w).slice(0, MAX_WARNING_CHARS))
    : []
  const fail = (error: string): QueryAnswer => ({ series: [], warnings, error })
  if (http.error !== undefined) return fail(http.error)
  if (answer?.status === 'error') {
    return fail(`Prometheus refused the query (${text(answer.errorType)}): ${text(answer.error)}`)
  }
  if (answer === undefined || answer.status !== 'success') {
    const problem = httpError(http)
    if (problem !== undefined) return fail(problem)
    return fail(
      http.bodyTruncated
        ? `the answer is larger than ${MAX_ANSWER_BYTES} bytes: narrow the query`
        : 'the answer is not a Prometheus API answer (is the URL the server, not a page in front of it?)'
    )
  }
  const data = record(answer.data)
  const series = seriesOf(data?.resultType, data?.result)
  return typeof series === 'string' ? fail(series) : { series, warnings }
}

/** The instant values of a vector or scalar result; a problem in words for anything else. */
function seriesOf(type: unknown, result: unknown): SeriesValue[] | string {
  if (type === 'scalar') {
    const value = sampleValue(result)
    return value === undefined ? 'the scalar result has no value' : [{ labels: {}, value }]
  }
  if (type !== 'vector' || !Array.isArray(result)) {
    return `a ${text(type)} result cannot be judged against a bound: write an instant query whose result is a vector or a scalar`
  }
  const series: SeriesValue[] = []
  for (const item of result) {
    const value = sampleValue(record(item)?.value)
    if (value === undefined) return 'a series of the result has no value'
    series.push({ labels: labelsOf(record(item)?.metric), value })
  }
  return series
}

/** `[timestamp, "value"]`, the value a string so that NaN and ±Inf survive JSON. */
function sampleValue(pair: unknown): number | undefined {
  if (!Array.isArray(pair) || typeof pair[1] !== 'string') return undefined
  return parseSampleValue(pair[1])
}

function labelsOf(metric: unknown): Labels {
  return Object.fromEntries(
    Object.entries(record(metric) ?? {}).map(([name, value]) => [name, String(value)])
  )
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function text(value: unknown): string {
  return String(value).slice(0, MAX_WARNING_CHARS)
}
