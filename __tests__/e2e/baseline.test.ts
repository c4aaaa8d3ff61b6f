// Baselines through the bundled action, as the runner runs it: record one, verify the unchanged
// environment against it, then the same endpoint three times slower; and config drift between two
// real files.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { okAfter, startHttp } from '../support/loopback.js'
import { reportSchemaErrors } from '../support/report-schema.js'

let api: Awaited<ReturnType<typeof startHttp>>
let apiUrl: string
/** How long the API takes to answer; one test slows it down. */
let delayMs = 20
let workspace: string

beforeAll(async () => {
  api = await startHttp(okAfter(() => delayMs))
  apiUrl = api.url
  workspace = await mkdtemp(join(tmpdir(), 'dv-e2e-baseline-'))
  await writeFile(
    join(workspace, 'production.yml'),
    `version: 1
variables:
  API_URL: { required: true }
defaults:
  retry: { attempts: 1 }
services:
  api:
    http: { url: '\${API_URL}/health', expect: { json: { $.status: ok } } }
  cache:
    tcp: { host: 127.0.0.1, port: 6379 }
baseline:
  latency: { samples: 20, max_increase: 20% }
`
  )
})

afterAll(() => api.close())

async function run(inputs: Record<string, string>) {
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'production.yml', ...inputs },
    env: { API_URL: apiUrl }
  })
  const report = JSON.parse(await readFile(result.outputs['report-path'] ?? '', 'utf8'))
  expect(reportSchemaErrors(report)).toEqual([])
  return { ...result, report }
}

