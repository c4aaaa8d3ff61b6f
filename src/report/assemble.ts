// Builds the report document from the run's plan and the outcomes of its checks so far. Every
// section comes from the outcomes' identities and evidence, in the plan's order.
import { runStatus } from '../judge/verdict.js'
import { checkResult, isUnhealthy, type CheckOutcome } from '../model/check.js'
import type { RunPlan } from '../model/plan.js'
import {
  REPORT_VERSION,
  type DeploySection,
  type Report,
  type ReportError,
  type ServiceReport,
  type SmokeTestReport
} from '../model/report.js'
import { containerMetrics } from './container-metrics.js'
import { summaryLine } from './summary-line.js'

export interface RunProgress {
  durationMs: number
  /** Checks that finished, in any order. */
  outcomes: readonly CheckOutcome[]
  errors: ReportError[]
  /** Sections a phase writes whole, rather than ones built from the checks. */
  sections?: Partial<Pick<Report, 'baseline' | 'monitor' | 'security' | 'rollback'>>
}

export function assembleReport(plan: RunPlan, progress: RunProgress): Report {
  const outcomes = inDeclaredOrder(plan, progress.outcomes)
  const checks = outcomes.map(checkResult)
  // Problems that stopped the validation itself make the run an error, whatever checks finished.
  const status = progress.errors.length ? 'error' : runStatus(checks)
  return reportDocument({
    deployment_id: plan.deploymentId,
    environment: plan.environment,
    status,
    timestamp: plan.startedAt.toISOString(),
    duration_seconds: Math.round(progress.durationMs) / 1000,
    mode: plan.mode,
    config_files: plan.configFiles,
    git: plan.git,
    deploy: deploySection(outcomes),
    services: servicesSection(outcomes),
    smoke_tests: smokeSection(outcomes),
    ...containerMetrics(outcomes),
    security: progress.sections?.security ?? null,
    baseline: progress.sections?.baseline ?? null,
    monitor: progress.sections?.monitor ?? null,
    rollback: progress.sections?.rollback ?? null,
    checks,
    errors: progress.errors
  })
}

/**
 * The one place a report document is put together (a run's, or a merge of several): sections no
 * capability fills yet are null, and the summary line is derived from the rest.
 */
export function reportDocument(
  fields: Omit<Report, 'report_version' | 'summary' | 'rollback'> & Partial<Pick<Report, 'rollback'>>,
  summary: (report: Report) => string = summaryLine
): Report {
  // Listed in the schema's order, so that the JSON reads the same way every time.
  const report: Report = {
    report_version: REPORT_VERSION,
    deployment_id: fields.deployment_id,
    environment: fields.environment,
    status: fields.status,
    timestamp: fields.timestamp,
    duration_seconds: fields.duration_seconds,
    mode: fields.mode,
    summary: '',
    config_files: fields.config_files,
    git: fields.git,
    deploy: fields.deploy,
    services: fields.services,
    smoke_tests: fields.smoke_tests,
    ...(fields.container_metrics ? { container_metrics: fields.container_metrics } : {}),
    security: fields.security,
    baseline: fields.baseline,
    monitor: fields.monitor,
    rollback: fields.rollback ?? null,
    checks: fields.checks,
    errors: fields.errors,
    ...(fields.environments ? { environments: fields.environments } : {})
  }
  report.summary = summary(report)
  return report
}

/** Checks finish in any order; the report lists the declared ones first, as the plan orders them. */
function inDeclaredOrder(plan: RunPlan, outcomes: readonly CheckOutcome[]): CheckOutcome[] {
  const order = new Map(plan.checks.map((identity, index) => [identity.id, index]))
  const rank = (outcome: CheckOutcome) => order.get(outcome.identity.id) ?? order.size
  return [...outcomes].sort((a, b) => rank(a) - rank(b))
}

function deploySection(outcomes: readonly CheckOutcome[]): DeploySection | null {
  const steps = outcomes.filter(outcome => outcome.identity.category === 'deploy')
  if (!steps.length) return null
  const failed = steps.find(step => isUnhealthy(step.status))
  return {
    failed_step: failed ? failed.identity.key : null,
    steps: Object.fromEntries(
      steps.map(({ identity, status, message, durationMs, attempts, evidence }) => {
        const command = evidence?.kind === 'command' ? evidence : undefined
        return [
          identity.key,
          {
            name: identity.name,
            status,
            command: identity.target,
            exit_code: command?.exitCode ?? null,
            timed_out: command?.timedOut ?? false,
            duration_ms: durationMs,
            attempts,
            message,
            output_tail: command?.outputTail ?? []
          }
        ]
      })
    )
  }
}

function smokeSection(outcomes: readonly CheckOutcome[]): Record<string, SmokeTestReport> {
  const steps = outcomes.filter(outcome => outcome.identity.category === 'smoke')
  return Object.fromEntries(
    steps.map(({ identity, status, message, durationMs, attempts, evidence }) => [
      identity.key,
      {
        name: identity.name,
        status,
        target: identity.target,
        duration_ms: durationMs,
        attempts,
        message,
        captured:
          (evidence?.kind === 'probe' || evidence?.kind === 'command' ? evidence.captured : undefined) ?? []
      }
    ])
  )
}

function servicesSection(outcomes: readonly CheckOutcome[]): Record<string, ServiceReport> {
  const services = outcomes.filter(outcome => outcome.identity.category === 'services')
  return Object.fromEntries(
    services.map(({ identity, status, message, responseTimeMs, attempts }) => [
      identity.key,
      {
        status,
        response_time_ms: responseTimeMs ?? null,
        health_check_url: identity.target,
        attempts,
        critical: identity.critical,
        message
      }
    ])
  )
}
