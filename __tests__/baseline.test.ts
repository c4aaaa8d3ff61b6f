// Recording a baseline and verifying against it, through the engine: a loopback API whose delay the
// test sets, and a PostgreSQL database of the test's own (extensions belong to a whole database).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ValidationRun } from '../src/engine.js'
import { parseBaselineDocument } from '../src/report/baseline-document.js'
import type { Report } from '../src/model/report.js'
import { quietLogger } from './support/logger.js'
import { okAfter, startHttp } from './support/loopback.js'
import { ADMIN_URL, sql } from './support/postgres.js'
import { reportSchemaErrors } from './support/report-schema.js'
import { fromInputs } from './support/run-request.js'

const database = `dv_compare_${process.pid}`
const PASSWORD = 'pw-Never-Shown'
// Trust authentication accepts any password; it must still never be written anywhere.
const databaseUrl = `postgres://postgres:${PASSWORD}@127.0.0.1:5432/${database}`

let api: Awaited<ReturnType<typeof startHttp>>
let apiUrl: string
/** How long the API waits before answering; the test slows it down. */
let delayMs = 20
let workspace: string

beforeAll(async () => {
  await sql(ADMIN_URL, `CREATE DATABASE ${database}`)
  await sql(
    databaseUrl,
    'CREATE EXTENSION pg_trgm',
    'CREATE TABLE documents (id serial PRIMARY KEY, title text NOT NULL)',
    'CREATE TABLE jobs (id int PRIMARY KEY, status text)'
  )
  api = await startHttp(okAfter(() => delayMs))
  apiUrl = api.url
  workspace = await mkdtemp(join(tmpdir(), 'dv-compare-'))
  await writeFile(
    join(workspace, 'env.yml'),
    `version: 1
environment: production
variables:
  API_URL: { required: true }
  DATABASE_URL: { required: true, secret: true }
defaults:
  retry: { attempts: 1 }
services:
  api:
    http: { url: '\${API_URL}/health' }
  database:
    postgres: { url: '\${DATABASE_URL}' }
baseline:
  latency: { samples: 20, max_increase: 20%, bounds: ['p95 < 5s'] }
  schema: true
`
  )
})

afterAll(async () => {
  await api.close()
  await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
})

async function validate(inputs: Record<string, string>): Promise<{ report: Report; run: ValidationRun }> {
  const run = new ValidationRun({
    ...fromInputs({ config: 'env.yml', ...inputs }),
    env: { API_URL: apiUrl, DATABASE_URL: databaseUrl },
    workspace,
    logger: quietLogger
  })
  const report = await run.execute()
  expect(reportSchemaErrors(report)).toEqual([])
  return { report, run }
}

const check = (report: Report, id: string) => report.checks.find(c => c.id === id)

