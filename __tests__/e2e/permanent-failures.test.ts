// Errors no wait will heal, through the bundled action: a login PostgreSQL rejects, a health endpoint
// that answers 401, an expired certificate or one for another host is tried at most twice after a
// deploy, although the retry policy and the startup budget would allow many more polls;
// `retry.on_permanent: retry` restores the polling. The local server trusts every password, so a
// user that does not exist stands for rejected credentials (both are authentication errors).
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { Servers } from '../support/loopback.js'
import { reportSchemaErrors } from '../support/report-schema.js'
import { createTestCa, daysFrom } from '../support/test-ca.js'

async function run(retry: string) {
  const workspace = await mkdtemp(join(tmpdir(), 'dv-permanent-'))
  await writeFile(
    join(workspace, 'env.yml'),
    `version: 1
environment: preview
defaults:
  timeout: 2s
  retry: { attempts: 5, initial_delay: 100ms, max_delay: 200ms${retry} }
  startup_budget: 3s
deploy:
  - name: Deploy
    run: "true"
services:
  database:
    postgres: { url: 'postgres://nobody_dv_${process.pid}:wrong@127.0.0.1:5432/test' }
`
  )
  const result = await runAction({ cwd: workspace, inputs: { config: 'env.yml' } })
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  expect(reportSchemaErrors(report)).toEqual([])
  return { ...result, report }
}

test('a rejected login ends after at most two attempts, saying no wait will heal it', async () => {
  const { exitCode, report } = await run('')
  expect(exitCode).toBe(1)
  expect(report.services.database.status).toBe('failed')
  expect(report.services.database.attempts).toBeLessThanOrEqual(2)
  expect(report.services.database.message).toMatch(/the user does not exist, which no wait will heal/)
}, 60_000)

test('with retry.on_permanent: retry, it is polled until the startup budget runs out', async () => {
  const { report } = await run(', on_permanent: retry')
  expect(report.services.database.status).toBe('failed')
  expect(report.services.database.attempts).toBeGreaterThan(2)
  expect(report.services.database.message).not.toMatch(/no wait will heal/)
}, 60_000)

describe('a health endpoint that no wait will heal', () => {
  const servers = new Servers()
  const ca = createTestCa()
  const now = new Date()
  afterAll(() => servers.closeAll())

  async function https(names: string[], from: number, to: number): Promise<number> {
    const issued = ca.issue({ names, notBefore: daysFrom(now, from), notAfter: daysFrom(now, to) })
    return servers.listen(createHttpsServer(issued, (_request, response) => void response.end('ok')))
  }

  test('401, an expired certificate and one for another host each end after at most two attempts', async () => {
    const denied = await servers.listen(
      createHttpServer((_request, response) => void response.writeHead(401).end('who are you?'))
    )
    const [expired, elsewhere] = await Promise.all([
      https(['localhost'], -90, -2),
      https(['other.example'], -10, 90)
    ])
    const workspace = await mkdtemp(join(tmpdir(), 'dv-permanent-'))
    await writeFile(join(workspace, 'ca.pem'), ca.cert)
    await writeFile(
      join(workspace, 'env.yml'),
      `version: 1
environment: preview
defaults:
  timeout: 2s
  retry: { attempts: 5, initial_delay: 100ms, max_delay: 200ms }
  startup_budget: 3s
deploy:
  - name: Deploy
    run: "true"
services:
  denied:
    http: { url: "http://127.0.0.1:${denied}/health" }
  expired:
    http: { url: "https://localhost:${expired}/health", ca_file: ./ca.pem }
  elsewhere:
    http: { url: "https://localhost:${elsewhere}/health", ca_file: ./ca.pem }
`
    )
    const { exitCode } = await runAction({ cwd: workspace, inputs: { config: 'env.yml' } })
    const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
    expect(reportSchemaErrors(report)).toEqual([])
    expect(exitCode).toBe(1)
    const why = {
      denied: 'the health endpoint answered 401',
      expired: 'the certificate has expired',
      elsewhere: 'the certificate is for another host'
    }
    for (const [name, what] of Object.entries(why)) {
      const service = report.services[name]
      expect(service.status).toBe('failed')
      expect(service.attempts).toBeLessThanOrEqual(2)
      expect(service.message).toContain(`${what}, which no wait will heal`)
    }
  }, 60_000)
})
