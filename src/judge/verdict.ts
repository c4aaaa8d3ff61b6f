// The run's verdict from its checks, and what the verdict does to the job.
//
// The rule behind every choice: a run only passes when every check it meant to make was made and
// held. Anything not verified is at best a warning, never a silent pass.
//
// - `failed`: any check failed, critical or not (a critical one fails the run whatever else passed).
//   A check that could not be evaluated (`error`) also fails the run: "we could not tell" is not
//   "healthy", and the deployment, not the configuration, is what is in doubt.
// - `skipped` checks (a dependency did not pass) can only make a verdict worse: the dependency's
//   own failure already fails the run; a skipped `critical` check fails it on its own, and a
//   skipped ordinary check is at least a warning.
// - `warning`: some check warned or was skipped, none failed. A run with no checks at all is a
//   warning too: it verified nothing.
// - `passed`: every check passed; `flaky` ones (passed after retries) pass but are counted and shown.
// - `error` is never decided here: it means the validation itself could not run (bad config, a
//   missing variable, a crash), which the report's `errors` say, not its checks.
import { isUnhealthy, type CheckResult, type RunStatus } from '../model/check.js'

export function runStatus(checks: readonly CheckResult[]): RunStatus {
  if (!checks.length) return 'warning'
  if (checks.some(check => isUnhealthy(check.status) || (check.status === 'skipped' && check.critical))) {
    return 'failed'
  }
  return checks.some(check => check.status === 'warning' || check.status === 'skipped') ? 'warning' : 'passed'
}

/** `fail-on: never` is a dry run; `warning` is strict; `failure` (the default) fails on failed and error. */
export function shouldFailJob(status: RunStatus, failOn: 'failure' | 'warning' | 'never'): boolean {
  switch (failOn) {
    case 'never':
      return false
    case 'warning':
      return status !== 'passed'
    case 'failure':
      return status === 'failed' || status === 'error'
  }
}

/** Ids of the checks that failed or could not be evaluated: the `failed-checks` output. */
export function failedCheckIds(checks: readonly CheckResult[]): string[] {
  return checks.filter(check => isUnhealthy(check.status)).map(check => check.id)
}
