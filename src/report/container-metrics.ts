// The report's container_metrics section: what the metrics and prometheus probes read, by service
// and rule, from the checks `metrics.<service>.<rule>`. Left out of reports that have no such checks.
import type { CheckResult, MetricRuleDetails, MetricRuleReport, Report } from './model.js'

export function containerMetrics(checks: readonly CheckResult[]): Pick<Report, 'container_metrics'> {
  const section: Record<string, Record<string, MetricRuleReport>> = {}
  for (const check of checks) {
    if (check.category !== 'metrics' || check.details === undefined) continue
    const { service, rule, ...read } = check.details as unknown as MetricRuleDetails
    section[service] ??= {}
    section[service][rule] = {
      status: check.status,
      message: check.message,
      file: check.file,
      line: check.line,
      ...read
    }
  }
  return Object.keys(section).length ? { container_metrics: section } : {}
}
