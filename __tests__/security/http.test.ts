// CORS, security headers and endpoints that must require credentials, specified against loopback
// HTTPS servers: a careless one and a careful one. Their chain is not trusted here, which these
// probes look past: trust is the TLS rules' concern.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttps } from 'node:https'
import {
  decide,
  judgeAuth,
  judgeCors,
  judgeHeaders,
  type RuleFinding,
  type SecurityResult
} from '../../src/judge/security.js'
import { DISALLOWED_ORIGIN, observeAuth, observeCors, observeHeaders } from '../../src/probes/security.js'
import type { SecurityLevel } from '../../src/judge/security-rules.js'
import { Servers, unusedPort } from '../support/loopback.js'
import { createTestCa, daysFrom } from '../support/test-ca.js'

const APP = 'https://app.example.com'
const servers = new Servers()
let careless: string
let careful: string

/** Reflects any origin with credentials, sends no security headers, tells its version, leaves /admin open. */
function carelessHandler(request: IncomingMessage, response: ServerResponse): void {
  const origin = request.headers.origin
  if (origin) {
    response.setHeader('access-control-allow-origin', origin)
    response.setHeader('access-control-allow-credentials', 'true')
  }
  response.setHeader('x-powered-by', 'Express 4.17')
  response.end('{}')
}

function carefulHandler(request: IncomingMessage, response: ServerResponse): void {
  if (request.headers.origin === APP) {
    response.setHeader('access-control-allow-origin', APP)
    response.setHeader('access-control-allow-credentials', 'true')
    response.setHeader('vary', 'Origin')
  }
  response.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains')
  response.setHeader('x-content-type-options', 'nosniff')
  response.setHeader('content-security-policy', "default-src 'self'; frame-ancestors 'none'")
  response.setHeader('referrer-policy', 'strict-origin-when-cross-origin')
  response.setHeader('server', 'nginx')
  response.statusCode = request.url === '/admin' ? 401 : 200
  response.end('{}')
}

beforeAll(async () => {
  const now = new Date()
  const certificate = createTestCa().issue({
    names: ['localhost'],
    notBefore: daysFrom(now, -1),
    notAfter: daysFrom(now, 90)
  })
  careless = `https://localhost:${await servers.listen(createHttps(certificate, carelessHandler))}`
  careful = `https://localhost:${await servers.listen(createHttps(certificate, carefulHandler))}`
})
afterAll(async () => {
  await servers.closeAll()
})

const options = { timeoutMs: 5000 }

async function findingsOf(base: string, url = base): Promise<RuleFinding[]> {
  const [cors, headers, auth] = await Promise.all([
    observeCors(url, APP, options),
    observeHeaders(url, options),
    observeAuth(`${base}/admin`, options)
  ])
  return [
    ...judgeCors('api', cors, { allowedOrigins: [APP], credentials: true }),
    ...judgeHeaders('api', headers),
    judgeAuth('admin', auth)
  ]
}

function statuses(results: SecurityResult[]): Record<string, string> {
  return Object.fromEntries(results.map(result => [result.rule, result.status]))
}

function at(level: SecurityLevel, findings: RuleFinding[]): SecurityResult[] {
  return findings.map(finding => decide(finding, level))
}

test('a careless server fails at level production, each rule saying what it saw', async () => {
  const results = at('production', await findingsOf(careless))
  expect(statuses(results)).toEqual({
    'cors.disallowed-origin': 'failed',
    'cors.reflected-origin': 'failed',
    'cors.wildcard-credentials': 'passed',
    'headers.strict-transport-security': 'failed',
    'headers.x-content-type-options': 'failed',
    'headers.frame-protection': 'failed',
    'headers.content-security-policy': 'failed',
    'headers.referrer-policy': 'failed',
    'headers.version-leak': 'failed',
    'auth_required.open': 'failed'
  })
  const message = (rule: string) => results.find(result => result.rule === rule)?.message
  expect(message('cors.reflected-origin')).toBe(
    `reflects any origin: a preflight request from ${DISALLOWED_ORIGIN} was answered Access-Control-Allow-Origin: ${DISALLOWED_ORIGIN} with credentials`
  )
  expect(message('headers.version-leak')).toBe('tells the software version: X-Powered-By: Express 4.17')
  expect(message('auth_required.open')).toBe(
    `${careless}/admin answered 200 without credentials; it must answer 401 or 403`
  )
})

test('the same careless server passes at level local, with warnings and ignored hardening', async () => {
  const results = at('local', await findingsOf(careless))
  expect(results.some(result => result.status === 'failed')).toBe(false)
  expect(statuses(results)).toMatchObject({
    'cors.reflected-origin': 'warning',
    'auth_required.open': 'warning',
    'headers.version-leak': 'ignored',
    'headers.content-security-policy': 'ignored'
  })
  expect(results.find(result => result.rule === 'headers.version-leak')?.message).toBe(
    'tells the software version: X-Powered-By: Express 4.17 (ignored at level local)'
  )
})

test('a careful server passes every rule at level production', async () => {
  const results = at('production', await findingsOf(careful))
  expect(results.filter(result => result.status !== 'passed')).toEqual([])
  expect(results.find(result => result.rule === 'headers.frame-protection')?.message).toBe(
    "Content-Security-Policy frame-ancestors 'none'"
  )
})

test('a rule overridden by name follows the override, not the level', async () => {
  const findings = await findingsOf(careless)
  const csp = findings.find(finding => finding.rule === 'headers.content-security-policy')
  expect(csp && decide(csp, 'production', { 'headers.content-security-policy': 'warn' }).status).toBe(
    'warning'
  )
  expect(csp && decide(csp, 'local', { 'headers.content-security-policy': 'fail' }).status).toBe('failed')
})

test('plain HTTP cannot carry HSTS, and an endpoint that does not answer is not taken as protected', async () => {
  const plain = await servers.listen(createServer(carefulHandler))
  const headers = await observeHeaders(`http://127.0.0.1:${plain}/`, options)
  const hsts = judgeHeaders('api', headers).find(
    finding => finding.rule === 'headers.strict-transport-security'
  )
  expect(hsts?.problem).toBe('served over plain HTTP, where Strict-Transport-Security has no effect')

  const port = await unusedPort()
  const auth = judgeAuth('admin', await observeAuth(`http://127.0.0.1:${port}/admin`, options))
  expect(auth.problem).toBe(
    `http://127.0.0.1:${port}/admin did not answer, so it is not known to require credentials: connection refused (127.0.0.1:${port})`
  )
})

test('credentials written in an auth_required URL are not sent', async () => {
  let authorization: string | undefined = 'not asked'
  const port = await servers.listen(
    createServer((request, response) => {
      authorization = request.headers.authorization
      response.statusCode = authorization ? 200 : 401
      response.end()
    })
  )
  const auth = await observeAuth(`http://admin:secret@127.0.0.1:${port}/admin`, options)
  expect(authorization).toBeUndefined()
  expect(judgeAuth('admin', auth).problem).toBeUndefined()
})
