// A whole `security:` section examined against loopback servers: checks with their ids, statuses
// and YAML lines, and the facts of each target for the report.
import { createServer as createHttps } from 'node:https'
import { createServer as createNet } from 'node:net'
import type { SecurityConfig } from '../../src/config/security.js'
import { DEFAULT_TLS } from '../../src/config/security.js'
import { examineSecurity } from '../../src/security/examine.js'
import { Servers, unusedPort } from '../support/loopback.js'
import { createTestCa, daysFrom } from '../support/test-ca.js'

const servers = new Servers()
afterAll(async () => {
  await servers.closeAll()
})

const at = (line: number) => ({ file: 'env.yml', line, column: 3 })

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
    ports: { host: '127.0.0.1', expected: [port, closed], scan: [port, closed, unexpected], source: at(10) },
    areaSources: {},
    source: at(1)
  }

  const examination = await examineSecurity(config, { timeoutMs: 5000, now })
  const byId = Object.fromEntries(examination.checks.map(check => [check.id, check]))

  expect(byId['security.tls.expiry.api']).toMatchObject({
    status: 'failed',
    message: `expires on ${daysFrom(now, 3.5).toISOString().slice(0, 10)}, in 3 days (fails under 7)`,
    source: at(3)
  })
  expect(byId['security.tls.trusted.api']?.status).toBe('passed')
  expect(byId['security.cors.reflected-origin.api']?.status).toBe('failed')
  expect(byId['security.headers.version-leak.api']?.status).toBe('failed')
  expect(byId['security.headers.referrer-policy.api']?.status).toBe('ignored')
  expect(byId['security.auth_required.open.admin']).toMatchObject({ status: 'failed', source: at(9) })
  expect(byId['security.ports.unexpected-open.127.0.0.1']).toMatchObject({
    status: 'failed',
    message: `port ${unexpected} on 127.0.0.1 accepts connections but is not expected (expected: ${port}, ${closed})`,
    source: at(10)
  })
  expect(examination.targets['127.0.0.1']?.exposedPorts).toEqual([port, unexpected])
  expect(examination.targets.api).toMatchObject({
    url: `https://localhost:${port}/health`,
    tls: { certificate: { subjectAltName: 'DNS:localhost' } },
    headers: { 'x-powered-by': 'Express 4.17' }
  })
  expect(examination.targets.api?.findings).toContain(
    'headers.version-leak: tells the software version: X-Powered-By: Express 4.17'
  )
})