describe('a recorded baseline', () => {
  let recorded: Report
  let run: ValidationRun
  beforeAll(async () => {
    ;({ report: recorded, run } = await validate({ mode: 'baseline', baseline: 'baselines/production.json' }))
  })

  test('is written where the baseline input says, with samples, schema and config, and no secret', async () => {
    expect(check(recorded, 'baseline.record')).toMatchObject({
      status: 'passed',
      message: 'recorded baselines/production.json: 40 latency samples of 2 services, 1 database schema'
    })
    expect(run.baselinePath).toBe(join(workspace, 'baselines/production.json'))
    const text = await readFile(join(workspace, 'baselines/production.json'), 'utf8')
    expect(text).not.toContain(PASSWORD)
    const parsed = await parseBaselineDocument(text)
    if (!('document' in parsed)) throw new Error(parsed.problem)
    const { document } = parsed
    expect(document.deployment_id).toBe(recorded.deployment_id)
    expect(document.services.api?.latency.samples).toHaveLength(20)
    // PostgreSQL's latency is sampled too; a command's would not be.
    expect(document.services.database?.latency.samples).toHaveLength(20)
    // How fast the recording runner was, measured once per sampling round.
    expect(document.runner).toEqual({
      loopback_ms: expect.any(Number),
      all_cores_task_ms: expect.any(Number),
      // Linux tells how long the action waited for a core.
      run_queue_factor: expect.any(Number),
      measurements: 20
    })
    expect(document.schemas.database?.extensions).toHaveProperty('pg_trgm')
    expect(Object.keys(document.schemas.database?.tables ?? {})).toEqual(['public.documents', 'public.jobs'])
    // The config is kept as the environment file is written, interpolated, with the secret masked.
    expect(document.config.files).toEqual(['env.yml'])
    expect(document.config.document).toMatchObject({
      version: 1,
      environment: 'production',
      services: { api: { http: { url: `${apiUrl}/health` } }, database: { postgres: { url: '***' } } }
    })
    expect(recorded.baseline).toMatchObject({
      mode: 'baseline',
      recorded: { path: 'baselines/production.json' }
    })
  })

  test('passes the unchanged environment, keeping the figures of both sides', async () => {
    const { report } = await validate({ baseline: 'baselines/production.json' })
    expect(report.status).toBe('passed')
    expect(check(report, 'baseline.source')?.message).toMatch(
      /^comparing with the baseline baselines\/production\.json, recorded .* by deploy_\d{8}_\d{6}$/
    )
    expect(check(report, 'baseline.schema.database')).toMatchObject({
      status: 'passed',
      message: 'same schema as the baseline (2 tables, 2 extensions)'
    })
    expect(check(report, 'baseline.latency.api')?.status).toBe('passed')
    expect(report.baseline?.latency.api).toMatchObject({
      status: 'passed',
      p_value: expect.any(Number),
      shift_ms: expect.any(Number),
      baseline: { count: expect.any(Number) },
      target: { count: expect.any(Number) },
      bounds: [{ bound: 'p95 < 5s', status: 'passed' }]
    })
  })

  test('fails the same endpoint three times slower, naming the check', async () => {
    delayMs = 60
    try {
      const { report } = await validate({ baseline: 'baselines/production.json' })
      expect(report.status).toBe('failed')
      expect(check(report, 'baseline.latency.api')).toMatchObject({
        status: 'failed',
        message: expect.stringMatching(/^latency regression: \d+ baseline vs \d+ target samples/)
      })
      expect(report.summary).toContain('baseline.latency.api')
    } finally {
      delayMs = 20
    }
  })

  test('record-baseline compares and records in one pass: the new baseline is the one the next run reads', async () => {
    const { report, run } = await validate({
      baseline: 'baselines/production.json',
      'record-baseline': 'baselines/next.json'
    })
    expect(report.status).toBe('passed')
    expect(report.baseline).toMatchObject({ mode: 'verify', recorded: { path: 'baselines/next.json' } })
    expect(check(report, 'baseline.latency.api')?.status).toBe('passed')
    expect(check(report, 'baseline.record')).toMatchObject({
      status: 'passed',
      message: 'recorded baselines/next.json: 40 latency samples of 2 services, 1 database schema'
    })
    expect(run.baselinePath).toBe(join(workspace, 'baselines/next.json'))
    const parsed = await parseBaselineDocument(await readFile(join(workspace, 'baselines/next.json'), 'utf8'))
    if (!('document' in parsed)) throw new Error(parsed.problem)
    expect(parsed.document.deployment_id).toBe(report.deployment_id)
    expect(Object.keys(parsed.document.schemas.database?.tables ?? {})).toEqual([
      'public.documents',
      'public.jobs'
    ])
    const next = await validate({ baseline: 'baselines/next.json' })
    expect(check(next.report, 'baseline.source')?.message).toContain(`by ${report.deployment_id}`)
  })

  test('record-baseline records nothing when the comparison finds a regression, and says why', async () => {
    delayMs = 60
    try {
      const { report, run } = await validate({
        baseline: 'baselines/production.json',
        'record-baseline': 'true'
      })
      expect(report.status).toBe('failed')
      expect(check(report, 'baseline.record')).toMatchObject({
        status: 'skipped',
        message:
          'not recorded: a baseline must be known-good, and 1 check did not pass (baseline.latency.api)'
      })
      expect(report.baseline?.recorded).toBeNull()
      expect(run.baselinePath).toBeUndefined()
      await expect(readFile(join(workspace, 'deploy-verify-baseline.json'))).rejects.toThrow('ENOENT')
    } finally {
      delayMs = 20
    }
  })

  test('names a dropped table, a dropped extension and an extra index, each with its class', async () => {
    await sql(
      databaseUrl,
      'DROP TABLE jobs',
      'DROP EXTENSION pg_trgm',
      'CREATE INDEX documents_title ON documents (title)'
    )
    try {
      const { report } = await validate({ baseline: 'baselines/production.json' })
      expect(check(report, 'baseline.schema.database')?.status).toBe('failed')
      expect(report.baseline?.schema.database?.map(d => [d.kind, d.severity, d.subject])).toEqual(
        expect.arrayContaining([
          ['missing-extension', 'failed', 'pg_trgm'],
          ['missing-table', 'failed', 'public.jobs'],
          ['extra-index', 'warning', 'public.documents_title']
        ])
      )
    } finally {
      await sql(
        databaseUrl,
        'DROP INDEX documents_title',
        'CREATE EXTENSION pg_trgm',
        'CREATE TABLE jobs (id int PRIMARY KEY, status text)'
      )
    }
  })
})

