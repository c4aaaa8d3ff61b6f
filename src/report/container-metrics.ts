// The report's container_metrics section: what the metrics and prometheus probes read, by service
// and rule, from the outcomes of the checks `metrics.<service>.<rule>`. Left out of reports that
// have no such checks.
import type { CheckOutcome } from '../model/check.js'
import type { MetricRuleReport, Report } from '../model/report.js'

export function containerMetrics(outcomes: readonly CheckOutcome[]): Pick<Report, 'container_metrics'> {
  const section: Record<string, Record<string, MetricRuleReport>> = {}
  for (const { identity, status, message, evidence } of outcomes) {
    if (evidence?.kind !== 'metric-rule') continue
    const rules = (section[evidence.service] ??= {})
    rules[evidence.rule] = {
      status,
      message,
      file: identity.source.file,
      line: identity.source.line,
      ...evidence.reading
    }
  }
  return Object.keys(section).length ? { container_metrics: section } : {}
}
