// The rules of a metrics or prometheus service, each its own check `metrics.<service>.<rule>` on
// its YAML line, decided by the pure judge from what the service check's last attempt read.
import type { ServiceConfig } from '../config/model.js'
import { judgeRules, type RuleVerdict } from '../judge/metrics.js'
import { formatQuantity } from '../metrics/quantity.js'
import type { CheckOutcome } from '../model/check.js'
import type { MetricReading } from '../model/figures.js'
import type { Observation } from '../model/observation.js'
import { metricRuleIdentity } from './plan.js'

/** Series listed per rule in the report; the count says how many there were. */
const MAX_REPORTED_SERIES = 50

export function metricRuleChecks(
  service: ServiceConfig,
  observation: Observation | undefined
): CheckOutcome[] {
  return judgeRules(service.probe, observation).map(verdict => ({
    identity: metricRuleIdentity(service, verdict.rule),
    status: verdict.status,
    message: verdict.message,
    durationMs: 0,
    attempts: 0,
    evidence: {
      kind: 'metric-rule',
      service: service.name,
      rule: verdict.rule.name,
      reading: readingOf(verdict)
    }
  }))
}

/** What was read and the bounds: the rule's entry in the report. */
function readingOf({ rule, series, warnings }: RuleVerdict): MetricReading {
  const family = (rule.fail ?? rule.warn)?.family ?? 'number'
  return {
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
