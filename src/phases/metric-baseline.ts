// Metric values in the baseline: each metrics and prometheus service is read once more when the
// baseline is compared or recorded, its rules' series values recorded, and compared with the
// recorded ones as `baseline.metrics.<service>.<rule>` (judge/metric-drift decides).
import type { ServiceConfig } from '../config/model.js'
import { judgeMetricDrift, recordedMetric, type RecordedMetric } from '../judge/metric-drift.js'
import { judgeRules, type RuleVerdict } from '../judge/metrics.js'
import type { BaselineDocument } from '../report/baseline-document.js'
import { describeTarget } from '../probes/index.js'
import { attemptOnce } from './attempts.js'
import { decidedCheck } from './check.js'
import type { PhaseContext } from './context.js'
import { baselineIdentity } from './measurements.js'

/** Services whose rules have values to record: metrics and prometheus services. */
export function metricServices(services: readonly ServiceConfig[]): ServiceConfig[] {
  return services.filter(service => service.probe.kind === 'metrics' || service.probe.kind === 'prometheus')
}

/** The rule verdicts of one fresh read of each service, by service. */
export async function readMetricValues(
  services: readonly ServiceConfig[],
  context: PhaseContext
): Promise<Map<string, RuleVerdict[]>> {
  const read = new Map<string, RuleVerdict[]>()
  for (const service of services) {
    if (context.signal?.aborted) break
    const { observation } = await attemptOnce(service.probe, service.policy.timeoutMs, context)
    read.set(service.name, judgeRules(service.probe, observation))
  }
  return read
}

/** What the baseline keeps of a service's rules: those that read any series. */
export function recordedMetrics(
  verdicts: readonly RuleVerdict[] | undefined
): Record<string, RecordedMetric> | undefined {
  const read = verdicts?.filter(verdict => verdict.series.length)
  return read?.length
    ? Object.fromEntries(
        read.map(verdict => [verdict.rule.name, recordedMetric(verdict.rule, verdict.series)])
      )
    : undefined
}

/** Records `baseline.metrics.<service>.<rule>` for each rule read now, on the rule's line. */
export function judgeMetricBaselines(
  services: readonly ServiceConfig[],
  read: ReadonlyMap<string, readonly RuleVerdict[]>,
  baseline: BaselineDocument,
  context: PhaseContext
): void {
  for (const service of services) {
    for (const verdict of read.get(service.name) ?? []) {
      const { rule } = verdict
      const identity = baselineIdentity(
        `metrics.${service.name}.${rule.name}`,
        `${service.name} ${rule.name} against the baseline`,
        rule.source,
        describeTarget(service.probe)
      )
      const recorded = baseline.services[service.name]?.metrics?.[rule.name]
      const decided = !recorded
        ? { status: 'warning' as const, message: 'not in the baseline: its values were not compared' }
        : !verdict.series.length
          ? { status: 'warning' as const, message: `not compared: ${verdict.message}` }
          : judgeMetricDrift(rule, recorded, verdict.series)
      context.record(decidedCheck(identity, decided.status, decided.message))
    }
  }
}
