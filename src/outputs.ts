// The action's outputs as action.yml declares them, derived from the report and what was written and
// published, so every path (pass, fail, bad config, crash, cancellation) sets every output the same way.
import { failedCheckIds } from './judge/verdict.js'
import type { Report } from './model/report.js'
import type { RollbackState } from './model/rollback.js'
import type { RollbackDispatch } from './report/rollback-notice.js'

export interface OutputFacts {
  reportPath: string
  /** The baseline written in baseline mode. */
  baselinePath?: string
  checkRunId?: number
  artifactId?: number
  /** What became of the rollback dispatch, when the run got as far as publishing. */
  rollbackDispatch?: RollbackDispatch
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
    'rollback-dispatched': String(facts.rollbackDispatch?.sent === true),
    'duration-seconds': String(report.duration_seconds),
    summary: report.summary,
    'rollback-state': rollbackState(report, facts.rollbackDispatch)
  }
}

/** What became of the rollback: one that ran in this job, else a sent dispatch, else the section's word. */
function rollbackState(report: Report, dispatch: RollbackDispatch | undefined): RollbackState {
  const state = report.rollback?.state
  if (state === 'succeeded' || state === 'failed') return state
  if (dispatch?.sent) return 'dispatched'
  // No rollback section: the environment names no rollback, so none was triggered.
  return state ?? 'not-triggered'
}
