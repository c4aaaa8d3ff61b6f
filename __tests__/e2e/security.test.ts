// Security checks through the bundled action, as the runner runs it: real HTTPS servers on loopback
// presenting certificates a test CA issues at test time, a careless HTTP server, and a port scan of
// loopback. Each rule is judged at the environment's level, with the reason in plain words, on the
// YAML line of its target; the report's security section holds the facts, and validates.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createServer as createHttp, type RequestListener } from 'node:http'
import { createServer as createHttps, type ServerOptions } from 'node:https'
import { createServer as createNet } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { Servers, unusedPort } from '../support/loopback.js'
import { reportSchemaErrors } from '../support/report-schema.js'
import { createTestCa, daysFrom } from '../support/test-ca.js'
import type { CheckResult } from '../../src/model/check.js'
import type { Report } from '../../src/model/report.js'

const servers = new Servers()
afterAll(() => servers.closeAll())

const now = new Date()
const ca = createTestCa()
const day = (date: Date) => date.toISOString().slice(0, 10)
const ok: RequestListener = (_request, response) => void response.end('ok')

/** An HTTPS server for `names`, valid from/to days from now; its URL under the name localhost. */
async function https(names: string[], from: number, to: number, extra: ServerOptions = {}): Promise<string> {
  const issued = ca.issue({ names, notBefore: daysFrom(now, from), notAfter: daysFrom(now, to) })
  return `https://localhost:${await servers.listen(createHttps({ ...issued, ...extra }, ok))}/health`
}

/** Reflects any origin with credentials, sends no security header, tells its version, leaves /admin open. */
const careless: RequestListener = (request, response) => {
  if (request.headers.origin) {
    response.setHeader('access-control-allow-origin', request.headers.origin)
    response.setHeader('access-control-allow-credentials', 'true')
  }
  response.setHeader('x-powered-by', 'Express 4.17')
  response.end(request.url === '/admin' ? 'all the users' : 'ok')
}

async function run(yaml: string) {
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-security-'))
  await writeFile(join(workspace, 'ca.pem'), ca.cert)
  await writeFile(join(workspace, 'env.yml'), yaml)
  const result = await runAction({ cwd: workspace, inputs: { config: 'env.yml' } })
  const report = JSON.parse(await readFile(result.outputs['report-path'] ?? '', 'utf8')) as Report
  const checks = new Map(report.checks.map(check => [check.id, check]))
  const check = (id: string): CheckResult => {
    const found = checks.get(id)
    if (!found) throw new Error(`no check ${id} in ${[...checks.keys()].join(', ')}`)
    return found
  }
  return { ...result, report, checks, check }
}

