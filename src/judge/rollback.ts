// Rollback decisions: which failures trigger it, which steps repair them, and how it ended.
import type { FailureSelector } from '../config/model.js'
import { isUnhealthy, type CheckStatus, type RunStatus } from '../model/check.js'
import type { RollbackState, RollbackVerification } from '../model/rollback.js'

/** A check as the rollback sees it: from this run's outcomes, or from a failed run's report. */
export interface JudgedCheck {
  id: string
  category: string
  status: CheckStatus
}

/** A selector names a category, a check id, or the start of check ids (`security.tls`). */
export function selects(selector: FailureSelector, check: JudgedCheck): boolean {
  return selector === check.category || selector === check.id || check.id.startsWith(`${selector}.`)
}

/** The failed checks that trigger a rollback under `on:` (any failed one when `on:` is empty). */
export function rollbackTrigger(
  verdict: RunStatus,
  checks: readonly JudgedCheck[],
  on: readonly FailureSelector[]
): JudgedCheck[] {
  if (verdict !== 'failed') return []
  return checks.filter(
    check => isUnhealthy(check.status) && (!on.length || on.some(selector => selects(selector, check)))
  )
}

/** The steps whose `when:` names one of the triggering failures (a step without `when:` always runs). */
export function stepsFor<Step extends { when: readonly FailureSelector[] }>(
  steps: readonly Step[],
  trigger: readonly JudgedCheck[]
): Step[] {
  return steps.filter(
    step => !step.when.length || step.when.some(selector => trigger.some(check => selects(selector, check)))
  )
}

/** How a rollback that ran ended: every step held, and the verified services are healthy again. */
export function rollbackOutcome(
  steps: ReadonlyArray<{ id: string; status: CheckStatus }>,
  verification: RollbackVerification | null
): { state: RollbackState; message: string } {
  const broken = steps.find(step => isUnhealthy(step.status))
  if (broken) return { state: 'failed', message: `rollback step ${broken.id} ${broken.status}` }
  if (verification && verification.status !== 'passed' && verification.status !== 'warning') {
    const down = Object.entries(verification.services)
      .filter(([, service]) => service.status !== 'passed' && service.status !== 'flaky')
      .map(([name]) => name)
    return { state: 'failed', message: `after the rollback, not healthy: ${down.join(', ')}` }
  }
  const verified = verification ? `; verified: ${Object.keys(verification.services).join(', ')}` : ''
  return { state: 'succeeded', message: `${steps.length} step(s) succeeded${verified}` }
}
