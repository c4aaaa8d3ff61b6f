// The deploy steps, in order. Their output streams live into the log (folded per step); a failed
// step stops the run, so that nothing is judged against a half-deployed system.
import type { DeployStep } from '../config/model.js'
import { stepPolicy } from '../judge/retry.js'
import { isUnhealthy, type CheckOutcome } from '../model/check.js'
import { runCheck, skippedCheck } from './check.js'
import type { PhaseContext } from './context.js'
import { deployIdentity } from './plan.js'

/** Runs the steps; true when every one succeeded. */
export async function runDeploy(steps: DeployStep[], context: PhaseContext): Promise<boolean> {
  let failed: CheckOutcome | undefined
  for (const step of steps) {
    const identity = deployIdentity(step)
    if (failed) {
      context.record(skippedCheck(identity, `deploy step ${failed.identity.name} failed`))
      continue
    }
    const { outcome: result } = await context.logger.group(`Deploy: ${step.name}`, () =>
      runCheck(
        identity,
        { ...step, kind: 'command', expect: { exitCode: 0 } },
        stepPolicy(step.timeoutMs, step.retries, step.retryDelayMs),
        { ...context, onOutputLine: line => context.logger.info(line) }
      )
    )
    context.record(result)
    if (isUnhealthy(result.status)) failed = result
  }
  return !failed
}
