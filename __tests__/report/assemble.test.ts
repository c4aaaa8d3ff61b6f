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

describe("the report's sections", () => {
  const attempts = [{ ok: false, failures: ['exit code 3'], duration_ms: 5 }]

  test("a deploy step shows its command, exit code, whether it timed out and its output's last lines", () => {
    const migrate: CheckOutcome = {
      ...outcome('deploy.migrate', 'failed'),
      message: 'exit code 3',
      durationMs: 900,
      attempts: 2,
      evidence: {
        kind: 'command',
        attempts,
        startupPolls: 0,
        exitCode: 3,
        timedOut: false,
        outputTail: ['ERROR: relation exists']
      }
    }
    expect(assemble([migrate]).deploy).toEqual({
      failed_step: 'migrate',
      steps: {
        migrate: {
          name: 'migrate',
          status: 'failed',
          command: 'migrate target',
          exit_code: 3,
          timed_out: false,
          duration_ms: 900,
          attempts: 2,
          message: 'exit code 3',
          output_tail: ['ERROR: relation exists']
        }
      }
    })
  })

  test('a deploy step without a command run (skipped) has no exit code, no time-out and no output', () => {
    expect(assemble([outcome('deploy.migrate', 'skipped')]).deploy).toEqual({
      failed_step: null,
      steps: {
        migrate: {
          name: 'migrate',
          status: 'skipped',
          command: 'migrate target',
          exit_code: null,
          timed_out: false,
          duration_ms: 5,
          attempts: 1,
          message: 'skipped',
          output_tail: []
        }
      }
    })
    const timedOut: CheckOutcome = {
      ...outcome('deploy.migrate', 'failed'),
      evidence: { kind: 'command', attempts, startupPolls: 0, exitCode: null, timedOut: true, outputTail: [] }
    }
    expect(assemble([timedOut]).deploy?.steps.migrate).toMatchObject({ exit_code: null, timed_out: true })
  })

  test('a run without deploy steps has no deploy section', () => {
    expect(assemble([outcome('services.api')]).deploy).toBeNull()
  })

  test('a service shows its status, response time, target, attempts, criticality and message', () => {
    const api: CheckOutcome = { ...outcome('services.api', 'warning'), responseTimeMs: 950, attempts: 3 }
    const report = assemble([api, outcome('services.database', 'failed')])
    expect(report.services).toEqual({
      api: {
        status: 'warning',
        response_time_ms: 950,
        health_check_url: 'api target',
        attempts: 3,
        critical: false,
        message: 'warning'
      },
      database: {
        status: 'failed',
        response_time_ms: null,
        health_check_url: 'database target',
        attempts: 1,
        critical: false,
        message: 'failed'
      }
    })
  })

  test('a smoke step shows its target and the names of the values it captured', () => {
    const signIn: CheckOutcome = {
      ...outcome('smoke.sign-in'),
      evidence: { kind: 'probe', attempts, startupPolls: 0, captured: ['token'] }
    }
    expect(assemble([signIn]).smoke_tests).toEqual({
      'sign-in': {
        name: 'sign-in',
        status: 'passed',
        target: 'sign-in target',
        duration_ms: 5,
        attempts: 1,
        message: 'passed',
        captured: ['token']
      }
    })
    const command: CheckOutcome = {
      ...outcome('smoke.sign-in'),
      evidence: {
        kind: 'command',
        attempts,
        startupPolls: 0,
        exitCode: 0,
        timedOut: false,
        outputTail: [],
        captured: ['id']
      }
    }
    expect(assemble([command]).smoke_tests['sign-in']?.captured).toEqual(['id'])
  })

  test('sections a phase wrote whole are kept as given; those it did not write are null', () => {
    const report = assemble([outcome('services.api')])
    expect(report).toMatchObject({ security: null, baseline: null, monitor: null, rollback: null })
    expect(report).not.toHaveProperty('container_metrics')
    expect(report).not.toHaveProperty('environments')
    const baseline = {
      mode: 'verify' as const,
      source: null,
      recorded: null,
      config: null,
      latency: {},
      schema: {},
      throughput: {}
    }
    const written = assembleReport(plan, {
      durationMs: 1,
      outcomes: [],
      errors: [],
      sections: { baseline }
    })
    expect(written.baseline).toBe(baseline)
    expect(written).toMatchObject({ security: null, monitor: null, rollback: null })
    const rollback = {
      state: 'not-triggered' as const,
      message: 'the run passed',
      mode: 'auto' as const,
      trigger: [],
      target: null,
      steps: [],
      verification: null,
      manual: null
    }
    expect(
      assembleReport(plan, { durationMs: 1, outcomes: [], errors: [], sections: { rollback } }).rollback
    ).toBe(rollback)
  })

  test('a problem that stopped the validation makes the run an error whatever its checks, and is listed', () => {
    const errors = [{ message: 'the run crashed' }]
    const report = assembleReport(plan, { durationMs: 1, outcomes: [outcome('services.api')], errors })
    expect(report.status).toBe('error')
    expect(report.errors).toEqual(errors)
    expect(report.summary).not.toBe('')
  })

  test('the document lists its fields in the schema order, the version first', () => {
    expect(Object.keys(assemble([outcome('services.api')]))).toEqual([
      'report_version',
      'deployment_id',
      'environment',
      'status',
      'timestamp',
      'duration_seconds',
      'mode',
      'summary',
      'config_files',
      'git',
      'deploy',
      'services',
      'smoke_tests',
      'security',
      'baseline',
      'monitor',
      'rollback',
      'checks',
      'errors'
    ])
  })
})

test('metric rules give the report a container_metrics section, after the smoke tests', () => {
  const reading = {
    expression: 'cpu',
    bounds: { warn: '80%', fail: null },
    series_count: 1,
    series: [{ series: 'api', value: 91, shown: '91%', reached: 'warn' as const }],
    warnings: []
  }
  const rule: CheckOutcome = {
    identity: identity('metrics', 'api.cpu', 30),
    status: 'warning',
    message: 'cpu 91%',
    durationMs: 1,
    attempts: 1,
    evidence: { kind: 'metric-rule', service: 'api', rule: 'cpu', reading }
  }
  const report = assemble([rule])
  expect(report.container_metrics).toEqual({
    api: { cpu: { status: 'warning', message: 'cpu 91%', file: 'env.yml', line: 30, ...reading } }
  })
  const keys = Object.keys(report)
  expect(keys.indexOf('container_metrics')).toBe(keys.indexOf('smoke_tests') + 1)
})
