// Every written report passes one schema check first, a run's and a merged one alike: a report that
// fails its own schema is a bug, surfaced as an error in the report, its status and its summary.
import { describe, expect, it } from '@jest/globals'
import type { CheckResult } from '../../src/model/check.js'
import { mergeReports } from '../../src/report/merge.js'
import { schemaChecked } from '../../src/report/schema-check.js'
import { reportSchemaErrors } from '../support/report-schema.js'
import { check, fixtureReport } from './fixture.js'

const facts = {
  deploymentId: 'deploy_20261122_120000',
  startedAt: new Date('2026-11-22T12:00:00Z'),
  durationMs: 1500
}

describe('the schema check before a report is written', () => {
  it('passes a valid merged report through unchanged', () => {
    const merged = mergeReports([fixtureReport({ environment: 'eu-west' })], facts)
    expect(reportSchemaErrors(merged)).toEqual([])
    const checked = schemaChecked(merged)
    expect(checked.problem).toBeUndefined()
    expect(checked.report).toBe(merged)
  })

  it('surfaces a merge that produced an invalid report as a bug: an error, never a quiet verdict', () => {
    // A matrix job's report with a status this version does not know: the merge carries it over.
    const odd = check({ id: 'services.api', status: 'unknown' as CheckResult['status'] })
    const merged = mergeReports(
      [
        fixtureReport({ environment: 'eu-west', status: 'passed', checks: [odd], errors: [] }),
        fixtureReport({ environment: 'us-east', status: 'passed', checks: [check({ id: 'services.api' })] })
      ],
      facts
    )
    expect(merged.status).toBe('passed')
    expect(reportSchemaErrors(merged)).not.toEqual([])

    const { report, problem } = schemaChecked(merged)
    expect(problem).toMatch(
      /^deploy-verify made a report that fails its own schema \(\/checks\/0\/status must be equal to one of the allowed values\): this is a bug in deploy-verify, please report it/
    )
    expect(report.status).toBe('error')
    expect(report.errors.at(-1)).toEqual({ message: problem })
    expect(report.summary).toMatch(/^error: deploy-verify made a report that fails its own schema/)
    // The facts are kept: every check of both environments is still there.
    expect(report.checks.map(c => c.id)).toEqual(['eu-west/services.api', 'us-east/services.api'])
  })
})

describe('what the schema check reads', () => {
  it('is the report as written: the NaN figures of a side without samples are null there', () => {
    const none = { count: 0, p50: NaN, p90: NaN, p95: NaN, p99: NaN, iqr: NaN }
    const report = fixtureReport({
      monitor: {
        duration_ms: 60_000,
        interval_ms: 200,
        services: {
          api: {
            polls: 3,
            failures: 3,
            uptime_percent: 0,
            error_rate: 1,
            longest_failure_run: 3,
            latency: none,
            failure_reasons: ['expected status 2xx, got 503']
          }
        }
      }
    })
    const checked = schemaChecked(report)
    expect(checked.problem).toBeUndefined()
    expect(checked.report).toBe(report)
  })
})
