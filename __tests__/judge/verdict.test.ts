import { failedCheckIds, runStatus, shouldFailJob } from '../../src/judge/verdict.js'
import type { CheckResult, CheckStatus } from '../../src/model/check.js'
import { check } from '../report/fixture.js'

const c = (id: string, status: CheckStatus, critical = false): CheckResult => check({ id, status, critical })

describe('runStatus', () => {
  it('passes when every check passed', () => {
    expect(runStatus([c('services.api', 'passed'), c('services.db', 'passed', true)])).toBe('passed')
  })

  it('passes a run whose checks passed only after retries (flaky)', () => {
    expect(runStatus([c('services.api', 'flaky'), c('services.db', 'passed')])).toBe('passed')
  })

  it('fails the run on any failed check, even a non-critical one', () => {
    expect(runStatus([c('services.api', 'passed'), c('services.cache', 'failed')])).toBe('failed')
  })

  it('fails the run on a failed critical check whatever else passed', () => {
    const passes = Array.from({ length: 20 }, (_, i) => c(`services.s${i}`, 'passed'))
    expect(runStatus([...passes, c('services.db', 'failed', true)])).toBe('failed')
  })

  it('fails the run on a check that could not be evaluated', () => {
    expect(runStatus([c('services.api', 'passed'), c('services.db', 'error')])).toBe('failed')
  })

  it('never decides error: that is for a validation that could not run', () => {
    const statuses: CheckStatus[] = ['passed', 'flaky', 'warning', 'failed', 'error', 'skipped']
    for (const status of statuses) expect(runStatus([c('services.x', status, true)])).not.toBe('error')
  })

  it('warns when checks only warned', () => {
    expect(runStatus([c('services.api', 'passed'), c('services.cache', 'warning')])).toBe('warning')
  })

  it('lets a failure outweigh warnings', () => {
    expect(runStatus([c('services.cache', 'warning'), c('services.api', 'failed')])).toBe('failed')
  })

  it('keeps a run failed when the dependents of a failed check were skipped', () => {
    expect(
      runStatus([c('services.db', 'failed'), c('services.api', 'skipped'), c('services.web', 'skipped')])
    ).toBe('failed')
  })

  it('never lets a skipped check pass a run: an ordinary one warns, a critical one fails', () => {
    expect(runStatus([c('services.api', 'passed'), c('services.worker', 'skipped')])).toBe('warning')
    expect(runStatus([c('services.api', 'passed'), c('services.db', 'skipped', true)])).toBe('failed')
  })

  it('warns when there was nothing to check, rather than passing silently', () => {
    expect(runStatus([])).toBe('warning')
  })
})

describe('shouldFailJob', () => {
  it('fails on failed and error by default (fail-on: failure)', () => {
    expect(shouldFailJob('failed', 'failure')).toBe(true)
    expect(shouldFailJob('error', 'failure')).toBe(true)
    expect(shouldFailJob('warning', 'failure')).toBe(false)
    expect(shouldFailJob('passed', 'failure')).toBe(false)
  })

  it('also fails on warning with fail-on: warning', () => {
    expect(shouldFailJob('warning', 'warning')).toBe(true)
    expect(shouldFailJob('failed', 'warning')).toBe(true)
    expect(shouldFailJob('error', 'warning')).toBe(true)
    expect(shouldFailJob('passed', 'warning')).toBe(false)
  })

  it('never fails with fail-on: never (a dry run)', () => {
    for (const status of ['passed', 'warning', 'failed', 'error'] as const) {
      expect(shouldFailJob(status, 'never')).toBe(false)
    }
  })
})

describe('failedCheckIds', () => {
  it('lists the failed and unevaluated checks, in order, and nothing else', () => {
    const checks = [
      c('services.api', 'passed'),
      c('services.db', 'failed', true),
      c('services.worker', 'flaky'),
      c('services.search', 'skipped'),
      c('services.cache', 'warning'),
      c('services.queue', 'error')
    ]
    expect(failedCheckIds(checks)).toEqual(['services.db', 'services.queue'])
  })
})