describe('security checks through the bundled action', () => {
  it('judge certificates, a careless server and open ports at level production, each with its reason', async () => {
    const [good, expired, misnamed, soon, later, legacy] = await Promise.all([
      https(['localhost'], -10, 90),
      https(['localhost'], -90, -2.5),
      https(['other.example'], -10, 90),
      https(['localhost'], -80, 3.5),
      https(['localhost'], -80, 15.5),
      https(['localhost'], -10, 90, {
        minVersion: 'TLSv1.1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT:@SECLEVEL=0'
      })
    ])
    const open = await servers.listen(createHttp(careless))
    const unexpected = await servers.listen(createNet(socket => socket.end()))
    const closed = await unusedPort()
    const service = (url: string) => `{ http: { url: "${url}", ca_file: ./ca.pem } }`
    const { exitCode, report, check, checks, summary } = await run(`version: 1
environment: production
defaults:
  timeout: 5s
  retry: { attempts: 1 }
services:
  good: ${service(good)}
  expired: ${service(expired)}
  misnamed: ${service(misnamed)}
  soon: ${service(soon)}
  later: ${service(later)}
  legacy: ${service(legacy)}
  careless: { http: { url: "http://127.0.0.1:${open}/" } }
security:
  cors: { allowed_origins: [https://app.example.com], credentials: true }
  auth_required: ["http://127.0.0.1:${open}/admin"]
  ports: { host: 127.0.0.1, expected: [${open}], scan: [${open}, ${unexpected}, ${closed}] }
`)
    expect(exitCode).toBe(1)
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.status).toBe('failed')

    for (const rule of ['trusted', 'hostname', 'expiry', 'protocol'])
      expect(check(`security.tls.${rule}.good`).status).toBe('passed')
    expect(check('security.tls.expiry.good').message).toBe(`expires on ${day(daysFrom(now, 90))}, in 89 days`)
    expect(check('security.tls.expiry.expired')).toMatchObject({
      status: 'failed',
      message: `expired on ${day(daysFrom(now, -2.5))}, 2 days ago`,
      file: 'env.yml',
      line: 8
    })
    expect(check('security.tls.trusted.expired').status).toBe('passed')
    expect(check('security.tls.hostname.misnamed')).toMatchObject({
      status: 'failed',
      message: 'issued for other.example, not localhost',
      line: 9
    })
    expect(check('security.tls.expiry.soon')).toMatchObject({
      status: 'failed',
      message: `expires on ${day(daysFrom(now, 3.5))}, in 3 days (fails under 7)`
    })
    expect(check('security.tls.expiry.later')).toMatchObject({
      status: 'warning',
      message: `expires on ${day(daysFrom(now, 15.5))}, in 15 days (warns under 21)`
    })
    // Where this OpenSSL can no longer speak TLS 1.1 at all, the handshake's failure is the reason.
    expect(check('security.tls.protocol.legacy').status).toBe('failed')
    expect(check('security.tls.protocol.legacy').message).toMatch(
      /^negotiated TLSv1\.1, below the minimum TLSv1\.2$|^no TLS handshake with localhost:\d+: /
    )

    expect(check('security.cors.reflected-origin.careless')).toMatchObject({
      status: 'failed',
      message:
        'reflects any origin: a preflight request from https://deploy-verify.invalid was answered Access-Control-Allow-Origin: https://deploy-verify.invalid with credentials',
      line: 13
    })
    expect(check('security.headers.version-leak.careless')).toMatchObject({
      status: 'failed',
      message: 'tells the software version: X-Powered-By: Express 4.17'
    })
    expect(check('security.headers.content-security-policy.careless').status).toBe('failed')
    expect(check('security.auth_required.open.admin')).toMatchObject({
      status: 'failed',
      message: `http://127.0.0.1:${open}/admin answered 200 without credentials; it must answer 401 or 403`,
      line: 16
    })
    expect(check('security.ports.unexpected-open.127.0.0.1')).toMatchObject({
      status: 'failed',
      message: `port ${unexpected} on 127.0.0.1 accepts connections but is not expected (expected: ${open})`,
      line: 17
    })
    // HTTP targets have no TLS checks.
    expect(checks.has('security.tls.expiry.careless')).toBe(false)

    expect(report.security?.level).toBe('production')
    expect(report.security?.targets.soon?.tls).toMatchObject({
      names: ['localhost'],
      trusted: true,
      days_remaining: 3,
      valid_to: expect.stringMatching(new RegExp(`^${day(daysFrom(now, 3.5))}`))
    })
    expect(report.security?.targets['127.0.0.1']?.exposed_ports).toEqual([open, unexpected])
    expect(report.security?.targets.careless?.headers).toEqual({ 'x-powered-by': 'Express 4.17' })
    expect(report.security?.targets.careless?.cors).toContainEqual({
      kind: 'simple',
      origin: 'https://deploy-verify.invalid',
      status: 200,
      allow_origin: 'https://deploy-verify.invalid',
      allow_credentials: 'true',
      error: null
    })

    expect(summary).toContain('### 🔒 Security · level production')
    // Grouped by target, each check linked to its line of YAML at the commit.
    expect(summary).toContain(
      `| \`soon\` | [\`security.tls.expiry.soon\`](https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/env.yml#L10) | ❌ failed | expires on ${day(daysFrom(now, 3.5))}, in 3 days (fails under 7) |`
    )
  })

  it('let the careless server pass at level local, with warnings, and ignore its headers', async () => {
    const open = await servers.listen(createHttp(careless))
    const { exitCode, report, check, checks } = await run(`version: 1
environment: local
defaults:
  timeout: 5s
  retry: { attempts: 1 }
services:
  careless: { http: { url: "http://127.0.0.1:${open}/" } }
security:
  auth_required: ["http://127.0.0.1:${open}/admin"]
`)
    expect(exitCode).toBe(0)
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.status).toBe('warning')
    expect(check('security.cors.reflected-origin.careless').status).toBe('warning')
    expect(check('security.cors.disallowed-origin.careless').status).toBe('warning')
    expect(check('security.auth_required.open.admin').status).toBe('warning')
    expect([...checks.keys()].filter(id => id.startsWith('security.headers.'))).toEqual([])
    expect(report.security?.targets.careless?.findings).toContainEqual({
      rule: 'headers.version-leak',
      status: 'ignored',
      message: 'tells the software version: X-Powered-By: Express 4.17 (ignored at level local)'
    })
  })
})
