// Through the bundled action: what a smoke step captures with a secret in its request is not masked
// unless it is a credential, so the run's own facts (deployment id, counts, times, the report) stay
// readable, and the report written is the one its schema describes.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { reportSchemaErrors } from '../support/report-schema.js'
import { startHttp } from '../support/loopback.js'

const TOKEN = 'sent-bearer-Tok3n-e2e'
const ISSUED = 'issued-session-9f8e7d'

let api: Awaited<ReturnType<typeof startHttp>>

beforeAll(async () => {
  api = await startHttp((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    if (request.url === '/items') response.end(JSON.stringify({ id: 1, ok: true, session: ISSUED }))
    else response.end(JSON.stringify({ status: 'ok' }))
  })
})

afterAll(() => api.close())

async function run(config: string) {
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-trust-'))
  await writeFile(join(workspace, 'env.yml'), config)
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'env.yml' },
    env: { API: api.url, API_TOKEN: TOKEN }
  })
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  return { ...result, report }
}

test('a step that sends a Bearer token and captures {"id": 1} masks the token and the session, never the 1', async () => {
  const { exitCode, log, outputs, summary, report } = await run(`version: 1
environment: preview
variables:
  API: { required: true }
  API_TOKEN: { required: true, secret: true }
services:
  api:
    http: { url: "\${API}/health" }
smoke:
  - name: Create item
    id: create
    http:
      method: POST
      url: "\${API}/items"
      headers: { authorization: "Bearer \${API_TOKEN}" }
      capture: { id: $.id, ok: $.ok, session: $.session }
  - name: Read item
    http: { url: "\${API}/items?id=\${steps.create.id}" }
`)
  expect(exitCode).toBe(0)
  expect(outputs.status).toBe('passed')
  // The runner masks a registered value everywhere: only the token and the session are registered.
  const masked = [...log.matchAll(/::add-mask::(.*)/g)].map(match => match[1])
  expect(masked).toEqual(expect.arrayContaining([TOKEN, ISSUED]))
  expect(masked).not.toContain('1')
  expect(masked).not.toContain('true')
  expect(masked.every(value => value !== undefined && value.length >= 6)).toBe(true)

  expect(outputs['deployment-id']).toMatch(/^deploy_\d{8}_\d{6}/)
  expect(report.deployment_id).toBe(outputs['deployment-id'])
  expect(reportSchemaErrors(report)).toEqual([])
  expect(report.smoke_tests.create).toMatchObject({ status: 'passed', captured: ['id', 'ok', 'session'] })
  expect(summary).not.toContain('***')
  expect(summary).toContain(outputs['deployment-id'])
  const logged = log.replace(/::add-mask::.*/g, '')
  for (const text of [logged, summary, JSON.stringify(report)]) {
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain(ISSUED)
  }
})

test('secret: true on a capture masks what its name would not, and warns of a value too short to mask', async () => {
  const { log } = await run(`version: 1
environment: preview
variables:
  API: { required: true }
services:
  api:
    http: { url: "\${API}/health" }
smoke:
  - name: Create item
    id: create
    http:
      url: "\${API}/items"
      capture: { handle: { from: $.session, secret: true }, id: { from: $.id, secret: true } }
`)
  const masked = [...log.matchAll(/::add-mask::(.*)/g)].map(match => match[1])
  expect(masked).toContain(ISSUED)
  // Too short to mask, whatever the capture says: masking it would hide every 1 in the job's log.
  expect(masked).not.toContain('1')
  expect(log).toContain('::warning::1 secret value not masked: under 6 characters')
})
