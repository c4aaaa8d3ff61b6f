// The rollback: the steps for what failed, in order, each run like a deploy step with the target
// release in its environment; then the verify: services checked again by the same checks. It
// observes and records; judge/rollback.ts decides how it ended.
import type { RollbackConfig, RollbackStep, ServiceConfig } from '../config/model.js'
import { rollbackOutcome, stepsFor, type JudgedCheck } from '../judge/rollback.js'
import { runStatus } from '../judge/verdict.js'
import { checkIdentity, checkResult, isUnhealthy, type CheckOutcome } from '../model/check.js'
import {
  describeTarget,
  TARGET_VARIABLES,
  type RollbackSection,
  type RollbackStepReport,
  type RollbackVerification,
  type TargetRelease,
  untriggered
} from '../model/rollback.js'
import type { PhaseContext } from './context.js'
import { runCommandStep } from './deploy.js'
import { checkServices } from './services.js'

export interface RollbackRequest {
  rollback: RollbackConfig
  services: readonly ServiceConfig[]
  concurrency: number
  mode: RollbackSection['mode']
  /** The failed checks that triggered it. */
  trigger: readonly JudgedCheck[]
  target: TargetRelease
  /** Where the verification's checks go: the run's own checks in mode rollback, the section only in mode auto. */
  recordVerification: (check: CheckOutcome) => void
}

export async function runRollback(request: RollbackRequest, context: PhaseContext): Promise<RollbackSection> {
  const { rollback, target, trigger } = request
  const steps = stepsFor(rollback.steps, trigger)
  const triggerIds = trigger.map(check => check.id)
  if (!steps.length) {
    const message = `no rollback step's when: names what failed (${triggerIds.join(', ')})`
    context.logger.warning(`No rollback: ${message}`)
    return untriggered(request.mode, 'skipped', message, triggerIds)
  }
  context.logger.info(
    `Rolling back (${triggerIds.join(', ')} failed) to ${describeTarget(target)}: ${steps.length} step(s)`
  )
  const exports = { ...context.exports, ...targetVariables(target) }
  const reports: RollbackStepReport[] = []
  for (const step of steps) {
    const outcome = await runCommandStep(
      `Rollback: ${step.name}`,
      rollbackIdentity(step),
      step,
      { timeoutMs: step.timeoutMs, attempts: step.attempts, delayMs: step.delayMs },
      { ...context, exports }
    )
    reports.push(stepReport(step, outcome))
    if (isUnhealthy(outcome.status)) break
  }
  const verification = reports.every(step => !isUnhealthy(step.status))
    ? await verify(request, context)
    : null
  const { state, message } = rollbackOutcome(reports, verification)
  const manual = state === 'failed' ? (rollback.manual ?? null) : null
  if (state === 'failed') {
    context.logger.error(`The rollback failed: ${message}${manual ? `\nBy hand: ${manual}` : ''}`)
  } else context.logger.info(`The rollback succeeded: ${message}`)
  return {
    state,
    message,
    mode: request.mode,
    trigger: triggerIds,
    target,
    steps: reports,
    verification,
    manual
  }
}

function targetVariables(target: TargetRelease): Record<string, string> {
  return {
    [TARGET_VARIABLES.sha]: target.sha ?? '',
    [TARGET_VARIABLES.ref]: target.ref ?? '',
    [TARGET_VARIABLES.deployment]: target.deployment ?? '',
    [TARGET_VARIABLES.source]: target.source ?? ''
  }
}

function rollbackIdentity(step: RollbackStep) {
  return checkIdentity('rollback', step.id, {
    name: step.name,
    critical: true,
    source: step.source,
    target: step.run
  })
}

/** The verify: services (with those they depend on, which their checks wait for), checked again. */
async function verify(request: RollbackRequest, context: PhaseContext): Promise<RollbackVerification | null> {
  if (!request.rollback.verify.length) return null
  const services = withDependencies(request.rollback.verify, request.services)
  const outcomes = await context.logger.group('Rollback: verification', () =>
    checkServices(services, request.concurrency, {
      ...context,
      startup: true,
      record: check => request.recordVerification(check)
    })
  )
  return {
    status: runStatus(outcomes.map(checkResult)),
    services: Object.fromEntries(
      outcomes.map(check => [check.identity.name, { status: check.status, message: check.message }])
    )
  }
}

function withDependencies(names: readonly string[], services: readonly ServiceConfig[]): ServiceConfig[] {
  const wanted = new Set<string>()
  const add = (name: string): void => {
    if (wanted.has(name)) return
    wanted.add(name)
    for (const need of services.find(service => service.name === name)?.dependsOn ?? []) add(need)
  }
  names.forEach(add)
  return services.filter(service => wanted.has(service.name))
}

function stepReport(step: RollbackStep, outcome: CheckOutcome): RollbackStepReport {
  const command = outcome.evidence?.kind === 'command' ? outcome.evidence : undefined
  return {
    id: step.id,
    name: step.name,
    status: outcome.status,
    command: step.run,
    attempts: command?.attempts ?? [],
    exit_code: command?.exitCode ?? null,
    timed_out: command?.timedOut ?? false,
    duration_ms: outcome.durationMs,
    message: outcome.message,
    output_tail: command?.outputTail ?? []
  }
}

/**
 * The release to go back to: the one found (the Deployments API's), else the commit the baseline
 * recorded, else none, said so (the steps still run: they may know their previous release).
 */
export function chooseTarget(
  found: TargetRelease | undefined,
  baseline: { sha: string | null; deployment_id: string; origin: string } | null
): TargetRelease {
  if (found) return found
  if (baseline?.sha) {
    return {
      sha: baseline.sha,
      ref: null,
      deployment: null,
      source: `the baseline's recorded commit (${baseline.origin}, validation ${baseline.deployment_id})`
    }
  }
  return {
    sha: null,
    ref: null,
    deployment: null,
    source: null,
    note: 'no successful deployment of the environment was found, and no baseline records a commit'
  }
}
