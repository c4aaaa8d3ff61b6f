// Judges the rules of a metrics or prometheus probe, series by series: a series that reaches a
// rule's fail level fails it, one that reaches its warn level warns. Pure.
//
// What is not a pass: no series at all (no data says nothing about the bound), a NaN value (it
// compares with nothing), and an answer Prometheus marked with warnings (the data may be partial)
// is at best a warning.
import type {
  MetricLevel,
  MetricRule,
  MetricsProbeSpec,
  ProbeSpec,
  PrometheusProbeSpec
} from '../config/model.js'
import { formatQuantity } from '../metrics/quantity.js'
import { selects, seriesName } from '../metrics/selector.js'
import type {
  MetricsObservation,
  Observation,
  PrometheusObservation,
  SeriesValue
} from '../model/observation.js'

export type RuleStatus = 'passed' | 'warning' | 'failed'

export interface SeriesVerdict {
  /** `name{label="value"}`, or the labels alone for a query's series. */
  series: string
  value: number
  /** The level the value reached, if any; NaN reaches `fail`. */
  reached?: 'warn' | 'fail'
}

export interface RuleVerdict {
  rule: MetricRule
  status: RuleStatus
  /** One sentence: the series that reached a level, or what was seen. */
  message: string
  series: SeriesVerdict[]
  warnings: string[]
}

/** How many offending series a message names; the report's details hold them all. */
const NAMED_IN_MESSAGE = 5

/** The rules of a metrics or prometheus probe judged on what it read; none for other probes. */
export function judgeRules(probe: ProbeSpec, observation: Observation | undefined): RuleVerdict[] {
  if (probe.kind === 'metrics' && observation?.kind === 'metrics')
    return judgeMetricsRules(probe, observation)
  if (probe.kind === 'prometheus' && observation?.kind === 'prometheus')
    return judgePrometheusRules(probe, observation)
  return []
}

export function judgeMetricsRules(spec: MetricsProbeSpec, observation: MetricsObservation): RuleVerdict[] {
  return spec.rules.map(rule => {
    if (observation.error !== undefined) return unjudged(rule, observation.error, [])
    const series = observation.samples
      .filter(sample => selects(rule.selector, sample.name, sample.labels))
      .map(sample => ({ series: seriesName(sample.name, sample.labels), value: sample.value }))
    const cut =
      observation.truncatedAt === undefined
        ? ''
        : ` (the exposition was cut at ${observation.truncatedAt} bytes)`
    return judgeSeries(rule, series, `no data: no sample of ${rule.expression} in the exposition${cut}`, [])
  })
}

export function judgePrometheusRules(
  spec: PrometheusProbeSpec,
  observation: PrometheusObservation
): RuleVerdict[] {
  return spec.rules.map(rule => {
    const answer = observation.answers[rule.name]
    if (answer === undefined) return unjudged(rule, observation.error ?? 'the query was not run', [])
    if (answer.error !== undefined) return unjudged(rule, answer.error, answer.warnings)
    const series = answer.series.map(({ labels, value }: SeriesValue) => ({
      series: seriesName('', labels) || '{}',
      value
    }))
    return judgeSeries(rule, series, 'no data: the query returned no series', answer.warnings)
  })
}

function judgeSeries(
  rule: MetricRule,
  seen: Array<{ series: string; value: number }>,
  noData: string,
  warnings: string[]
): RuleVerdict {
  if (!seen.length) return unjudged(rule, noData, warnings)
  const series = seen.map(s => ({ ...s, ...reachedLevel(rule, s.value) }))
  const reaching = (level: 'warn' | 'fail') => series.filter(s => s.reached === level)
  const failing = reaching('fail')
  const warning = reaching('warn')
  const status: RuleStatus = failing.length
    ? 'failed'
    : warning.length || warnings.length
      ? 'warning'
      : 'passed'
  const offending = [...failing, ...warning]
  const message = offending.length
    ? [
        ...offending.slice(0, NAMED_IN_MESSAGE).map(s => describeReach(rule, s)),
        ...(offending.length > NAMED_IN_MESSAGE
          ? [`and ${offending.length - NAMED_IN_MESSAGE} more series`]
          : [])
      ].join('; ')
    : withinLevels(rule, series)
  return { rule, status, message: withWarnings(message, warnings), series, warnings }
}

function reachedLevel(rule: MetricRule, value: number): { reached?: 'warn' | 'fail' } {
  if (Number.isNaN(value) || (rule.fail && reaches(value, rule.fail))) return { reached: 'fail' }
  return rule.warn && reaches(value, rule.warn) ? { reached: 'warn' } : {}
}

function reaches(value: number, level: MetricLevel): boolean {
  switch (level.op) {
    case '<':
      return value < level.bound
    case '<=':
      return value <= level.bound
    case '>':
      return value > level.bound
    case '>=':
      return value >= level.bound
    case '==':
      return value === level.bound
    case '!=':
      return value !== level.bound
  }
}

function describeReach(rule: MetricRule, seen: SeriesVerdict): string {
  const where = seen.series === '{}' ? rule.name : seen.series
  if (Number.isNaN(seen.value)) return `${where} is NaN, which no bound can judge`
  const level = seen.reached === 'fail' ? rule.fail : rule.warn
  return `${where} is ${format(rule, seen.value)}: ${seen.reached} level ${level?.text}`
}

function withinLevels(rule: MetricRule, series: SeriesVerdict[]): string {
  const levels = [rule.warn && `warn ${rule.warn.text}`, rule.fail && `fail ${rule.fail.text}`]
    .filter(Boolean)
    .join(', ')
  const [only] = series
  const seen =
    series.length === 1 && only
      ? `${only.series === '{}' ? rule.name : only.series} is ${format(rule, only.value)}`
      : `${series.length} series, from ${format(rule, Math.min(...series.map(s => s.value)))} to ${format(rule, Math.max(...series.map(s => s.value)))}`
  return `${seen}, short of every level (${levels})`
}

function unjudged(rule: MetricRule, reason: string, warnings: string[]): RuleVerdict {
  return { rule, status: 'failed', message: withWarnings(reason, warnings), series: [], warnings }
}

function withWarnings(message: string, warnings: string[]): string {
  return warnings.length ? `${message}; Prometheus warned: ${warnings.join('; ')}` : message
}

function format(rule: MetricRule, value: number): string {
  return formatQuantity(value, (rule.fail ?? rule.warn)?.family ?? 'number')
}
