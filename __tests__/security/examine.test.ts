// The security phase: a whole `security:` section examined against loopback servers, recording
// the planned checks with their ids, statuses and YAML lines, and returning the facts of each target
// for the report.
import { createServer as createHttps } from 'node:https'
import { createServer as createNet } from 'node:net'
import type { SecurityConfig } from '../../src/config/model.js'
import { DEFAULT_TLS } from '../../src/config/security.js'
import { examineSecurity, type SecurityOptions } from '../../src/phases/security.js'
import { securityIdentities } from '../../src/phases/plan.js'
import type { CheckOutcome } from '../../src/model/check.js'
import { quietLogger } from '../support/logger.js'
import { Servers, unusedPort } from '../support/loopback.js'
import { createTestCa, daysFrom } from '../support/test-ca.js'

const servers = new Servers()
afterAll(async () => {
  await servers.closeAll()
})

const at = (line: number) => ({ file: 'env.yml', line, column: 3 })

/** Runs the phase; the checks it recorded, by id, and the section it returned. */
async function examine(config: SecurityConfig, options: SecurityOptions) {
  const recorded: CheckOutcome[] = []
  const section = await examineSecurity(config, options, {
    logger: quietLogger,
    clock: { now: () => 0, sleep: async () => undefined, random: () => 0 },
    exports: {},
    record: check => void recorded.push(check),
    addSecrets: () => undefined
  })
  const byId = Object.fromEntries(
    recorded.map(({ identity, status, message }) => [
      identity.id,
      { status, message, source: identity.source }
    ])
  )
  return { recorded, byId, section }
}

test('a careless HTTPS service, an open admin page and an unexpected port fail at production, each at its line', async () => {
  const now = new Date()
  const ca = createTestCa()
  const certificate = ca.issue({
    names: ['localhost'],
    notBefore: daysFrom(now, -80),
    notAfter: daysFrom(now, 3.5)
  })
  const port = await servers.listen(
    createHttps(certificate, (request, response) => {
      if (request.headers.origin) response.setHeader('access-control-allow-origin', request.headers.origin)
      response.setHeader('x-powered-by', 'Express 4.17')
      response.end('{}')
    })
  )
  const unexpected = await servers.listen(createNet(socket => socket.end()))
  const closed = await unusedPort()
  const config: SecurityConfig = {
    level: 'production',
    overrides: { 'headers.referrer-policy': 'ignore' },
    targets: [{ name: 'api', url: `https://localhost:${port}/health`, ca: ca.cert, source: at(3) }],
    tls: DEFAULT_TLS,
    cors: { allowedOrigins: [], credentials: false },
    authRequired: [{ name: 'admin', url: `https://localhost:${port}/admin`, source: at(9) }],
    ports: { host: '127.0.0.1', expected: [port, closed], scan: [port, closed, unexpected], source: at(10) }
  }

  const { recorded, byId, section } = await examine(config, { timeoutMs: 5000, now })

  expect(byId['security.tls.expiry.api']).toMatchObject({
    status: 'failed',
    message: `expires on ${daysFrom(now, 3.5).toISOString().slice(0, 10)}, in 3 days (fails under 7)`,
    source: at(3)
  })
  expect(byId['security.tls.trusted.api']?.status).toBe('passed')
  expect(byId['security.cors.reflected-origin.api']?.status).toBe('failed')
  expect(byId['security.headers.version-leak.api']?.status).toBe('failed')
  // Ignored by its override: no check, but the section lists what it found.
  expect(byId['security.headers.referrer-policy.api']).toBeUndefined()
  expect(recorded.map(check => check.identity.id).sort()).toEqual(
    securityIdentities(config)
      .map(identity => identity.id)
      .sort()
  )
  expect(byId['security.auth_required.open.admin']).toMatchObject({ status: 'failed', source: at(9) })
  expect(byId['security.ports.unexpected-open.127.0.0.1']).toMatchObject({
    status: 'failed',
    message: `port ${unexpected} on 127.0.0.1 accepts connections but is not expected (expected: ${port}, ${closed})`,
    source: at(10)
  })
  expect(section.level).toBe('production')
  expect(section.targets['127.0.0.1']?.exposed_ports).toEqual([port, unexpected])
  expect(section.targets.api).toMatchObject({
    url: `https://localhost:${port}/health`,
    tls: { names: ['localhost'], trusted: true, days_remaining: 3 },
    headers: { 'x-powered-by': 'Express 4.17' }
  })
  expect(section.targets.api?.findings).toContainEqual({
    rule: 'headers.version-leak',
    status: 'failed',
    message: 'tells the software version: X-Powered-By: Express 4.17'
  })
  expect(section.targets.api?.findings).toContainEqual({
    rule: 'headers.referrer-policy',
    status: 'ignored',
    message: 'Referrer-Policy is missing (ignored at level production)'
  })
})
