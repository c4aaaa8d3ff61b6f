// The action's outputs as DESIGN.md names them, derived from the report alone, so every path
// (pass, fail, bad config, crash, cancellation) sets every output the same way.
import { failedCheckIds } from './judge/verdict.js'
import type { Report } from './report/model.js'

export function actionOutputs(report: Report, reportPath: string): Record<string, string> {
  return {
    status: report.status,
    'report-path': reportPath,
    'failed-checks': JSON.stringify(failedCheckIds(report.checks)),
    'rollback-required': String(report.status === 'failed'),
    'deployment-id': report.deployment_id,
    // Filled by the publishers when they exist; set empty so `steps.x.outputs.y` is always defined.
    'check-run-id': '',
    'artifact-id': '',
    'baseline-path': '',
    'duration-seconds': String(report.duration_seconds),
    summary: report.summary
  }
}
