// The smoke phase against a real loopback HTTP server and real commands; the clock's sleeps
// return at once.
import { httpSpec } from '../support/specs.js'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Capture, SmokeStep } from '../../src/config/model.js'
import { isSecretCapture } from '../../src/config/steps.js'
import { quietLogger } from '../support/logger.js'
import { runSmoke } from '../../src/phases/smoke.js'
import { checkResult, type CheckResult } from '../../src/model/check.js'

let server: Server
let base: string
const seen: Array<{ url?: string; authorization?: string }> = []
/** What a hostile server answers as a token: script syntax of every kind. */
const HOSTILE = `$(touch pwned)\`touch pwned\`'; touch pwned; '"\ntouch pwned`
const scratch = mkdtempSync(join(tmpdir(), 'dv-smoke-'))

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ url: request.url, authorization: request.headers.authorization })
    if (request.url === '/login') {
      response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req-7' })
      return response.end(JSON.stringify({ token: 'tok-abc', user: { id: 1 }, region: 'eu-west-1' }))
    }
    if (request.url === '/hostile') {
      response.writeHead(200, { 'content-type': 'application/json' })
      return response.end(JSON.stringify({ token: HOSTILE }))
    }
    if (request.url === '/upload') {
      return response.writeHead(request.headers.authorization === 'Bearer tok-abc' ? 201 : 401).end()
    }
    response.writeHead(500).end()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true })
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

beforeEach(() => {
  seen.length = 0
})

function http(
  id: string,
  path: string,
  extra: Record<string, unknown> = {},
  options: Partial<SmokeStep> = {}
): SmokeStep {
  return {
    id,
    name: id,
    timeoutMs: 5000,
    retries: 0,
    retryDelayMs: 10,
    always: false,
    critical: false,
    source: { file: 'env.yml', line: 1, column: 1 },
    check: { ...httpSpec(`${base}${path}`), ...extra, capture: captures(extra.capture) },
    ...options
  }
}

/** Captures as the config reads them: `name: $.path` is a secret when its name or path names a credential. */
function captures(written: unknown): Record<string, Capture> {
  return Object.fromEntries(
    Object.entries((written ?? {}) as Record<string, string | Capture>).map(([name, from]) => [
      name,
      typeof from === 'string' ? { from, secret: isSecretCapture(name, from) } : from
    ])
  )
}

function command(id: string, run: string, options: Partial<SmokeStep> = {}): SmokeStep {
  return {
    ...http(id, '/'),
    check: { kind: 'command', run, env: {}, expect: { exitCode: 0 } },
    ...options
  }
}

async function run(steps: SmokeStep[], secrets: string[] = []) {
  const results: CheckResult[] = []
  const known = [...secrets]
  await runSmoke(steps, {
    logger: quietLogger,
    clock: { now: () => 0, sleep: async () => undefined, random: () => 0 },
    exports: {},
    record: check => void results.push(checkResult(check)),
    addSecrets: values => void known.push(...values)
  })
  return { results, byId: new Map(results.map(r => [r.id, r])), known }
}

test('a step uses what an earlier step captured, from the body or a header', async () => {
  const { byId } = await run([
    http('login', '/login', { capture: { token: '$.token', request: 'header:x-request-id' } }),
    http('upload', '/upload', { headers: { authorization: 'Bearer ${steps.login.token}' } })
  ])
  expect(byId.get('smoke.login')).toMatchObject({
    status: 'passed',
    details: { captured: ['token', 'request'] }
  })
  expect(byId.get('smoke.upload')?.status).toBe('passed')
  expect(seen.at(-1)?.authorization).toBe('Bearer tok-abc')
})

test('a run step reads a captured value as data from STEPS_<ID>_<NAME>, and its env: from ${steps.<id>.<name>}', async () => {
  const directory = mkdtempSync(join(scratch, 'captured-'))
  const script = `printf '%s' "\${STEPS_LOGIN_TOKEN}" > script.txt; printf '%s' "$TOKEN" > env.txt`
  const use = command('use', script, {
    check: {
      kind: 'command',
      run: script,
      env: { TOKEN: '${steps.login.token}' },
      workingDirectory: directory,
      expect: { exitCode: 0 }
    }
  })
  const { byId } = await run([http('login', '/hostile', { capture: { token: '$.token' } }), use])
  expect(byId.get('smoke.use')?.status).toBe('passed')
  expect(readFileSync(join(directory, 'script.txt'), 'utf8')).toBe(HOSTILE)
  expect(readFileSync(join(directory, 'env.txt'), 'utf8')).toBe(HOSTILE)
  expect(existsSync(join(directory, 'pwned'))).toBe(false)
})

test('an always run step that needs STEPS_<ID>_<NAME> its failed predecessor never captured is an error naming it', async () => {
  const { byId } = await run([
    http('login', '/nowhere', { capture: { token: '$.token' } }),
    command('logout', 'echo "${STEPS_LOGIN_TOKEN}" "${STEPS_LOGIN_OPTIONAL:-}"', { always: true })
  ])
  expect(byId.get('smoke.logout')).toMatchObject({
    status: 'error',
    message: 'could not resolve ${STEPS_LOGIN_TOKEN}: the step that captures it did not pass'
  })
})

test('a captured value is a secret when its name or source names a credential, or it says secret: true', async () => {
  const { known } = await run([
    http('login', '/login', {
      headers: { authorization: 'Bearer sent-token-1' },
      capture: {
        token: '$.token',
        request: 'header:x-request-id',
        user: '$.user.id',
        region: '$.region',
        home: { from: '$.region', secret: true }
      }
    })
  ])
  expect(known).toEqual(['tok-abc', 'eu-west-1'])
})

test('after a failed step the rest are skipped, except always steps, which still run', async () => {
  const { results } = await run([
    http('broken', '/nowhere'),
    http('login', '/login'),
    command('cleanup', 'echo cleaned', { always: true })
  ])
  expect(results.map(r => [r.id, r.status])).toEqual([
    ['smoke.broken', 'failed'],
    ['smoke.login', 'skipped'],
    ['smoke.cleanup', 'passed']
  ])
  expect(results[0]?.message).toBe('expected status 2xx, got 500 (gave up after 1 attempt)')
  expect(results[1]?.message).toBe('skipped: smoke step broken failed')
})

test('an always step that needs a value its failed predecessor never captured is an error naming it', async () => {
  const { byId } = await run([
    http('login', '/nowhere', { capture: { token: '$.token' } }),
    http('logout', '/upload', { headers: { authorization: 'Bearer ${steps.login.token}' } }, { always: true })
  ])
  expect(byId.get('smoke.logout')).toMatchObject({
    status: 'error',
    message: 'could not resolve ${steps.login.token}: the step that captures it did not pass'
  })
})

test('a step whose response lacks a value to capture fails, naming it', async () => {
  const { byId } = await run([http('login', '/login', { capture: { session: '$.session' } })])
  expect(byId.get('smoke.login')).toMatchObject({
    status: 'failed',
    message: 'nothing to capture at $.session (session)'
  })
})