describe('without a usable baseline', () => {
  test('a missing file is a warning that says so, never a silent pass', async () => {
    const { report } = await validate({ baseline: 'baselines/none.json' })
    expect(report.status).toBe('warning')
    expect(check(report, 'baseline.source')).toMatchObject({
      status: 'warning',
      message: 'no baseline to compare with: baselines/none.json was not found'
    })
    // The absolute bound is still judged without a baseline.
    expect(check(report, 'baseline.latency.api')?.status).toBe('passed')
  })

  test('a file that is not a baseline is named as such', async () => {
    await writeFile(join(workspace, 'not-a-baseline.json'), '{"report_version": 1}')
    const { report } = await validate({ baseline: 'not-a-baseline.json' })
    expect(check(report, 'baseline.source')?.message).toMatch(
      /^no baseline to compare with: not-a-baseline.json cannot be used: it is not a deploy-verify baseline: /
    )
  })

  test('a baseline of an older format asks for a new recording', async () => {
    const text = await readFile(join(workspace, 'baselines/production.json'), 'utf8')
    const older = { ...JSON.parse(text), baseline_version: 1 }
    await writeFile(join(workspace, 'older.json'), JSON.stringify(older))
    const { report } = await validate({ baseline: 'older.json' })
    expect(check(report, 'baseline.source')).toMatchObject({
      status: 'warning',
      message:
        'no baseline to compare with: older.json cannot be used: it is baseline version 1, which this version of deploy-verify no longer reads (it reads version 2): record the baseline again with mode: baseline'
    })
  })

  test('no baseline input, with a baseline section asking for latency and schema, is a warning', async () => {
    const { report } = await validate({})
    expect(check(report, 'baseline.source')?.status).toBe('warning')
  })

  test('an environment that is not healthy is never recorded as a baseline', async () => {
    const broken = new ValidationRun({
      ...fromInputs({ config: 'env.yml', mode: 'baseline', baseline: 'refused.json' }),
      env: { API_URL: 'http://127.0.0.1:1', DATABASE_URL: databaseUrl },
      workspace,
      logger: quietLogger
    })
    const refused = await broken.execute()
    expect(check(refused, 'baseline.record')).toMatchObject({
      status: 'failed',
      message: 'not recorded: a baseline must be known-good, and 1 check did not pass (services.api)'
    })
    expect(broken.baselinePath).toBeUndefined()
    await expect(readFile(join(workspace, 'refused.json'))).rejects.toThrow('ENOENT')
  })

  test('a baseline that cannot be written is an error, never reported as recorded', async () => {
    // A file stands where the baseline's folder would be.
    await writeFile(join(workspace, 'occupied'), 'not a folder')
    const { report, run: blocked } = await validate({
      mode: 'baseline',
      baseline: 'occupied/production.json'
    })
    expect(check(report, 'baseline.record')).toMatchObject({
      status: 'error',
      message: expect.stringMatching(
        /^not recorded: occupied\/production\.json could not be written: .*(EEXIST|ENOTDIR)/
      )
    })
    expect(report.baseline?.recorded).toBeNull()
    // A check that could not be evaluated fails the run, as any does.
    expect(report.status).toBe('failed')
    expect(blocked.baselinePath).toBeUndefined()
  })
})

describe('the monitor window and the burst in a run', () => {
  test('record their checks and sections, and the window adds latency samples', async () => {
    await writeFile(
      join(workspace, 'watched.yml'),
      `version: 1
variables:
  API_URL: { required: true }
services:
  api:
    http: { url: '\${API_URL}/health' }
monitor: { duration: 300ms, interval: 100ms }
baseline:
  latency: { samples: 5 }
  throughput: { rate: 10, duration: 1s }
`
    )
    const { report, run } = await validate({
      config: 'watched.yml',
      mode: 'baseline',
      baseline: 'watched.json'
    })
    expect(report.status).toBe('passed')
    expect(check(report, 'monitor.api')?.status).toBe('passed')
    expect(report.monitor?.services.api).toMatchObject({ failures: 0, error_rate: 0 })
    expect(check(report, 'baseline.throughput.api')?.status).toBe('passed')
    expect(report.baseline?.throughput.api).toMatchObject({ requests: 10, failures: 0 })
    const recorded = JSON.parse(await readFile(run.baselinePath ?? '', 'utf8'))
    const polls = report.monitor?.services.api?.polls ?? 0
    expect(polls).toBeGreaterThan(0)
    expect(recorded.services.api.latency.samples).toHaveLength(5 + polls)
  })
})

