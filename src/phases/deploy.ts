// The deploy steps, in order. Their output streams live into the log (folded per step); a failed
// step stops the run, so that nothing is judged against a half-deployed system; only the steps
// marked `always` (cleanup) still run after it.
import type { CommandSpec, DeployStep } from '../config/model.js'
import { stepPolicy } from '../judge/retry.js'
import { isUnhealthy, type CheckIdentity, type CheckOutcome } from '../model/check.js'
import { runCheck, skippedCheck } from './check.js'
import type { PhaseContext } from './context.js'
import { deployIdentity } from './plan.js'

/** Runs the steps; true when every one succeeded. */
export async function runDeploy(steps: DeployStep[], context: PhaseContext): Promise<boolean> {
  let failed: CheckOutcome | undefined
  for (const step of steps) {
    const identity = deployIdentity(step)
    if (failed && !step.always) {
      context.record(skippedCheck(identity, `deploy step ${failed.identity.name} failed`))
      continue
    }
    const result = await runCommandStep(
      `Deploy: ${step.name}`,
      identity,
      step,
      { timeoutMs: step.timeoutMs, attempts: step.retries + 1, delayMs: step.retryDelayMs },
      context
    )
    context.record(result)
    if (isUnhealthy(result.status)) failed ??= result
  }
  return !failed
}

/**
 * A command step (deploy or rollback): its output folded in a log group, its environment exported
 * (never pasted into the script), retried after `delayMs` on the run's clock, and killed with every
 * process it started when an attempt runs out of time.
 */
export async function runCommandStep(
  title: string,
  identity: CheckIdentity,
  step: CommandSpec,
  policy: { timeoutMs: number; attempts: number; delayMs: number },
  context: PhaseContext
): Promise<CheckOutcome> {
  const { outcome } = await context.logger.group(title, () =>
    runCheck(
      identity,
      { ...step, kind: 'command', expect: { exitCode: 0 } },
      stepPolicy(policy.timeoutMs, policy.attempts - 1, policy.delayMs),
      { ...context, onOutputLine: line => context.logger.info(line) }
    )
  )
  return outcome
}
