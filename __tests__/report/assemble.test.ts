// The report is assembled once from the plan and the checks that finished, whatever order they
// finished in: it lists the declared checks as the file declares them.
import { assembleReport } from '../../src/report/assemble.js'
import { checkIdentity, type Category, type CheckOutcome, type CheckStatus } from '../../src/model/check.js'
import type { RunPlan } from '../../src/model/plan.js'

const identity = (category: Category, key: string, line: number) =>
  checkIdentity(category, key, {
    name: key,
    critical: category === 'deploy',
    source: { file: 'env.yml', line, column: 3 },
    target: `${key} target`
  })

const declared = [
  identity('deploy', 'migrate', 4),
  identity('services', 'api', 8),
  identity('services', 'database', 10),
  identity('services', 'cache', 12),
  identity('smoke', 'sign-in', 15)
]

const plan: RunPlan = {
  deploymentId: 'deploy_20260101_120000',
  startedAt: new Date('2026-01-01T12:00:00Z'),
  git: { sha: null, ref: null, repository: null, run_id: null, run_url: null, pull_request: null },
  mode: 'verify',
  environment: 'staging',
  configFiles: ['env.yml'],
  checks: declared
}

const outcome = (id: string, status: CheckStatus = 'passed'): CheckOutcome => {
  const found = declared.find(each => each.id === id) ?? identity('monitor', id.split('.')[1] ?? id, 20)
  return { identity: found, status, message: status, durationMs: 5, attempts: 1 }
}

const assemble = (outcomes: CheckOutcome[]) =>
  assembleReport(plan, { durationMs: 1234, outcomes, errors: [] })

describe('assembling the report', () => {
  test('lists the checks in declared order, although they finished in another', () => {
    const report = assemble([
      outcome('smoke.sign-in'),
      outcome('services.cache'),
      outcome('services.api'),
      outcome('deploy.migrate'),
      outcome('services.database')
    ])
    expect(report.checks.map(check => check.id)).toEqual(declared.map(each => each.id))
    expect(Object.keys(report.services)).toEqual(['api', 'database', 'cache'])
  })

  test('keys each section by the step id or service name the file gave, not by the check id', () => {
    const report = assemble([outcome('deploy.migrate'), outcome('services.api'), outcome('smoke.sign-in')])
    expect(Object.keys(report.deploy?.steps ?? {})).toEqual(['migrate'])
    expect(Object.keys(report.services)).toEqual(['api'])
    expect(Object.keys(report.smoke_tests)).toEqual(['sign-in'])
    expect(report.smoke_tests['sign-in']).toMatchObject({ name: 'sign-in', status: 'passed', captured: [] })
  })

  test('puts checks the plan did not declare after the declared ones, in the order they ended', () => {
    const report = assemble([
      outcome('monitor.cache'),
      outcome('services.cache'),
      outcome('monitor.api'),
      outcome('services.api')
    ])
    expect(report.checks.map(check => check.id)).toEqual([
      'services.api',
      'services.cache',
      'monitor.cache',
      'monitor.api'
    ])
  })

  test('names the first failed deploy step, in declared order', () => {
    const report = assemble([outcome('deploy.migrate', 'error'), outcome('services.api', 'skipped')])
    expect(report.deploy?.failed_step).toBe('migrate')
    expect(report.status).toBe('failed')
  })

  test('takes its identity and duration from the plan and the progress', () => {
    const report = assemble([outcome('services.api')])
    expect(report).toMatchObject({
      deployment_id: 'deploy_20260101_120000',
      environment: 'staging',
      timestamp: '2026-01-01T12:00:00.000Z',
      duration_seconds: 1.234,
      mode: 'verify',
      config_files: ['env.yml'],
      status: 'passed'
    })
  })
})
