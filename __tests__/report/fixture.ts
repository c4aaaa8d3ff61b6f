// A realistic report, as a run against a small production stack would produce it.
import type { CheckResult } from '../../src/model/check.js'
import type { Report } from '../../src/model/report.js'

export function check(overrides: Partial<CheckResult> & Pick<CheckResult, 'id'>): CheckResult {
  const name = overrides.id.split('.').slice(1).join('.')
  return {
    category: 'services',
    name,
    status: 'passed',
    critical: false,
    message: 'healthy',
    duration_ms: 42,
    attempts: 1,
    file: '.github/deploy-verify/production.yml',
    line: 12,
    column: 3,
    ...overrides
  }
}

export function fixtureChecks(): CheckResult[] {
  return [
    check({
      id: 'services.api',
      target: 'https://api.example.com/health',
      response_time_ms: 41,
      message: '200 OK'
    }),
    check({
      id: 'services.worker',
      status: 'flaky',
      attempts: 3,
      duration_ms: 3200,
      message: '200 OK after 2 failed attempts',
      details: {
        attempts: [
          { ok: false, failures: ['connection refused'], duration_ms: 1200 },
          { ok: true, failures: [], duration_ms: 40 }
        ]
      }
    }),
    check({
      id: 'services.database',
      status: 'failed',
      critical: true,
      attempts: 5,
      duration_ms: 15000,
      message: 'extension vector is not installed',
      target: 'postgres://app:***@db.internal:5432/app'
    }),
    check({
      id: 'services.search',
      status: 'skipped',
      attempts: 0,
      message: 'skipped: depends on services.database, which failed'
    }),
    check({
      id: 'services.cache',
      status: 'warning',
      message: 'answered in 950 ms, close to the 1000 ms bound'
    }),
    check({
      id: 'services.queue',
      status: 'error',
      attempts: 0,
      message: 'could not be evaluated: probe crashed'
    }),
    check({ id: 'services.storage', message: '200 OK' })
  ]
}

export function fixtureReport(overrides: Partial<Report> = {}): Report {
  return {
    report_version: 1,
    deployment_id: 'deploy_20260314_092653',
    environment: 'production',
    status: 'failed',
    timestamp: '2026-03-14T09:26:53.120Z',
    duration_seconds: 18.4,
    mode: 'verify',
    summary: 'failed: 1 of 7 checks failed (services.database), 1 could not be evaluated (services.queue)',
    config_files: ['.github/deploy-verify/production.yml', '.github/deploy-verify/base.yml'],
    git: {
      sha: '3f1c2a9e8b7d6c5b4a39281706f5e4d3c2b1a098',
      ref: 'refs/pull/42/merge',
      repository: 'acme/shop',
      run_id: '1234567890',
      run_url: 'https://github.com/acme/shop/actions/runs/1234567890',
      pull_request: 42
    },
    deploy: null,
    services: {
      api: {
        status: 'passed',
        response_time_ms: 41,
        health_check_url: 'https://api.example.com/health',
        attempts: 1,
        critical: false,
        message: '200 OK'
      },
      database: {
        status: 'failed',
        response_time_ms: null,
        health_check_url: 'postgres://app:***@db.internal:5432/app',
        attempts: 5,
        critical: true,
        message: 'extension vector is not installed'
      }
    },
    smoke_tests: {},
    security: null,
    baseline: null,
    monitor: null,
    rollback: null,
    checks: fixtureChecks(),
    errors: [],
    ...overrides
  }
}
