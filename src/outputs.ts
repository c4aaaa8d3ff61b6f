// The action's outputs as action.yml declares them, derived from the report and what was written and
// published, so every path (pass, fail, bad config, crash, cancellation) sets every output the same way.
import { failedCheckIds } from './judge/verdict.js'
import type { Report } from './model/report.js'

export interface OutputFacts {
  reportPath: string
  /** The baseline written in baseline mode. */
  baselinePath?: string
  checkRunId?: number
  artifactId?: number
}

export function actionOutputs(report: Report, facts: OutputFacts): Record<string, string> {
  return {
    status: report.status,
    'report-path': facts.reportPath,
    'failed-checks': JSON.stringify(failedCheckIds(report.checks)),
    'rollback-required': String(report.status === 'failed'),
    'deployment-id': report.deployment_id,
    // Empty when nothing was published, so that `steps.x.outputs.y` is always defined.
    'check-run-id': facts.checkRunId === undefined ? '' : String(facts.checkRunId),
    'artifact-id': facts.artifactId === undefined ? '' : String(facts.artifactId),
    'baseline-path': facts.baselinePath ?? '',
    // A dispatch that was sent is recorded in the report.
    'rollback-dispatched': String(report.rollback?.dispatch !== undefined),
    'duration-seconds': String(report.duration_seconds),
    summary: report.summary,
    // No rollback section: the environment names no rollback, so none was triggered.
    'rollback-state': report.rollback?.state ?? 'not-triggered'
  }
}