describe('metric values in the baseline', () => {
  const MiB = 2 ** 20
  /** The exporter's memory gauge; the test moves it between runs. */
  let memory = 100 * MiB
  /** The share of a host's memory in use, as a Prometheus server answers it. */
  let ratio = 0.4
  let exporter: Awaited<ReturnType<typeof startHttp>>
  let prometheus: Awaited<ReturnType<typeof startHttp>>
  let recording: Report

  beforeAll(async () => {
    exporter = await startHttp((_request, response) => {
      response.writeHead(200).end(`# TYPE app_memory_bytes gauge\napp_memory_bytes ${memory}\n`)
    })
    prometheus = await startHttp((_request, response) => {
      const result = [{ metric: { instance: 'node-a' }, value: [1700000000, String(ratio)] }]
      response
        .writeHead(200)
        .end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }))
    })
    await writeFile(
      join(workspace, 'metered.yml'),
      `version: 1
services:
  app:
    metrics:
      url: ${exporter.url}/metrics
      rules:
        memory: app_memory_bytes < 512MiB
  hosts:
    prometheus:
      url: ${prometheus.url}
      rules:
        memory: { query: host_memory_ratio, warn: '> 70%', fail: '> 80%' }
`
    )
    memory = 100 * MiB
    ;({ report: recording } = await validate({
      config: 'metered.yml',
      mode: 'baseline',
      baseline: 'metered.json'
    }))
  })

  afterAll(async () => {
    await exporter.close()
    await prometheus.close()
  })

  test('records each rule’s value per series, and says how many', async () => {
    expect(check(recording, 'baseline.record')?.message).toMatch(/, 2 metric values$/)
    const text = await readFile(join(workspace, 'metered.json'), 'utf8')
    const parsed = await parseBaselineDocument(text)
    if (!('document' in parsed)) throw new Error(parsed.problem)
    expect(parsed.document.services.app?.metrics).toEqual({
      memory: { expression: 'app_memory_bytes < 512MiB', series: { app_memory_bytes: 100 * MiB } }
    })
    expect(parsed.document.services.hosts?.metrics).toEqual({
      memory: { expression: 'host_memory_ratio', series: { '{instance="node-a"}': 0.4 } }
    })
  })

  test('passes a value that moved within half its room to the fail level, showing the change', async () => {
    memory = 200 * MiB
    const { report } = await validate({ config: 'metered.yml', baseline: 'metered.json' })
    expect(check(report, 'baseline.metrics.app.memory')).toMatchObject({
      status: 'passed',
      line: 7,
      message: 'since the baseline: app_memory_bytes 100 MiB → 200 MiB'
    })
    expect(check(report, 'baseline.metrics.hosts.memory')).toMatchObject({
      status: 'passed',
      message: 'since the baseline: {instance="node-a"} 40% → 40%'
    })
  })

  test('warns when a value used more than half its room to the fail level, while its rule still passes', async () => {
    memory = 400 * MiB
    ratio = 0.65
    const { report } = await validate({ config: 'metered.yml', baseline: 'metered.json' }).finally(() => {
      ratio = 0.4
    })
    expect(check(report, 'metrics.app.memory')?.status).toBe('passed')
    expect(check(report, 'baseline.metrics.app.memory')).toMatchObject({
      status: 'warning',
      message:
        'app_memory_bytes 100 MiB → 400 MiB: more than 50% of the room to the fail level >= 512MiB used since the baseline'
    })
    expect(check(report, 'metrics.hosts.memory')?.status).toBe('passed')
    expect(check(report, 'baseline.metrics.hosts.memory')).toMatchObject({
      status: 'warning',
      message:
        '{instance="node-a"} 40% → 65%: more than 50% of the room to the fail level > 80% used since the baseline'
    })
    expect(report.status).toBe('warning')
  })

  test('reads a baseline recorded before metric values were kept, and says the rule is not in it', async () => {
    const document = JSON.parse(await readFile(join(workspace, 'metered.json'), 'utf8'))
    delete document.services.app.metrics
    await writeFile(join(workspace, 'metered-older.json'), JSON.stringify(document))
    const { report } = await validate({ config: 'metered.yml', baseline: 'metered-older.json' })
    expect(check(report, 'baseline.source')?.status).toBe('passed')
    expect(check(report, 'baseline.metrics.app.memory')).toMatchObject({
      status: 'warning',
      message: 'not in the baseline: its values were not compared'
    })
  })
})
