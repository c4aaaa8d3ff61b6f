// Builds the report document from what a run has gathered so far.
import { runStatus } from '../judge/verdict.js'
import {
  REPORT_VERSION,
  type CheckResult,
  type DeploySection,
  type GitInfo,
  type Report,
  type ReportError,
  type ServiceReport,
  type SmokeTestReport
} from './model.js'
import { containerMetrics } from './container-metrics.js'
import { summaryLine } from './summary-line.js'

export interface RunFacts {
  deploymentId: string
  environment: string
  mode: Report['mode']
  startedAt: Date
  durationMs: number
  configFiles: string[]
  git: GitInfo
  checks: CheckResult[]
  errors: ReportError[]
  /** Sections a phase writes whole, rather than ones built from the checks. */
  sections?: Partial<Pick<Report, 'baseline' | 'monitor'>>
}

export function assembleReport(facts: RunFacts): Report {
  // Problems that stopped the validation itself make the run an error, whatever checks finished.
  const status = facts.errors.length ? 'error' : runStatus(facts.checks)
  const report: Report = {
    report_version: REPORT_VERSION,
    deployment_id: facts.deploymentId,
    environment: facts.environment,
    status,
    timestamp: facts.startedAt.toISOString(),
    duration_seconds: Math.round(facts.durationMs) / 1000,
    mode: facts.mode,
    summary: '',
    config_files: facts.configFiles,
    git: facts.git,
    deploy: deploySection(facts.checks),
    services: servicesSection(facts.checks),
    smoke_tests: smokeSection(facts.checks),
    ...containerMetrics(facts.checks),
    security: null,
    baseline: facts.sections?.baseline ?? null,
    monitor: facts.sections?.monitor ?? null,
    rollback: null,
    checks: facts.checks,
    errors: facts.errors
  }
  report.summary = summaryLine(report)
  return report
}

/** A check's id without its category: `deploy.apply` -> `apply`. */
function stepId(check: CheckResult): string {
  return check.id.slice(check.category.length + 1)
}

function deploySection(checks: CheckResult[]): DeploySection | null {
  const steps = checks.filter(check => check.category === 'deploy')
  if (!steps.length) return null
  const failed = steps.find(step => step.status === 'failed' || step.status === 'error')
  return {
    failed_step: failed ? stepId(failed) : null,
    steps: Object.fromEntries(
      steps.map(step => {
        const details = step.details ?? {}
        return [
          stepId(step),
          {
            name: step.name,
            status: step.status,
            command: step.target ?? '',
            exit_code: typeof details.exit_code === 'number' ? details.exit_code : null,
            timed_out: details.timed_out === true,
            duration_ms: step.duration_ms,
            attempts: step.attempts,
            message: step.message,
            output_tail: Array.isArray(details.output_tail) ? (details.output_tail as string[]) : []
          }
        ]
      })
    )
  }
}

function smokeSection(checks: CheckResult[]): Record<string, SmokeTestReport> {
  const steps = checks.filter(check => check.category === 'smoke')
  return Object.fromEntries(
    steps.map(step => [
      stepId(step),
      {
        name: step.name,
        status: step.status,
        target: step.target ?? '',
        duration_ms: step.duration_ms,
        attempts: step.attempts,
        message: step.message,
        captured: Array.isArray(step.details?.captured) ? (step.details.captured as string[]) : []
      }
    ])
  )
}

function servicesSection(checks: CheckResult[]): Record<string, ServiceReport> {
  const services: Record<string, ServiceReport> = {}
  for (const check of checks) {
    if (check.category !== 'services') continue
    services[check.name] = {
      status: check.status,
      response_time_ms: check.response_time_ms ?? null,
      health_check_url: check.target ?? '',
      attempts: check.attempts,
      critical: check.critical,
      message: check.message
    }
  }
  return services
}
