// The rules of a metrics or prometheus service, each its own check `metrics.<service>.<rule>` on
// its YAML line, decided by the pure judge from what the service check's last attempt read.
import type { ServiceConfig } from '../config/model.js'
import { judgeMetricsRules, judgePrometheusRules, type RuleVerdict } from '../judge/metrics.js'
import type { Observation } from '../probes/types.js'
import type { CheckResult, MetricRuleDetails } from '../report/model.js'
import { formatQuantity } from '../metrics/quantity.js'
import { checkId, decidedCheck } from './check.js'

/** Series listed per rule in the report; the count says how many there were. */
const MAX_REPORTED_SERIES = 50

export function metricRuleChecks(
  service: ServiceConfig,
  observation: Observation | undefined
): CheckResult[] {
  const { probe } = service
  const verdicts =
    probe.kind === 'metrics' && observation?.kind === 'metrics'
      ? judgeMetricsRules(probe, observation)
      : probe.kind === 'prometheus' && observation?.kind === 'prometheus'
        ? judgePrometheusRules(probe, observation)
        : []
  return verdicts.map(verdict =>
    decidedCheck(
      {
        id: checkId('metrics', `${service.name}.${verdict.rule.name}`),
        category: 'metrics',
        name: `${service.name} ${verdict.rule.name}`,
        critical: service.critical,
        source: verdict.rule.source,
        target: verdict.rule.expression
      },
      verdict.status,
      verdict.message,
      { ...ruleDetails(service.name, verdict) }
    )
  )
}

/** What was read and the bounds: the rule's entry in the report. */
function ruleDetails(service: string, { rule, series, warnings }: RuleVerdict): MetricRuleDetails {
  const family = (rule.fail ?? rule.warn)?.family ?? 'number'
  return {
    service,
    rule: rule.name,
    expression: rule.expression,
    bounds: { warn: rule.warn?.text ?? null, fail: rule.fail?.text ?? null },
    series_count: series.length,
    series: series.slice(0, MAX_REPORTED_SERIES).map(s => ({
      series: s.series,
      // JSON has no NaN or Infinity: such values are written as text.
      value: Number.isFinite(s.value) ? s.value : String(s.value),
      shown: formatQuantity(s.value, family),
      reached: s.reached ?? null
    })),
    warnings
  }
}
