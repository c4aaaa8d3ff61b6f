// The report's other formats: JUnit XML for test-report viewers, Prometheus text for metrics
// collectors, each written beside the JSON report.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatPath } from '../../src/model/report-files.js'
import { renderJUnit } from '../../src/report/junit.js'
import { renderPrometheus } from '../../src/report/prometheus.js'
import { writeReport } from '../../src/report/write.js'
import { check, fixtureReport } from './fixture.js'

describe('junit', () => {
  const xml = renderJUnit(fixtureReport())

  test('one suite per category, counting failures, errors and skips', () => {
    expect(xml).toContain('<testsuite name="services" tests="7" failures="1" errors="1" skipped="1"')
  })

  test('a failed check is a failure naming its message and YAML line; a flaky pass says it is flaky', () => {
    expect(xml).toMatch(
      /<testcase classname="services" name="services.database" time="[\d.]+">\n\s+<failure message="/
    )
    expect(xml).toMatch(
      /name="services.worker"[^\n]*>\n\s+<properties><property name="flaky" value="true"\/>/
    )
  })

  test('text from a server cannot break the XML', () => {
    const hostile = renderJUnit(
      fixtureReport({ checks: [check({ id: 'services.x', status: 'failed', message: '<a href="x">&</a>' })] })
    )
    expect(hostile).toContain('message="&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"')
  })

  test('a run that could not run is one error case with the problems', () => {
    const failed = renderJUnit(
      fixtureReport({ status: 'error', checks: [], errors: [{ message: 'bad port' }] })
    )
    expect(failed).toContain('<error message=')
    expect(failed).toContain('bad port</error>')
  })
})

describe('prometheus', () => {
  const text = renderPrometheus(fixtureReport({ environment: 'prod "eu"' }))

  test('the verdict and each check are one-hot gauges, with escaped labels', () => {
    expect(text).toContain('# TYPE deploy_verify_run_status gauge')
    expect(text).toContain('deploy_verify_run_status{environment="prod \\"eu\\"",status="failed"} 1')
    expect(text).toContain('deploy_verify_run_status{environment="prod \\"eu\\"",status="passed"} 0')
    expect(text).toMatch(
      /deploy_verify_check_status\{[^}]*check="services.database",category="services",status="failed"\} 1/
    )
    expect(text).toMatch(/deploy_verify_check_attempts\{[^}]*check="services.worker"\} \d+/)
  })
})

test('the formats go beside the JSON report, with its name and their extension', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-verify-formats-'))
  const path = join(dir, 'report.json')
  await writeReport(path, fixtureReport(), ['junit', 'prometheus', 'markdown'])
  expect(JSON.parse(await readFile(path, 'utf8')).deployment_id).toBe(fixtureReport().deployment_id)
  expect(await readFile(formatPath(path, 'junit'), 'utf8')).toMatch(/^<\?xml/)
  expect(await readFile(join(dir, 'report.prom'), 'utf8')).toContain('deploy_verify_run_status')
  expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('Full report: `report.json`')
})
