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
