// Deploy, readiness and smoke tests through the bundled action, as the runner runs it: a deploy
// step starts a real API in the background that answers only after a delay, the service is polled
// until it is ready, and a smoke chain signs in, captures the token and uses it.
import { unusedPort } from '../support/loopback.js'
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runAction } from '../../tools/run-action.mjs'
import { reportSchemaErrors } from '../support/report-schema.js'

const FIXTURES = fileURLToPath(new URL('../../examples/realistic', import.meta.url))
const SMOKE_PASSWORD = 'smoke-Pa55-e2e'
const started: number[] = []

afterAll(() => {
  for (const pid of started) killQuietly(pid)
})

function killQuietly(pid: number) {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

/** Running, as opposed to gone or a zombie waiting to be reaped by whoever adopted it. */
function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0]
    return state !== undefined && state !== 'Z'
  } catch {
    return false
  }
}

const PREAMBLE = `version: 1
environment: preview
variables:
  API_PORT: { required: true }
  SMOKE_PASSWORD: { required: true, secret: true }
  FIXTURES: { required: true }
defaults:
  timeout: 2s
  retry: { attempts: 3, initial_delay: 100ms, max_delay: 500ms }
  startup_budget: 60s
`

const SERVICES_AND_SMOKE = `services:
  api:
    http: { url: "http://127.0.0.1:\${API_PORT}/health", expect: { json: { $.status: ok } } }
smoke:
  - name: Sign in
    id: login
    http:
      method: POST
      url: http://127.0.0.1:\${API_PORT}/auth/login
      json: { user: smoke, password: "\${SMOKE_PASSWORD}" }
      expect: { status: 200 }
      capture: { token: $.token }
  - name: Upload
    http:
      method: POST
      url: http://127.0.0.1:\${API_PORT}/documents
      headers: { authorization: "Bearer \${steps.login.token}" }
      json: { title: hello }
      expect: { status: 201 }
`

async function run(deploy: string) {
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-deploy-'))
  await writeFile(join(workspace, 'env.yml'), `${PREAMBLE}${deploy}${SERVICES_AND_SMOKE}`)
  const port = await unusedPort()
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'env.yml' },
    env: { API_PORT: String(port), SMOKE_PASSWORD, FIXTURES }
  })
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  // Every report these runs write is what the shipped schema describes.
  expect(reportSchemaErrors(report)).toEqual([])
  return { ...result, report, workspace }
}

test('a deployed API that starts slowly is polled until ready, then a smoke chain signs in and uploads', async () => {
  const { exitCode, outputs, report, log, summary, workspace } = await run(`deploy:
  - name: Start API
    run: node "\${FIXTURES}/api.mjs" "\${API_PORT}" 1500 api.pid > api.log 2>&1 &
`)
  started.push(Number(await readFile(join(workspace, 'api.pid'), 'utf8')))

  expect(exitCode).toBe(0)
  expect(outputs.status).toBe('passed')
  expect(report.deploy).toMatchObject({
    failed_step: null,
    steps: { 'start-api': { status: 'passed', exit_code: 0 } }
  })
  expect(report.services.api.status).toBe('passed')
  expect(report.services.api.message).toMatch(/ready after \d+ startup polls/)
  expect(report.smoke_tests).toMatchObject({
    login: { name: 'Sign in', status: 'passed', captured: ['token'] },
    upload: { name: 'Upload', status: 'passed' }
  })
  expect(report.checks.map((c: { id: string }) => c.id)).toEqual([
    'deploy.start-api',
    'services.api',
    'smoke.login',
    'smoke.upload'
  ])
  // Passing steps are folded away in the order they ran.
  expect(summary).toContain('<details><summary>✅ 4 checks passed</summary>')
  expect(summary.indexOf('`deploy.start-api`')).toBeLessThan(summary.indexOf('`smoke.login`'))

  // The token was obtained with a secret password, so it is a secret too.
  const token = /issued (\S+)/.exec(await readFile(join(workspace, 'api.log'), 'utf8'))?.[1]
  expect(token).toBeDefined()
  for (const text of [log, summary, JSON.stringify(report)]) {
    const shown = text
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    expect(shown).not.toContain(token)
    expect(shown).not.toContain(SMOKE_PASSWORD)
  }
})

test('a deploy step that exits 3 fails the run before anything is judged, naming the step and its output', async () => {
  const { exitCode, outputs, report, summary, log } = await run(`deploy:
  - name: Migrate database
    run: |
      echo "applying 0042_add_embeddings"
      echo "column documents.embedding is missing" >&2
      exit 3
  - name: Start API
    run: echo never
`)

  expect(exitCode).toBe(1)
  expect(outputs.status).toBe('failed')
  expect(outputs['rollback-required']).toBe('true')
  expect(JSON.parse(outputs['failed-checks'] ?? '')).toEqual(['deploy.migrate-database'])
  expect(report.deploy.failed_step).toBe('migrate-database')
  expect(report.deploy.steps['migrate-database']).toMatchObject({
    name: 'Migrate database',
    status: 'failed',
    exit_code: 3,
    timed_out: false
  })
  expect(report.deploy.steps['migrate-database'].output_tail).toEqual(
    expect.arrayContaining(['applying 0042_add_embeddings', 'column documents.embedding is missing'])
  )
  expect(report.deploy.steps['start-api'].status).toBe('skipped')
  const judged = report.checks.filter((c: { status: string }) => c.status !== 'skipped')
  expect(judged.map((c: { id: string }) => c.id)).toEqual(['deploy.migrate-database'])
  expect(report.services.api.message).toBe('skipped: the deploy failed')
  expect(summary).toContain('column documents.embedding is missing')
  // The step's output streamed into its own folded group of the log.
  expect(log).toMatch(/::group::Deploy: Migrate database\napplying 0042_add_embeddings\n/)
})

test('a deploy step that hangs is killed at its timeout with every process it started', async () => {
  const startedAt = Date.now()
  const { exitCode, report, workspace } = await run(`deploy:
  - name: Hang
    run: sleep 300 & echo $! > child.pid; sleep 300
    timeout: 2s
`)
  // Generous: the point is that the action did not wait for the 300 s sleeps.
  expect(Date.now() - startedAt).toBeLessThan(60_000)
  expect(exitCode).toBe(1)
  expect(report.deploy.steps.hang).toMatchObject({ status: 'failed', timed_out: true, exit_code: null })
  expect(report.deploy.steps.hang.message).toContain('timed out after 2000 ms')

  const child = Number(await readFile(join(workspace, 'child.pid'), 'utf8'))
  started.push(child)
  for (let i = 0; i < 100 && alive(child); i++) await new Promise(resolve => setTimeout(resolve, 50))
  expect(alive(child)).toBe(false)
})
