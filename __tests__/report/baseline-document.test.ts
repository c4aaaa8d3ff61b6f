// The baseline document: what a baseline run writes, and what a verify run accepts back.
import type { EnvironmentConfig } from '../../src/config/model.js'
import { percentiles } from '../../src/judge/latency-regression.js'
import {
  BASELINE_VERSION,
  buildBaselineDocument,
  parseBaselineDocument,
  type RecordedState
} from '../../src/report/baseline-document.js'
import { cleanup, load } from '../config/helpers.js'

afterAll(cleanup)

const git = {
  sha: '3f1c2a9e8b7d6c5b4a39281706f5e4d3c2b1a098',
  ref: 'refs/heads/main',
  repository: 'acme/shop',
  run_id: '99',
  run_url: 'https://github.com/acme/shop/actions/runs/99',
  pull_request: null
}
const schema = {
  extensions: { vector: '0.8.0' },
  tables: { 'public.documents': { id: 'integer', embedding: 'vector(3)' } },
  indexes: {},
  constraints: {},
  migration: '20260301_add_embeddings'
}

let config: EnvironmentConfig
beforeAll(async () => {
  config = await load({
    'env.yml':
      'version: 1\nenvironment: production\nservices:\n  api:\n    http: { url: "http://127.0.0.1:8080/health" }\n'
  })
})

function state(overrides: Partial<RecordedState> = {}): RecordedState {
  return {
    config,
    deploymentId: 'deploy_20260314_092653',
    recordedAt: new Date('2026-03-14T09:26:53.120Z'),
    git,
    services: [
      {
        name: 'api',
        kind: 'http',
        target: 'http://127.0.0.1:8080/health',
        samples: [12.3456789, 10, 11.0004]
      }
    ],
    schemas: { database: schema },
    runner: {
      loopback_ms: 0.1234567,
      all_cores_task_ms: 9.0000001,
      run_queue_factor: 1.23456,
      measurements: 5
    },
    ...overrides
  }
}

describe('a recorded baseline', () => {
  test('holds the run, the environment as read, each service with its samples to the microsecond, the runner and the schemas', () => {
    const kept = [12.346, 10, 11]
    expect(buildBaselineDocument(state())).toEqual({
      baseline_version: BASELINE_VERSION,
      environment: 'production',
      recorded_at: '2026-03-14T09:26:53.120Z',
      deployment_id: 'deploy_20260314_092653',
      git,
      config: { files: config.files, document: config.resolved.value },
      services: {
        api: {
          kind: 'http',
          target: 'http://127.0.0.1:8080/health',
          latency: { samples: kept, percentiles: percentiles(kept) }
        }
      },
      runner: { loopback_ms: 0.123, all_cores_task_ms: 9, run_queue_factor: 1.235, measurements: 5 },
      schemas: { database: schema }
    })
  })

  test("keeps a copy of the environment, not the run's own object", () => {
    const document = buildBaselineDocument(state())
    expect(document.config.document).not.toBe(config.resolved.value)
    expect(document.config.document).toEqual(config.resolved.value)
  })

  test('has no runner when its pace was not measured', () => {
    expect(buildBaselineDocument(state({ runner: undefined }))).not.toHaveProperty('runner')
  })

  test('leaves out a runner figure the system did not tell (the wait for a core off Linux)', async () => {
    const document = buildBaselineDocument(
      state({ runner: { loopback_ms: 0.2, all_cores_task_ms: 9, measurements: 5 } })
    )
    expect(document.runner).toEqual({ loopback_ms: 0.2, all_cores_task_ms: 9, measurements: 5 })
    expect(await parseBaselineDocument(JSON.stringify(document))).toEqual({ document })
  })

  test.each([
    ['the 1 ms CPU task', { loopback_ms: 0.2, cpu_ms: 1.3, measurements: 5 }],
    [
      'the CPU task on one thread',
      { loopback_ms: 0.2, cpu_task_ms: 9.7, run_queue_factor: 1.2, measurements: 5 }
    ]
  ])('recorded with %s, is still read', async (_, runner) => {
    const older = { ...buildBaselineDocument(state()), runner }
    expect(await parseBaselineDocument(JSON.stringify(older))).toEqual({ document: older })
  })

  test('is read back as it was written', async () => {
    const document = buildBaselineDocument(state())
    expect(await parseBaselineDocument(JSON.stringify(document))).toEqual({ document })
  })
})

describe('a file that is not a baseline this version compares with', () => {
  test('is not JSON', async () => {
    const parsed = await parseBaselineDocument('{"baseline_version": ')
    expect('problem' in parsed && parsed.problem).toMatch(/^it is not JSON \(.+\)$/)
  })

  test('is of an older version, which must be recorded again', async () => {
    expect(
      await parseBaselineDocument(JSON.stringify({ ...buildBaselineDocument(state()), baseline_version: 1 }))
    ).toEqual({
      problem: `it is baseline version 1, which this version of deploy-verify no longer reads (it reads version ${BASELINE_VERSION}): record the baseline again with mode: baseline`
    })
  })

  test('is of a newer or unknown version', async () => {
    const document = buildBaselineDocument(state())
    expect(
      await parseBaselineDocument(JSON.stringify({ ...document, baseline_version: BASELINE_VERSION + 1 }))
    ).toEqual({
      problem: `it is baseline version ${BASELINE_VERSION + 1}; this version of deploy-verify reads version ${BASELINE_VERSION}`
    })
    expect(await parseBaselineDocument(JSON.stringify({ ...document, baseline_version: null }))).toEqual({
      problem: `it is baseline version null; this version of deploy-verify reads version ${BASELINE_VERSION}`
    })
    expect(await parseBaselineDocument(JSON.stringify({ ...document, baseline_version: 'two' }))).toEqual({
      problem: `it is baseline version two; this version of deploy-verify reads version ${BASELINE_VERSION}`
    })
  })

  test('does not match the schema: the first problem says where', async () => {
    const { environment: _environment, ...document } = buildBaselineDocument(state())
    expect(await parseBaselineDocument(JSON.stringify(document))).toEqual({
      problem: "it is not a deploy-verify baseline: the document must have required property 'environment'"
    })
    const wrongKind = buildBaselineDocument(state())
    Object.assign(wrongKind.services.api ?? {}, { latency: 'fast' })
    expect(await parseBaselineDocument(JSON.stringify(wrongKind))).toEqual({
      problem: 'it is not a deploy-verify baseline: /services/api/latency must be object'
    })
    expect(await parseBaselineDocument('null')).toEqual({
      problem: 'it is not a deploy-verify baseline: the document must be object'
    })
  })
})
