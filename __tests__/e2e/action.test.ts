// The bundled action, run as the GitHub runner runs it: a child process under the Node major that
// action.yml declares, with INPUT_* variables and the runner's files. Real HTTP server, real
// PostgreSQL, real Redis.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { runAction } from '../../tools/run-action.mjs'
import { reportSchemaErrors } from '../support/report-schema.js'

const SECRET_PASSWORD = 's3cr3t-Pa55word'
// The test server trusts loopback, so any password connects; it must still never be printed.
const DATABASE_URL = `postgres://postgres:${SECRET_PASSWORD}@127.0.0.1:5432/test`

let server: Server
let apiUrl: string

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ status: 'ok' }))
    } else if (request.url === '/hang') {
      // Never answers: the run is cancelled while waiting for it.
    } else {
      response.writeHead(503, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ status: 'down' }))
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

const ENVIRONMENT = (healthPath: string) => `version: 1
environment: staging
variables:
  API_URL: { required: true }
  DATABASE_URL: { required: true, secret: true }
defaults:
  timeout: 5s
  retry: { attempts: 2, initial_delay: 10ms, max_delay: 20ms }
services:
  api:
    depends_on: [database]
    http:
      url: \${API_URL}${healthPath}
      expect: { status: 200, json: { $.status: ok } }
  database:
    critical: true
    postgres:
      url: \${DATABASE_URL}
      extensions: [plpgsql]
  cache:
    tcp: { host: 127.0.0.1, port: 6379, send: "PING\\r\\n", expect: { response: { contains: PONG } } }
report:
  formats: [junit, prometheus]
`

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-verify-e2e-'))
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}

async function runIn(workspace: string, inputs: Record<string, string> = {}) {
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'env.yml', ...inputs },
    env: { API_URL: apiUrl, DATABASE_URL }
  })
  const report = JSON.parse(await readFile(result.outputs['report-path'] ?? '', 'utf8'))
  return { ...result, report }
}

/** The runner consumes `::add-mask::` commands; everything else it shows or keeps must be clean. */
function expectNoSecret(...texts: string[]) {
  for (const text of texts) {
    const shown = text
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    expect(shown).not.toContain(SECRET_PASSWORD)
  }
}

test('runs under the Node major that action.yml declares', async () => {
  const action = parse(await readFile(new URL('../../action.yml', import.meta.url), 'utf8'))
  expect(action.runs.using).toBe(`node${process.versions.node.split('.')[0]}`)
})

test('the bundle has no module that failed to bundle', async () => {
  const bundle = await readFile(new URL('../../dist/index.js', import.meta.url), 'utf8')
  expect(bundle).not.toContain('webpackMissingModule')
})

test('a healthy environment passes, sets every output and writes a valid report', async () => {
  const { exitCode, outputs, summary, report, log } = await runIn(
    await workspaceWith({ 'env.yml': ENVIRONMENT('/health') })
  )

  expect(exitCode).toBe(0)
  expect(outputs).toMatchObject({
    status: 'passed',
    'failed-checks': '[]',
    'rollback-required': 'false',
    'check-run-id': '',
    'artifact-id': '',
    'baseline-path': ''
  })
  expect(outputs['deployment-id']).toMatch(/^deploy_\d{8}_\d{6}$/)
  expect(outputs['duration-seconds']).toBe(String(report.duration_seconds))
  expect(report.duration_seconds).toBeGreaterThan(0)
  expect(outputs.summary).toBe(report.summary)

  expect(report.deployment_id).toBe(outputs['deployment-id'])
  expect(report.environment).toBe('staging')
  // Listed as the file declares them, although api (which waits for database) finishes last.
  expect(Object.keys(report.services)).toEqual(['api', 'database', 'cache'])
  expect(report.services.api).toMatchObject({ status: 'passed', health_check_url: `${apiUrl}/health` })
  expect(report.checks.map((c: { id: string }) => c.id)).toEqual([
    'services.api',
    'services.database',
    'services.cache'
  ])
  expect(report.checks.find((c: { id: string }) => c.id === 'services.api')).toMatchObject({
    file: 'env.yml',
    line: 10
  })
  expect(report.git).toMatchObject({ repository: 'acme/shop', run_id: '4242' })
  expect(reportSchemaErrors(report)).toEqual([])

  expect(summary).toContain('passed')
  expect(summary).toContain('services.api')
  // Named from the workspace: the runner's absolute paths mean nothing to a reader on GitHub.
  expect(summary).toContain('Full report: `deploy-verify-report.json`')
  // The requested formats are written beside the JSON report.
  const beside = (extension: string) =>
    readFile(outputs['report-path']!.replace(/\.json$/, extension), 'utf8')
  expect(await beside('.xml')).toContain('<testsuite name="services" tests="3" failures="0"')
  expect(await beside('.prom')).toContain('deploy_verify_run_status{environment="staging",status="passed"} 1')
  expectNoSecret(log, summary, JSON.stringify(report), JSON.stringify(outputs))
})

