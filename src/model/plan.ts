// What a run is about to do, decided once from its inputs and configuration: which run it is, in
// which mode, and the checks its file declares, in the order the report lists them.
import type { CheckIdentity } from './check.js'
import type { GitInfo, Report } from './report.js'

export interface RunPlan {
  deploymentId: string
  /** When the validation started. */
  startedAt: Date
  git: GitInfo
  mode: Report['mode']
  environment: string
  configFiles: string[]
  /**
   * The deploy steps, services and smoke steps, each phase as the file declares it. Checks a run
   * finds as it goes (monitor, baseline) follow in the order they ended.
   */
  checks: readonly CheckIdentity[]
}
