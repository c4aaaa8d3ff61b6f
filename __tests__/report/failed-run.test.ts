// The failed run as the dispatch carries it: what the verifying run sends is what the rollback run
// reads, and a payload that is not what deploy-verify sends is refused, naming its source.
import { dispatchPayload, failedRunOfDispatch, MAX_FAILED_CHECKS } from '../../src/report/failed-run.js'
import { check, fixtureReport } from './fixture.js'

const SOURCE = 'the client_payload of the repository_dispatch rollback-production'

describe('the rollback dispatch payload', () => {
  it("carries the failed run's unhealthy checks, read back as the same failed run", () => {
    const report = fixtureReport()
    const payload = dispatchPayload(report)
    expect(payload.failed_checks).toEqual(['services.database', 'services.queue'])
    // Sent as JSON, read as JSON.
    const read = failedRunOfDispatch(JSON.parse(JSON.stringify(payload)), SOURCE)
    expect(read).toEqual({
      ok: true,
      value: {
        deployment_id: report.deployment_id,
        environment: report.environment,
        status: 'failed',
        checks: [
          { id: 'services.database', category: 'services', status: 'failed' },
          { id: 'services.queue', category: 'services', status: 'failed' }
        ],
        source: SOURCE
      }
    })
  })

  it(`lists at most ${MAX_FAILED_CHECKS} failed checks and counts them all`, () => {
    const checks = Array.from({ length: 25 }, (_, i) => check({ id: `smoke.step-${i}`, status: 'failed' }))
    const payload = dispatchPayload(fixtureReport({ checks }))
    expect(payload.failed_checks).toHaveLength(MAX_FAILED_CHECKS)
    expect(payload.failed_count).toBe(25)
    expect(failedRunOfDispatch(payload, SOURCE).ok).toBe(true)
  })

  it.each([
    ['no payload', undefined, 'no client_payload object (send it as deploy-verify does: rollback.dispatch)'],
    ['a list', [], 'no client_payload object (send it as deploy-verify does: rollback.dispatch)'],
    ['a huge payload', { padding: 'x'.repeat(70_000) }, 'larger than any payload deploy-verify sends'],
    ['no environment', { environment: 42 }, 'environment is not a name'],
    [
      'a made-up validation id',
      { deployment_id: '$(id)' },
      'deployment_id is not a validation id (deploy_YYYYMMDD_HHMMSS)'
    ],
    [
      'too many failed checks',
      { failed_checks: Array.from({ length: 21 }, (_, i) => `smoke.s${i}`) },
      `failed_checks is not a list of at most ${MAX_FAILED_CHECKS} check ids`
    ],
    [
      'a check id with a line break',
      { failed_checks: ['services.api\n::error::forged'] },
      'failed_checks holds something that is not a check id'
    ]
  ])('refuses %s, naming where it came from', (_what, change, problem) => {
    const payload =
      change === undefined || Array.isArray(change)
        ? change
        : { ...dispatchPayload(fixtureReport()), ...change }
    expect(failedRunOfDispatch(payload, SOURCE)).toEqual({ ok: false, problem: `${SOURCE}: ${problem}` })
  })
})