test('a failing service fails the job, names the check and requires a rollback', async () => {
  const { exitCode, outputs, summary, report, log } = await runIn(
    await workspaceWith({ 'env.yml': ENVIRONMENT('/down') })
  )

  expect(exitCode).toBe(1)
  expect(outputs.status).toBe('failed')
  expect(outputs['rollback-required']).toBe('true')
  expect(JSON.parse(outputs['failed-checks'] ?? '')).toEqual(['services.api'])
  expect(report.services.api.status).toBe('failed')
  expect(report.services.api.attempts).toBe(2)
  expect(report.services.api.message).toContain('503')
  expect(log).toContain('::error file=env.yml,line=10')
  // The failure comes before the passes in the summary.
  expect(summary.indexOf('services.api')).toBeLessThan(summary.indexOf('services.database'))
  expect(reportSchemaErrors(report)).toEqual([])
  expectNoSecret(log, summary, JSON.stringify(report), JSON.stringify(outputs))
})

test('fail-on never reports a failure without failing the job', async () => {
  const { exitCode, outputs } = await runIn(await workspaceWith({ 'env.yml': ENVIRONMENT('/down') }), {
    'fail-on': 'never'
  })
  expect(exitCode).toBe(0)
  expect(outputs.status).toBe('failed')
})

test('a broken configuration is an error that lists every problem with its line', async () => {
  const broken = `version: 1
variables:
  DATABASE_URL: { required: true, secret: true }
defaults:
  timout: 5s
services:
  api:
    http:
      url: \${API_URL}/health
  database:
    depends_on: [ghost]
    timeout: 10 seconds
    postgres: { url: "\${DATABASE_URL}" }
  cache:
    tcp: { host: 127.0.0.1, port: six }
`
  const { exitCode, outputs, summary, report, log } = await runIn(await workspaceWith({ 'env.yml': broken }))

  expect(exitCode).toBe(1)
  expect(outputs.status).toBe('error')
  expect(outputs['rollback-required']).toBe('false')
  const lines = report.errors.map((e: { file: string; line: number }) => `${e.file}:${e.line}`)
  // Five different mistakes, one run: unknown key, undeclared variable, unknown dependency,
  // bad duration, bad port.
  expect(lines).toEqual(['env.yml:5', 'env.yml:9', 'env.yml:11', 'env.yml:12', 'env.yml:15'])
  expect(summary).toContain('env.yml:5')
  expect(log).toContain("did you mean 'timeout'")
  expect(reportSchemaErrors(report)).toEqual([])
  expectNoSecret(log, summary, JSON.stringify(report))
})

test('a cancelled run still leaves its report and outputs', async () => {
  const workspace = await workspaceWith({
    'env.yml': ENVIRONMENT('/hang').replace('timeout: 5s', 'timeout: 60s')
  })
  const child = runAction({
    cwd: workspace,
    inputs: { config: 'env.yml' },
    env: { API_URL: apiUrl, DATABASE_URL },
    onOutput: (text, process) => {
      // The database passed, so the api is being probed: the runner cancels the job now.
      if (text.includes('services.database: passed')) process.kill('SIGTERM')
    }
  })
  const result = await child
  expect(result.exitCode).toBe(1)
  expect(result.outputs.status).toBe('error')
  const report = JSON.parse(await readFile(result.outputs['report-path'] ?? '', 'utf8'))
  expect(report.errors[0].message).toContain('cancelled')
  expect(report.services.database.status).toBe('passed')
})

test('with a working directory, annotations still point at the file from the repository root', async () => {
  const workspace = await workspaceWith({})
  await mkdir(join(workspace, 'infra'))
  await writeFile(join(workspace, 'infra', 'env.yml'), ENVIRONMENT('/down'))
  const { exitCode, log, report } = await runIn(workspace, { 'working-directory': 'infra' })
  expect(exitCode).toBe(1)
  // The report speaks from the working directory; GitHub needs the path from the root.
  expect(report.checks.find((c: { id: string }) => c.id === 'services.api').file).toBe('env.yml')
  expect(log).toContain('::error file=infra/env.yml,line=10')
})
