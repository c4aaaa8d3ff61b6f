// One validation run through the engine, as the action and the CLI use it, against a real Redis
// and a real loopback HTTP server, with a clock whose sleeps return at once.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ValidationRun } from '../src/engine.js'
import type { Logger } from '../src/log.js'
import type { Clock } from '../src/phases/context.js'
import { eventually } from './support/loopback.js'
import { fromInputs } from './support/run-request.js'

const instantClock: Clock = { now: () => 0, sleep: async () => undefined, random: () => 0.5 }

function recordingLogger() {
  const lines: string[] = []
  const masked: string[] = []
  const logger: Logger = {
    info: m => lines.push(m),
    warning: m => lines.push(m),
    error: m => lines.push(m),
    debug: m => lines.push(m),
    group: (_name, fn) => fn(),
    mask: value => masked.push(value)
  }
  return { logger, lines, masked }
}

let server: Server
let url: string
/** Answers the request to /slow, which waits until the test calls it. */
let release: () => void = () => undefined
let slowArrived: Promise<void>
let announceSlow: () => void = () => undefined
beforeEach(() => {
  slowArrived = new Promise(resolve => (announceSlow = resolve))
})

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url !== '/slow') return response.writeHead(200).end()
    release = () => response.writeHead(200).end()
    announceSlow()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

async function workspace(config: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-verify-engine-'))
  await writeFile(join(dir, 'env.yml'), config)
  return dir
}

function validation(dir: string, env: Record<string, string>, inputs: Record<string, string> = {}) {
  const recording = recordingLogger()
  const run = new ValidationRun({
    ...fromInputs({ config: 'env.yml', ...inputs }, env),
    env,
    workspace: dir,
    logger: recording.logger,
    clock: instantClock
  })
  return { run, ...recording }
}

const CONFIG = `version: 1
variables:
  API_TOKEN: { required: true, secret: true }
services:
  api:
    http: { url: "\${URL}/slow", headers: { authorization: "Bearer \${API_TOKEN}" } }
  cache:
    tcp: { host: 127.0.0.1, port: 6379 }
`

test('a secret is masked in the host log, and reaches neither the log lines nor the report', async () => {
  const dir = await workspace(CONFIG.replace('variables:', 'variables:\n  URL: {}').replace('/slow', '/ok'))
  const { run, masked, lines } = validation(dir, { API_TOKEN: 'tok-123456', URL: url })
  const report = await run.execute()
  expect(masked).toContain('tok-123456')
  expect(JSON.stringify(report)).not.toContain('tok-123456')
  expect(lines.join('\n')).not.toContain('tok-123456')
  expect(report.status).toBe('passed')
})

test('a snapshot taken before the run ends is a complete report that says it was interrupted', async () => {
  const dir = await workspace(CONFIG.replace('variables:', 'variables:\n  URL: {}'))
  const { run } = validation(dir, { API_TOKEN: 'tok-123456', URL: url })
  const done = run.execute()
  // The api request is held by the server; wait until the cache check has been recorded too.
  await slowArrived
  expect(await eventually(() => run.snapshot().checks.length > 0, 15_000)).toBe(true)
  const partial = run.snapshot('the job was cancelled')
  release()
  await done
  expect(partial.status).toBe('error')
  expect(partial.errors).toEqual([{ message: 'the job was cancelled' }])
  expect(partial.checks.map(c => c.id)).toEqual(['services.cache'])
  expect(partial.deployment_id).toBe(run.deploymentId)
})

test('two runs in one process: the one that ends closes only its own HTTP connections', async () => {
  const http = (path: string) =>
    `version: 1\nvariables:\n  URL: {}\nservices:\n  api:\n    http: { url: "\${URL}${path}" }\n`
  const waiting = validation(await workspace(http('/slow')), { URL: url }).run
  const ending = validation(await workspace(http('/ok')), { URL: url }).run
  const waited = waiting.execute()
  await slowArrived
  // Were the pools shared, closing them would wait for the other run's held request: this would hang.
  expect((await ending.execute()).status).toBe('passed')
  release()
  expect((await waited).services.api?.status).toBe('passed')
})

test('a cancelled run records the check in flight as not evaluated, keeps what finished, and counts nothing after', async () => {
  const dir = await workspace(CONFIG.replace('variables:', 'variables:\n  URL: {}'))
  const { run } = validation(dir, { API_TOKEN: 'tok-123456', URL: url })
  const done = run.execute()
  await slowArrived
  expect(await eventually(() => run.snapshot().checks.length > 0, 15_000)).toBe(true)
  const report = await run.cancel('the run was cancelled (SIGTERM)', 10_000)

  expect(run.cancelled).toBe(true)
  expect(report.status).toBe('error')
  expect(report.errors).toEqual([{ message: 'the run was cancelled (SIGTERM) before it finished' }])
  expect(report.services.cache?.status).toBe('passed')
  // The request was cut off by the cancellation: that is no finding about the api.
  expect(report.services.api).toMatchObject({
    status: 'error',
    message: 'not evaluated: the run was cancelled (SIGTERM) while it was running'
  })
  expect((await done).services).toEqual(report.services)
})

test('invalid inputs are an error naming each input, with no YAML line to point at', async () => {
  const dir = await workspace(CONFIG)
  const { run } = validation(dir, {}, { 'fail-on': 'sometimes' })
  const report = await run.execute()
  expect(report.status).toBe('error')
  expect(report.errors).toEqual([
    { message: "input fail-on: 'sometimes' is not one of failure, warning, never" }
  ])
  expect(run.inputs.failOn).toBe('failure')
})

test('an unexpected exception is an error report that says what broke', async () => {
  const dir = await workspace(CONFIG)
  const { run } = validation(dir, {}, {})
  // A getter that breaks after the inputs were read stands in for a bug anywhere in the run.
  Object.defineProperty(run, 'workingDirectory', {
    get: () => {
      throw new Error('disk vanished')
    }
  })
  const report = await run.execute()
  expect(report.status).toBe('error')
  expect(report.errors).toEqual([{ message: 'deploy-verify failed unexpectedly: disk vanished' }])
})

test('a missing environment file is an error that says which file', async () => {
  const dir = await workspace(CONFIG)
  const { run } = validation(dir, {}, { config: 'production.yml' })
  const report = await run.execute()
  expect(report.status).toBe('error')
  expect(report.errors[0]?.message).toContain('production.yml')
  expect(run.reportPath).toBe(join(dir, 'deploy-verify-report.json'))
})
