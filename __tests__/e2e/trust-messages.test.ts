// Through the bundled action: failures the user can act on say what happened and what to do (a
// server that closes without answering, an untrusted certificate, a redirect loop), counts agree
// with their nouns, and a pass shows one time, the same in its message and in the summary's table.
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { Servers, startHttp } from '../support/loopback.js'
import { createTestCa, daysFrom } from '../support/test-ca.js'
import { formatMs } from '../../src/model/wording.js'

const servers = new Servers()
const sockets = new Set<Socket>()
let api: Awaited<ReturnType<typeof startHttp>>

/** `server`, its connections remembered, to end them when the file is done. */
function tracked<T extends NetServer>(server: T): T {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
  })
  return server
}

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await api.close()
  await servers.closeAll()
})

interface Check {
  id: string
  status: string
  message: string
  duration_ms: number
}

async function run(config: string, env: Record<string, string>) {
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-messages-'))
  await writeFile(join(workspace, 'env.yml'), config)
  const result = await runAction({ cwd: workspace, inputs: { config: 'env.yml' }, env })
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  const byId = (id: string) => (report.checks as Check[]).find(check => check.id === id)
  return { ...result, report, byId }
}

test('failures name what happened and what to do: a closed connection, an untrusted CA, a redirect loop', async () => {
  // Accepts, then closes at once without a word: a misconfigured proxy in front of Redis.
  const silent = await servers.listen(tracked(createNetServer(socket => socket.end())))
  const ca = createTestCa()
  const issued = ca.issue({
    names: ['127.0.0.1'],
    notBefore: daysFrom(new Date(), -1),
    notAfter: daysFrom(new Date(), 30)
  })
  const tls = await servers.listen(
    tracked(
      createHttpsServer({ key: issued.key, cert: issued.cert }, (_request, response) => response.end('ok'))
    )
  )
  api = await startHttp((request, response) => {
    if (request.url === '/loop') return response.writeHead(302, { location: '/loop' }).end()
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
  })

  const { exitCode, log, byId } = await run(
    `version: 1
environment: preview
variables:
  API: { required: true }
  SILENT_PORT: { required: true }
  TLS_PORT: { required: true }
defaults:
  retry: { attempts: 1 }
services:
  cache:
    tcp: { host: 127.0.0.1, port: "\${SILENT_PORT}", send: "PING\\r\\n", expect: { response: { contains: PONG } } }
  internal:
    http: { url: "https://127.0.0.1:\${TLS_PORT}/" }
  loop:
    http: { url: "\${API}/loop", max_redirects: 50 }
`,
    { API: api.url, SILENT_PORT: String(silent), TLS_PORT: String(tls) }
  )
  expect(exitCode).toBe(1)
  expect(byId('services.cache')?.message).toBe(
    'the server closed the connection without answering (expected response to contain "PONG") (gave up after 1 attempt)'
  )
  expect(byId('services.internal')?.message).toContain(
    "TLS: the server certificate cannot be verified; trust its CA: name the CA's PEM file as the service's ca_file, or set NODE_EXTRA_CA_CERTS to it in the step's env"
  )
  const loop = byId('services.loop')?.message ?? ''
  expect(loop).toContain(
    `redirect loop: the server redirects back to a URL it already redirected from (${api.url})`
  )
  expect(loop).not.toMatch(/Agent|Client|Pool/)
  expect(log).toContain('Validating preview (3 services)')
})

test('one service is one service, and a pass shows one time: its message and its table row agree', async () => {
  const { exitCode, log, summary, byId } = await run(
    `version: 1
environment: preview
variables:
  API: { required: true }
services:
  api:
    http: { url: "\${API}/health" }
`,
    { API: api.url }
  )
  expect(exitCode).toBe(0)
  expect(log).toContain('Validating preview (1 service)')
  const check = byId('services.api')
  const time = formatMs(check?.duration_ms ?? -1)
  expect(check?.message).toBe(`healthy in ${time}`)
  expect(summary).toContain(time)
})