describe('a baseline recorded by the action', () => {
  let recorded: Awaited<ReturnType<typeof run>>
  beforeAll(async () => {
    recorded = await run({ mode: 'baseline' })
  }, 60_000)

  test('is written to the default file and named by the baseline-path output', async () => {
    expect(recorded.exitCode).toBe(0)
    expect(recorded.outputs['baseline-path']).toBe(join(workspace, 'deploy-verify-baseline.json'))
    const baseline = JSON.parse(await readFile(join(workspace, 'deploy-verify-baseline.json'), 'utf8'))
    expect(baseline).toMatchObject({ baseline_version: 2, environment: 'production' })
    expect(baseline.services.api.latency.samples).toHaveLength(20)
    // The runner's own pace, measured alongside the samples, for a later run to compare with its own.
    expect(baseline.runner).toEqual({
      loopback_ms: expect.any(Number),
      all_cores_task_ms: expect.any(Number),
      // Linux tells how long the action waited for a core: at least the time it ran.
      run_queue_factor: expect.any(Number),
      measurements: 20
    })
    expect(baseline.runner.loopback_ms).toBeGreaterThan(0)
    expect(baseline.runner.all_cores_task_ms).toBeGreaterThan(0)
    expect(baseline.runner.run_queue_factor).toBeGreaterThanOrEqual(1)
    expect(recorded.summary).toContain('baseline.record')
  })

  test('passes the unchanged environment', async () => {
    const { exitCode, outputs, report } = await run({ baseline: 'deploy-verify-baseline.json' })
    expect(exitCode).toBe(0)
    expect(outputs.status).toBe('passed')
    expect(outputs['baseline-path']).toBe('')
    expect(report.checks.map((check: { id: string }) => check.id)).toEqual(
      expect.arrayContaining(['baseline.source', 'baseline.latency.api', 'baseline.latency.cache'])
    )
  }, 60_000)

  test('fails the same endpoint three times slower, naming the check', async () => {
    delayMs = 60
    try {
      const { exitCode, outputs, summary, log } = await run({ baseline: 'deploy-verify-baseline.json' })
      expect(exitCode).toBe(1)
      expect(outputs.status).toBe('failed')
      expect(JSON.parse(outputs['failed-checks'] ?? '')).toEqual(['baseline.latency.api'])
      // The summary says it in words; the statistics are folded away.
      expect(summary).toMatch(/baseline\.latency\.api.*❌ failed.*median \d+ ms, slower than the baseline's/)
      expect(summary).toContain('<details><summary>Latency statistics</summary>')
      expect(log).toContain('::error')
    } finally {
      delayMs = 20
    }
  }, 60_000)
})

describe('config drift between two real files', () => {
  // Read as it would be locally: API_URL takes its default here, whatever the step's env says.
  const LOCAL = `version: 1
environment: local
variables:
  API_URL: { default: 'http://localhost:3000' }
services:
  api:
    http: { url: '\${API_URL}/health', expect: { json: { $.status: ok } } }
  cache:
    tcp: { host: 127.0.0.1, port: 6379 }
`
  const production = (baseline: string) => `version: 1
environment: production
variables:
  API_URL: { required: true }
services:
  api:
    http: { url: '\${API_URL}/health', expect: { json: { $.status: ok } } }
  cache:
    tcp: { host: 127.0.0.1, port: 6379 }
baseline:
  compare_config: ./local.yml
${baseline}`

  test('fails an unexpected difference, naming both files and lines', async () => {
    await writeFile(join(workspace, 'local.yml'), LOCAL)
    await writeFile(join(workspace, 'drift.yml'), production(''))
    const { exitCode, outputs, report, summary } = await run({ config: 'drift.yml' })
    expect(exitCode).toBe(1)
    expect(JSON.parse(outputs['failed-checks'] ?? '')).toEqual(['baseline.config.services.api.http.url'])
    const message = `services.api.http.url differs: drift.yml:7 has "${apiUrl}/health", local.yml:7 has "http://localhost:3000/health"`
    expect(
      report.checks.find((c: { id: string }) => c.id === 'baseline.config.services.api.http.url')
    ).toMatchObject({
      status: 'failed',
      message,
      file: 'drift.yml',
      line: 7
    })
    expect(summary).toContain('drift.yml:7')
    expect(summary).toContain('local.yml:7')
  }, 60_000)

  test('passes once the path is listed in expect_different', async () => {
    await writeFile(
      join(workspace, 'expected.yml'),
      production('  expect_different: [services.api.http.url]\n')
    )
    const { exitCode, outputs, report } = await run({ config: 'expected.yml' })
    expect(exitCode).toBe(0)
    expect(outputs.status).toBe('passed')
    expect(report.checks.find((c: { id: string }) => c.id === 'baseline.config')?.message).toBe(
      'same as local.yml after interpolation, apart from the expected differences at services.api.http.url'
    )
  }, 60_000)

  test('compares what both files write where the local file leaves a required variable unset: no failed run', async () => {
    await writeFile(
      join(workspace, 'local.yml'),
      production('').replace('environment: production', 'environment: local')
    )
    await writeFile(join(workspace, 'unset.yml'), production(''))
    const { exitCode, outputs, report } = await run({ config: 'unset.yml' })
    expect(exitCode).toBe(0)
    expect(outputs.status).toBe('passed')
    expect(outputs['rollback-required']).toBe('false')
    expect(report.checks.find((c: { id: string }) => c.id === 'baseline.config')?.message).toBe(
      'same as local.yml after interpolation; services.api.http.url compared as written, as local.yml leaves ${API_URL} unset'
    )
  }, 60_000)

  test('a local file that cannot be read is a warning, never a failed run', async () => {
    await writeFile(
      join(workspace, 'missing.yml'),
      production('').replace('./local.yml', './no-such-local.yml')
    )
    const { exitCode, outputs, report } = await run({ config: 'missing.yml' })
    expect(exitCode).toBe(0)
    expect(outputs.status).toBe('warning')
    expect(outputs['rollback-required']).toBe('false')
    expect(report.checks.find((c: { id: string }) => c.id === 'baseline.config')).toMatchObject({
      status: 'warning',
      message: expect.stringMatching(/^config drift was not compared: could not read no-such-local\.yml/)
    })
  }, 60_000)

  test('names the parts of a database URL that differ, never either password', async () => {
    const withDatabase = (file: string, url: string) =>
      file.replace('services:\n', `services:\n  database:\n    postgres: { url: '${url}' }\n`)
    await writeFile(
      join(workspace, 'local.yml'),
      withDatabase(LOCAL, 'postgres://postgres:local-Pw-e2e@localhost:5432/test')
    )
    await writeFile(
      join(workspace, 'database.yml'),
      withDatabase(production(''), 'postgres://postgres:prod-Pw-e2e@127.0.0.1:5432/test')
    )
    const { exitCode, outputs, report, summary, log } = await run({ config: 'database.yml' })
    expect(exitCode).toBe(1)
    expect(JSON.parse(outputs['failed-checks'] ?? '')).toContain(
      'baseline.config.services.database.postgres.url'
    )
    const check = report.checks.find(
      (c: { id: string }) => c.id === 'baseline.config.services.database.postgres.url'
    )
    expect(check?.message).toBe(
      'services.database.postgres.url differs: host differs: database.yml:7 has host "127.0.0.1", local.yml:7 has host "localhost"'
    )
    // Both passwords are registered with the runner for masking, and appear nowhere else.
    expect(log).toContain('::add-mask::prod-Pw-e2e')
    for (const text of [log.replace(/::add-mask::.*/g, ''), summary, JSON.stringify(report)]) {
      expect(text).not.toContain('prod-Pw-e2e')
      expect(text).not.toContain('local-Pw-e2e')
    }
  }, 60_000)
})
