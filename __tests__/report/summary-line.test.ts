import type { CheckResult, CheckStatus } from '../../src/model/check.js'
import { summaryLine, type SummaryInput } from '../../src/report/summary-line.js'
import { check } from './fixture.js'

const c = (id: string, status: CheckStatus): CheckResult => check({ id, status })
const run = (overrides: Partial<SummaryInput>): SummaryInput => ({
  status: 'passed',
  checks: [],
  errors: [],
  duration_seconds: 3.2,
  ...overrides
})

describe('summaryLine', () => {
  it('names the failed checks among all of them, and counts the flaky ones', () => {
    const checks = [
      c('services.api', 'failed'),
      c('services.cache', 'failed'),
      c('services.worker', 'flaky'),
      ...['a', 'b', 'c', 'd'].map(name => c(`services.${name}`, 'passed'))
    ]
    expect(summaryLine(run({ status: 'failed', checks }))).toBe(
      'failed: 2 of 7 checks failed (services.api, services.cache), 1 flaky, in 3.2 s'
    )
  })

  it('says how many passed, how many were flaky and how long it took', () => {
    const checks = [
      c('services.worker', 'flaky'),
      ...'abcdef'.split('').map(n => c(`services.${n}`, 'passed'))
    ]
    expect(summaryLine(run({ checks }))).toBe('passed: 7 checks passed, 1 flaky, in 3.2 s')
  })

  it('uses the singular for one check', () => {
    expect(summaryLine(run({ checks: [c('services.api', 'passed')], duration_seconds: 0.25 }))).toBe(
      'passed: 1 check passed, in 250 ms'
    )
  })

  it('counts the configuration problems of a run that could not run', () => {
    const errors = [1, 2, 3].map(line => ({ message: 'unknown key', file: 'env.yml', line, column: 1 }))
    expect(summaryLine(run({ status: 'error', errors }))).toBe('error: the configuration has 3 problems')
    expect(summaryLine(run({ status: 'error', errors: errors.slice(0, 1) }))).toBe(
      'error: the configuration has 1 problem'
    )
  })

  it('says what stopped a run that was not a configuration problem', () => {
    const errors = [{ message: 'the run was cancelled (SIGTERM)\nbefore it finished' }]
    expect(summaryLine(run({ status: 'error', errors, checks: [c('services.api', 'passed')] }))).toBe(
      'error: the run was cancelled (SIGTERM) before it finished'
    )
  })

  it('names every kind of problem after the first, worst first', () => {
    const checks = [
      c('services.cache', 'warning'),
      c('services.queue', 'error'),
      c('services.search', 'skipped'),
      c('services.db', 'failed'),
      c('services.api', 'passed')
    ]
    expect(summaryLine(run({ status: 'failed', checks, duration_seconds: 18.4 }))).toBe(
      'failed: 1 of 5 checks failed (services.db), 1 could not be evaluated (services.queue), ' +
        '1 warned (services.cache), 1 skipped (services.search), in 18.4 s'
    )
  })

  it('names warnings when they are the verdict', () => {
    const checks = [c('services.cache', 'warning'), c('services.api', 'passed')]
    expect(summaryLine(run({ status: 'warning', checks }))).toBe(
      'warning: 1 of 2 checks warned (services.cache), in 3.2 s'
    )
  })

  it('names a few ids and counts the rest, so the line stays one line', () => {
    const checks = Array.from({ length: 8 }, (_, i) => c(`services.s${i}`, 'failed'))
    expect(summaryLine(run({ status: 'failed', checks }))).toBe(
      'failed: 8 of 8 checks failed (services.s0, services.s1, services.s2, services.s3, services.s4 and 3 more), in 3.2 s'
    )
  })

  it('says when nothing ran', () => {
    expect(summaryLine(run({ status: 'warning' }))).toBe('warning: no checks ran')
  })

  it('says both: the configuration problems, then what else stopped the run, on one shortened line', () => {
    const errors = [
      { message: 'unknown key', file: 'env.yml', line: 3 },
      { message: `the run crashed:\n${'x'.repeat(300)}` }
    ]
    expect(summaryLine(run({ status: 'error', errors }))).toBe(
      `error: the configuration has 1 problem; the run crashed: ${'x'.repeat(182)}…`
    )
  })

  it('says the validation could not run when nothing says why', () => {
    expect(summaryLine(run({ status: 'error' }))).toBe('error: the validation could not run')
  })

  it('names exactly five ids without counting more', () => {
    const checks = Array.from({ length: 5 }, (_, i) => c(`services.s${i}`, 'failed'))
    expect(summaryLine(run({ status: 'failed', checks }))).toBe(
      'failed: 5 of 5 checks failed (services.s0, services.s1, services.s2, services.s3, services.s4), in 3.2 s'
    )
  })
})
