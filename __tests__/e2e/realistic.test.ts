// The realistic example, run end to end through the bundled action: deploy, readiness, every kind
// of service (HTTP, PostgreSQL, Redis), and a sign-in-then-upload smoke chain.
import { unusedPort } from '../support/loopback.js'
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { runAction } from '../../tools/run-action.mjs'

const DATABASE_URL = 'postgres://postgres:example-pw@127.0.0.1:5432/test'
let apiPid: number | undefined
/** The example expects a documents table; one this test creates is dropped again. */
let created = false

async function sql(text: string) {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  try {
    return await client.query(text)
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  created = (await sql(`SELECT to_regclass('public.documents') AS t`)).rows[0].t === null
  if (created) await sql('CREATE TABLE documents (id serial primary key, title text)')
})

afterAll(async () => {
  if (apiPid) process.kill(apiPid, 'SIGKILL')
  if (created) await sql('DROP TABLE documents')
})

test('the realistic example deploys, becomes ready, passes every check and its smoke chain', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-realistic-'))
  await cp(new URL('../../examples/realistic', import.meta.url), workspace, { recursive: true })
  const { exitCode, outputs, summary } = await runAction({
    cwd: workspace,
    inputs: { config: 'deploy-verify.yml' },
    env: { API_PORT: String(await unusedPort()), DATABASE_URL, SMOKE_PASSWORD: 'example-smoke-pw' }
  })
  apiPid = Number(await readFile(join(workspace, 'api.pid'), 'utf8'))
  const report = JSON.parse(await readFile(outputs['report-path'] ?? '', 'utf8'))

  expect(report.checks.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toEqual([
    'deploy.start-the-api passed',
    'services.api passed',
    'services.worker passed',
    'services.database passed',
    'services.cache passed',
    'smoke.login passed',
    'smoke.upload passed',
    'smoke.clean-up passed'
  ])
  expect(exitCode).toBe(0)
  expect(outputs.status).toBe('passed')
  expect(summary).toContain('<details><summary>✅ 8 checks passed</summary>')
  expect(summary).toContain('`smoke.clean-up`')
  expect(JSON.stringify(report)).not.toContain('example-pw')
})
