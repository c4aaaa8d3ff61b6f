// The report's other formats, whole: JUnit XML for test-report viewers, Prometheus text for metrics.
import { renderJUnit } from '../../src/report/junit.js'
import { renderPrometheus } from '../../src/report/prometheus.js'
import { check, fixtureReport } from './fixture.js'

const report = fixtureReport({
  environment: 'prod',
  duration_seconds: 4.5,
  checks: [
    check({ id: 'deploy.migrate', category: 'deploy', duration_ms: 1500, line: 4 }),
    check({ id: 'services.api', status: 'flaky', duration_ms: 250, attempts: 2 }),
    check({ id: 'services.cache', status: 'warning', message: 'slow <1s>', duration_ms: 1000 }),
    check({ id: 'services.db', status: 'failed', message: 'refused "5432"', duration_ms: 20, line: 9 }),
    check({ id: 'services.queue', status: 'error', message: 'crashed\nbadly', duration_ms: 0, line: 11 }),
    check({ id: 'smoke.sign-in', category: 'smoke', status: 'skipped', message: 'db failed', duration_ms: 0 })
  ]
})
const file = '.github/deploy-verify/production.yml'

test('JUnit: a suite per category with its counts and time, a case per check as its status reads there', () => {
  expect(renderJUnit(report)).toBe(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="deploy-verify prod" time="4.5">',
      '  <testsuite name="deploy" tests="1" failures="0" errors="0" skipped="0" time="1.500">',
      '    <testcase classname="deploy" name="deploy.migrate" time="1.500"/>',
      '  </testsuite>',
      '  <testsuite name="services" tests="4" failures="1" errors="1" skipped="0" time="1.270">',
      '    <testcase classname="services" name="services.api" time="0.250">',
      '      <properties><property name="flaky" value="true"/></properties>',
      '    </testcase>',
      '    <testcase classname="services" name="services.cache" time="1.000">',
      '      <system-out>warning: slow &lt;1s&gt;</system-out>',
      '    </testcase>',
      '    <testcase classname="services" name="services.db" time="0.020">',
      `      <failure message="refused &quot;5432&quot;">refused "5432"\n(${file}:9)</failure>`,
      '    </testcase>',
      '    <testcase classname="services" name="services.queue" time="0.000">',
      `      <error message="crashed&#10;badly">crashed\nbadly\n(${file}:11)</error>`,
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="smoke" tests="1" failures="0" errors="0" skipped="1" time="0.000">',
      '    <testcase classname="smoke" name="smoke.sign-in" time="0.000">',
      '      <skipped message="db failed"/>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      ''
    ].join('\n')
  )
})

test('JUnit: a run that could not run is one error case with its summary and every problem', () => {
  const failed = fixtureReport({
    environment: 'prod',
    duration_seconds: 0.2,
    summary: 'error: the configuration has 2 problems',
    checks: [],
    errors: [{ message: 'bad port' }, { message: 'unknown key <x>' }]
  })
  expect(renderJUnit(failed)).toBe(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="deploy-verify prod" time="0.2">',
      '  <testsuite name="deploy-verify" tests="1" failures="0" errors="1" skipped="0" time="0">',
      '    <testcase classname="deploy-verify" name="validation" time="0">',
      '      <error message="error: the configuration has 2 problems">bad port\nunknown key &lt;x&gt;</error>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      ''
    ].join('\n')
  )
})

test('Prometheus: the verdict one-hot, the duration, and each check one-hot with its time and attempts', () => {
  const small = fixtureReport({
    environment: 'eu\\west "1"\n',
    status: 'warning',
    duration_seconds: 2.25,
    checks: [check({ id: 'services.api', status: 'flaky', duration_ms: 1500, attempts: 3 })]
  })
  const env = 'environment="eu\\\\west \\"1\\"\\n"'
  const status = (value: string, on: string) => (value === on ? 1 : 0)
  expect(renderPrometheus(small)).toBe(
    [
      '# HELP deploy_verify_run_status The run verdict: 1 for the status it ended with.',
      '# TYPE deploy_verify_run_status gauge',
      ...['passed', 'warning', 'failed', 'error'].map(
        s => `deploy_verify_run_status{${env},status="${s}"} ${status(s, 'warning')}`
      ),
      '# HELP deploy_verify_run_duration_seconds How long the validation took.',
      '# TYPE deploy_verify_run_duration_seconds gauge',
      `deploy_verify_run_duration_seconds{${env}} 2.25`,
      '# HELP deploy_verify_check_status Each check: 1 for the status it ended with.',
      '# TYPE deploy_verify_check_status gauge',
      ...['passed', 'flaky', 'warning', 'failed', 'error', 'skipped'].map(
        s =>
          `deploy_verify_check_status{${env},check="services.api",category="services",status="${s}"} ${status(s, 'flaky')}`
      ),
      '# HELP deploy_verify_check_duration_seconds Time each check took, retries included.',
      '# TYPE deploy_verify_check_duration_seconds gauge',
      `deploy_verify_check_duration_seconds{${env},check="services.api"} 1.5`,
      '# HELP deploy_verify_check_attempts Attempts each check made.',
      '# TYPE deploy_verify_check_attempts gauge',
      `deploy_verify_check_attempts{${env},check="services.api"} 3`,
      ''
    ].join('\n')
  )
})
