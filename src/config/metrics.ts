// The metrics and prometheus probes of a service: where to read, and the rules judged over what
// is read. A rule is `<selector> <op> <bound>` (what must hold, else the check fails) or
// `{ series | query, warn: '<op> <bound>', fail: '<op> <bound>' }` (the levels at which it warns or fails).
import type { Cursor } from './cursor.js'
import type { MetricLevel, MetricRule, MetricsProbeSpec, PrometheusProbeSpec } from './model.js'
import { parseQuantity, UNIT_NAMES } from '../metrics/quantity.js'
import { readSelector, type Selector } from '../metrics/selector.js'

const LEVEL = /^(<=|>=|==|!=|<|>)\s*(.+)$/
const NEGATION = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '==': '!=', '!=': '==' } as const
const RULE_NAME = /^[A-Za-z0-9_-]+$/
const DEFAULT_MAX_BODY_BYTES = 4 * 1_048_576

export function readMetrics(metrics: Cursor): MetricsProbeSpec {
  return {
    kind: 'metrics',
    url: readHttpUrl(metrics.get('url')),
    headers: metrics.get('headers').mapping(entry => entry.scalarText()),
    maxBodyBytes: metrics.get('max_body_bytes').integer(1) ?? DEFAULT_MAX_BODY_BYTES,
    rules: readRules(metrics.get('rules'), readSeriesRule)
  }
}

export function readPrometheus(prometheus: Cursor): PrometheusProbeSpec {
  return {
    kind: 'prometheus',
    url: readHttpUrl(prometheus.get('url')),
    headers: prometheus.get('headers').mapping(entry => entry.scalarText()),
    rules: readRules(prometheus.get('rules'), readQueryRule)
  }
}

/** The rules by name; the schema requires at least one. */
function readRules<R extends MetricRule>(rules: Cursor, read: (rule: Cursor) => R | undefined): R[] {
  return rules.entries().flatMap(rule => {
    if (!RULE_NAME.test(rule.name)) {
      rule.report(`${rule.where}: a rule name may hold only letters, digits, _ and -`, 'key')
      return []
    }
    return read(rule) ?? []
  })
}

/** `process_resident_memory_bytes < 512MiB`, or an object with `series`. */
function readSeriesRule(rule: Cursor): (MetricRule & { selector: Selector }) | undefined {
  const written = rule.text()
  if (written !== undefined) {
    const read = readSelector(written)
    if ('problem' in read) {
      rule.report(`${rule.where}: '${written}' ${read.problem}`)
      return undefined
    }
    if (read.rest === '') {
      rule.report(
        `${rule.where} must be '<series> <op> <bound>', such as 'process_resident_memory_bytes < 512MiB', or a mapping with series, warn and fail`
      )
      return undefined
    }
    const expectation = readLevel(rule, read.rest)
    if (expectation === undefined) return undefined
    // What must hold is written; the rule fails where it does not.
    const op = NEGATION[expectation.op]
    const fail = { ...expectation, op, text: `${op} ${read.rest.replace(LEVEL, '$2')}` }
    return { name: rule.name, expression: written, fail, source: rule.source(), selector: read.selector }
  }
  const series = rule.get('series')
  const expression = series.text()
  // The schema requires series:, as text, and has said so.
  if (expression === undefined) return undefined
  const read = readSelector(expression)
  if ('problem' in read || read.rest !== '') {
    series.report(
      `${series.where}: '${expression}' ${'problem' in read ? read.problem : `has '${read.rest}' after the selector`}: write a metric name with optional label matchers, such as http_requests_in_flight{route="/api"}`
    )
    return undefined
  }
  return withLevels(rule, { name: rule.name, expression, source: rule.source(), selector: read.selector })
}

function readQueryRule(rule: Cursor): MetricRule | undefined {
  const expression = rule.get('query').text()
  if (expression === undefined || expression.trim() === '') {
    rule.report(`${rule.where} needs query: the PromQL expression to judge`, 'key')
    return undefined
  }
  return withLevels(rule, { name: rule.name, expression, source: rule.source() })
}

function withLevels<R extends MetricRule>(rule: Cursor, read: R): R | undefined {
  const warn = readLevelAt(rule.get('warn'))
  const fail = readLevelAt(rule.get('fail'))
  if (!rule.get('warn').exists && !rule.get('fail').exists) {
    rule.report(`${rule.where} needs warn or fail (or both), such as fail: '> 80%'`, 'key')
    return undefined
  }
  return { ...read, ...(warn && { warn }), ...(fail && { fail }) }
}

function readLevelAt(level: Cursor): MetricLevel | undefined {
  const text = level.text()
  return text === undefined ? undefined : readLevel(level, text)
}

function readLevel(at: Cursor, text: string): MetricLevel | undefined {
  const [, op, boundText = ''] = LEVEL.exec(text.trim()) ?? []
  const quantity = parseQuantity(boundText)
  if (op === undefined || quantity === undefined) {
    at.report(
      `${at.where}: '${text}' must be a comparison and a bound, such as '> 80%', '<= 512MiB' or '< 250ms' (units: ${UNIT_NAMES})`
    )
    return undefined
  }
  return {
    op: op as MetricLevel['op'],
    bound: quantity.value,
    family: quantity.family,
    text: `${op} ${boundText.trim()}`
  }
}

function readHttpUrl(url: Cursor): string {
  const target = url.text() ?? ''
  if (url.exists && !/^https?:$/.test(URL.canParse(target) ? new URL(target).protocol : '')) {
    url.report(`${url.where} must be an absolute http:// or https:// URL, not '${target}'`)
  }
  return target
}
