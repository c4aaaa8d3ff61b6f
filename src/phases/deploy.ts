// The deploy steps, in order. Their output streams live into the log (folded per step); a failed
// step stops the run, so that nothing is judged against a half-deployed system.
import type { DeployStep } from '../config/model.js'
import { stepPolicy } from '../judge/retry.js'
import { checkIdentity, isUnhealthy, type CheckIdentity, type CheckResult } from '../model/check.js'
import { runCheck, skippedCheck } from './check.js'
import type { PhaseContext } from './context.js'

/** Runs the steps; true when every one succeeded. */
export async function runDeploy(steps: DeployStep[], context: PhaseContext): Promise<boolean> {
  let failed: CheckResult | undefined
  for (const step of steps) {
    const identity = deployIdentity(step)
    if (failed) {
      context.record(skippedCheck(identity, `deploy step ${failed.name} failed`))
      continue
    }
    const { result } = await context.logger.group(`Deploy: ${step.name}`, () =>
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

function deployIdentity(step: DeployStep): CheckIdentity {
  // A failed deploy fails the run whatever else would pass.
  return checkIdentity('deploy', step.id, {
    name: step.name,
    critical: true,
    source: step.source,
    target: step.run
  })
}
