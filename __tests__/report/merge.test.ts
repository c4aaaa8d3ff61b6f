// Merge mode's report: one verdict over a matrix of environments, each check kept under its environment.
import { describe, expect, it } from '@jest/globals'
import { mergeReports } from '../../src/report/merge.js'
import { check, fixtureReport } from './fixture.js'
import { reportSchemaErrors } from '../support/report-schema.js'

const facts = {
  deploymentId: 'deploy_20261122_120000',
  startedAt: new Date('2026-11-22T12:00:00Z'),
  durationMs: 1500
}

describe('merged reports', () => {
  it('take the worst status, prefix every check with its environment and list the environments', () => {
    const eu = fixtureReport({
      environment: 'eu-west',
      status: 'passed',
      checks: [check({ id: 'services.api' })]
    })
    const us = fixtureReport({
      environment: 'us-east',
      status: 'failed',
      checks: [check({ id: 'services.api', status: 'failed', message: 'down' })]
    })
    const merged = mergeReports([us, eu], facts)
    expect(merged).toMatchObject({
      environment: 'merged',
      mode: 'merge',
      status: 'failed',
      summary: 'failed: 2 environments: 1 failed (us-east), 1 passed (eu-west)',
      environments: [
        { environment: 'eu-west', status: 'passed' },
        { environment: 'us-east', status: 'failed' }
      ]
    })
    expect(merged.checks.map(c => [c.id, c.status])).toEqual([
      ['eu-west/services.api', 'passed'],
      ['us-east/services.api', 'failed']
    ])
    expect(reportSchemaErrors(merged)).toEqual([])
  })

  it('with nothing to merge, are an error that says where merge mode belongs', () => {
    const merged = mergeReports([], facts)
    expect(merged.status).toBe('error')
    expect(merged.summary).toBe(
      'error: no report artifacts of this run to merge: run merge mode in a job that needs the matrix jobs'
    )
  })
})

describe('a merged report', () => {
  const eu = fixtureReport({
    environment: 'eu-west',
    status: 'warning',
    config_files: ['deploy/eu-west.yml', 'deploy/base.yml'],
    errors: [{ message: 'slow disk', file: 'deploy/eu-west.yml', line: 4 }]
  })
  const us = fixtureReport({
    environment: 'us-east',
    status: 'error',
    config_files: ['deploy/us-east.yml', 'deploy/base.yml'],
    git: { ...fixtureReport().git, sha: 'ffff' }
  })
  const ap = fixtureReport({ environment: 'ap-south', status: 'failed', config_files: ['deploy/base.yml'] })

  it('is as bad as its worst environment: an error above a failure above a warning', () => {
    expect(mergeReports([eu, us, ap], facts).status).toBe('error')
    expect(mergeReports([eu, ap], facts).status).toBe('failed')
    expect(mergeReports([eu], facts).status).toBe('warning')
    expect(mergeReports([eu], facts).summary).toBe('warning: 1 environment: 1 warning (eu-west)')
    expect(mergeReports([eu, { ...ap, status: 'warning' }], facts).summary).toBe(
      'warning: 2 environments: 2 warning (ap-south, eu-west)'
    )
  })

  it('keys every service and smoke step under its environment, and prefixes each problem with it', () => {
    const merged = mergeReports([us, eu], facts)
    expect(Object.keys(merged.services)).toEqual([
      'eu-west/api',
      'eu-west/database',
      'us-east/api',
      'us-east/database'
    ])
    expect(merged.services['us-east/database']).toEqual(us.services.database)
    const withSmoke = fixtureReport({
      environment: 'eu-west',
      smoke_tests: {
        'sign-in': {
          name: 'sign in',
          status: 'passed',
          target: '/login',
          duration_ms: 3,
          attempts: 1,
          message: 'ok',
          captured: []
        }
      }
    })
    expect(Object.keys(mergeReports([withSmoke], facts).smoke_tests)).toEqual(['eu-west/sign-in'])
    expect(merged.errors).toEqual([{ message: 'eu-west: slow disk', file: 'deploy/eu-west.yml', line: 4 }])
  })

  it("takes its identity from the merge, its commit from the first environment's, and each file once", () => {
    const merged = mergeReports([us, eu], { ...facts, durationMs: 1234.6 })
    expect(merged).toMatchObject({
      deployment_id: 'deploy_20261122_120000',
      timestamp: '2026-11-22T12:00:00.000Z',
      duration_seconds: 1.235,
      git: eu.git,
      config_files: ['deploy/eu-west.yml', 'deploy/base.yml', 'deploy/us-east.yml'],
      deploy: null,
      security: null,
      baseline: null,
      monitor: null,
      rollback: null
    })
    expect(merged.environments).toEqual([
      { environment: 'eu-west', status: 'warning', summary: eu.summary, deployment_id: eu.deployment_id },
      { environment: 'us-east', status: 'error', summary: us.summary, deployment_id: us.deployment_id }
    ])
  })

  it('of nothing knows no commit and lists no environment', () => {
    const merged = mergeReports([], facts)
    expect(merged.git).toEqual({
      sha: null,
      ref: null,
      repository: null,
      run_id: null,
      run_url: null,
      pull_request: null
    })
    expect(merged).toMatchObject({
      environments: [],
      checks: [],
      services: {},
      smoke_tests: {},
      config_files: []
    })
    expect(merged.errors).toHaveLength(1)
  })
})
