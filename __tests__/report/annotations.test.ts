// Where a report's problems point in the repository: the same annotations for the workflow and the
// check run.
import { annotationsOf } from '../../src/report/annotations.js'
import { check, fixtureReport } from './fixture.js'

const fromRoot = (file: string) => `deploy/${file}`

test('a configuration error with a line becomes a failure at that line, before every check', () => {
  const report = fixtureReport({
    checks: [check({ id: 'services.api', status: 'failed', message: '500', line: 7, column: 5 })],
    errors: [{ message: 'unknown key "retires"', file: 'env.yml', line: 3, column: 9 }]
  })
  expect(annotationsOf(report, fromRoot)).toEqual([
    {
      path: 'deploy/env.yml',
      line: 3,
      column: 9,
      level: 'failure',
      title: 'configuration',
      message: 'unknown key "retires"'
    },
    {
      path: 'deploy/.github/deploy-verify/production.yml',
      line: 7,
      column: 5,
      level: 'failure',
      title: 'services.api',
      message: '500'
    }
  ])
})

test('an error that points at no file, or at no line of it, has no annotation', () => {
  const report = fixtureReport({
    checks: [],
    errors: [{ message: 'the run crashed' }, { message: 'env.yml is not readable', file: 'env.yml' }]
  })
  expect(annotationsOf(report, fromRoot)).toEqual([])
})

test('failed and unevaluated checks are failures, then warnings; passed, flaky and skipped have none', () => {
  const report = fixtureReport({
    checks: [
      check({ id: 'services.a', status: 'warning', message: 'slow' }),
      check({ id: 'services.b', status: 'passed' }),
      check({ id: 'services.c', status: 'error', message: 'probe crashed' }),
      check({ id: 'services.d', status: 'flaky' }),
      check({ id: 'services.e', status: 'skipped' }),
      check({ id: 'services.f', status: 'failed', message: 'refused' })
    ]
  })
  expect(annotationsOf(report, fromRoot).map(({ title, level, message }) => [title, level, message])).toEqual(
    [
      ['services.c', 'failure', 'probe crashed'],
      ['services.f', 'failure', 'refused'],
      ['services.a', 'warning', 'slow']
    ]
  )
})
