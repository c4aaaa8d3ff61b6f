// Builds the report document from what a run has gathered so far.
import { runStatus } from '../judge/verdict.js'
import {
  REPORT_VERSION,
  type CheckResult,
  type GitInfo,
  type Report,
  type ReportError,
  type ServiceReport
} from './model.js'
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
    deploy: null,
    services: servicesSection(facts.checks),
    smoke_tests: {},
    security: null,
    baseline: null,
    monitor: null,
    rollback: null,
    checks: facts.checks,
    errors: facts.errors
  }
  report.summary = summaryLine(report)
  return report
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
