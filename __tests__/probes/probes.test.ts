// Probes observe real things: loopback HTTP and HTTPS servers, the PostgreSQL server on
// 127.0.0.1:5432, Redis on 127.0.0.1:6379, and child processes. They never judge and never throw
// for a failure of the target.
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import pg from 'pg'
import type {
  CommandProbeSpec,
  HttpProbeSpec,
  PostgresProbeSpec,
  TcpProbeSpec
} from '../../src/config/model.js'
import { closeHttpAgents, describeTarget, observe } from '../../src/probes/index.js'
import type {
  CommandObservation,
  HttpObservation,
  PostgresObservation,
  TcpObservation
} from '../../src/probes/types.js'

const TLS = new URL('../fixtures/tls/', import.meta.url)
const DATABASE = 'postgres://postgres@127.0.0.1:5432/test'
const servers: Server[] = []

afterAll(async () => {
  await closeHttpAgents()
  for (const server of servers) server.closeAllConnections()
  await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))))
})

async function listen(server: Server): Promise<number> {
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** A port nothing listens on: bound, noted, released. */
async function closedPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

function httpSpec(url: string, extra: Partial<HttpProbeSpec> = {}): HttpProbeSpec {
  return {
    kind: 'http',
    method: 'GET',
    url,
    headers: {},
    tls: { insecureSkipVerify: false },
    followRedirects: true,
    maxRedirects: 5,
    maxBodyBytes: 1_048_576,
    expect: { status: ['2xx'] },
    ...extra
  }
}

const probe = {
  http: (spec: HttpProbeSpec, timeoutMs = 5000) => observe(spec, { timeoutMs }) as Promise<HttpObservation>,
  postgres: (spec: PostgresProbeSpec) => observe(spec, { timeoutMs: 5000 }) as Promise<PostgresObservation>,
  tcp: (spec: TcpProbeSpec) => observe(spec, { timeoutMs: 5000 }) as Promise<TcpObservation>,
  command: (spec: Partial<CommandProbeSpec> & { run: string }, timeoutMs = 10_000, lines?: string[]) =>
    observe(
      { kind: 'command', env: {}, expect: { exitCode: 0 }, ...spec },
      { timeoutMs, onOutputLine: line => lines?.push(line) }
    ) as Promise<CommandObservation>
}

describe('http', () => {
  let base: string
  const echo: RequestListener = (request, response) => {
    let body = ''
    request.on('data', chunk => (body += chunk))
    request.on('end', () => {
      if (request.url === '/moved') return response.writeHead(302, { location: '/echo' }).end()
      if (request.url === '/big') return response.end('x'.repeat(100_000))
      if (request.url === '/hang') return
      response.writeHead(200, { 'content-type': 'application/json', 'X-Version': '7' })
      const { authorization = null, 'content-type': type = null } = request.headers
      response.end(JSON.stringify({ method: request.method, body, auth: authorization, type }))
    })
  }

  beforeAll(async () => {
    base = `http://127.0.0.1:${await listen(createHttpServer(echo))}`
  })

  test('sees the status, lower-cased headers and the parsed JSON body of what it sent', async () => {
    const seen = await probe.http(
      httpSpec(`${base}/echo`, { method: 'POST', headers: { authorization: 'Bearer t' }, json: { a: 1 } })
    )
    expect(seen).toMatchObject({
      status: 200,
      headers: { 'x-version': '7', 'content-type': 'application/json' },
      json: { method: 'POST', body: '{"a":1}', auth: 'Bearer t' },
      redirects: 0
    })
    expect(seen.error).toBeUndefined()
  })

  test("a JSON body keeps the user's own content type, whatever its case", async () => {
    const seen = await probe.http(
      httpSpec(`${base}/echo`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/vnd.api+json' },
        json: {}
      })
    )
    expect(seen.json).toMatchObject({ type: 'application/vnd.api+json' })
  })

  test('follows redirects, or reports the redirect itself when told not to', async () => {
    const followed = await probe.http(httpSpec(`${base}/moved`))
    expect(followed).toMatchObject({ status: 200, redirects: 1, url: `${base}/echo` })
    const kept = await probe.http(httpSpec(`${base}/moved`, { followRedirects: false }))
    expect(kept).toMatchObject({ status: 302, redirects: 0 })
  })

  test('reads a body only up to its cap, and says it was cut', async () => {
    const seen = await probe.http(httpSpec(`${base}/big`, { maxBodyBytes: 1000 }))
    expect(seen.body).toHaveLength(1000)
    expect(seen.bodyTruncated).toBe(true)
  })

  test('a refused connection is an observation, not an exception', async () => {
    const seen = await probe.http(httpSpec(`http://127.0.0.1:${await closedPort()}/`))
    expect(seen.status).toBeUndefined()
    expect(seen.error).toMatch(/^connection refused/)
  })

  test('a server that never answers is cut off at the timeout', async () => {
    const seen = await probe.http(httpSpec(`${base}/hang`), 300)
    expect(seen).toMatchObject({ timedOut: true, error: 'timed out after 300 ms' })
  })
})

describe('https', () => {
  let base: string
  beforeAll(async () => {
    const server = createHttpsServer(
      { cert: readFileSync(new URL('server.crt', TLS)), key: readFileSync(new URL('server.key', TLS)) },
      (_request, response) => response.end('secure')
    )
    base = `https://127.0.0.1:${await listen(server as unknown as Server)}`
  })

  test('trusts a server whose certificate a configured CA signed', async () => {
    const seen = await probe.http(
      httpSpec(base, { tls: { ca: readFileSync(new URL('ca.crt', TLS), 'utf8'), insecureSkipVerify: false } })
    )
    expect(seen).toMatchObject({ status: 200, body: 'secure' })
  })

  test('refuses it without that CA, saying why in TLS terms', async () => {
    const seen = await probe.http(httpSpec(base))
    expect(seen.status).toBeUndefined()
    expect(seen.error).toMatch(/^TLS: /)
  })

  test('accepts any certificate only when told to skip verification', async () => {
    const seen = await probe.http(httpSpec(base, { tls: { insecureSkipVerify: true } }))
    expect(seen.status).toBe(200)
  })
})

describe('postgres', () => {
  const schema = `probe_${process.pid}`
  const admin = new pg.Client({ connectionString: DATABASE })

  beforeAll(async () => {
    await admin.connect()
    await admin.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.jobs (id int, status text)`)
    await admin.query(`INSERT INTO ${schema}.jobs VALUES (1, 'done'), (2, 'queued')`)
  })

  afterAll(async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`)
    await admin.end()
  })

  const spec = (extra: Partial<PostgresProbeSpec> = {}): PostgresProbeSpec => ({
    kind: 'postgres',
    url: DATABASE,
    extensions: [],
    tables: [],
    expect: {},
    ...extra
  })

  test('sees the server version, the installed extensions, the columns of requested tables and query rows', async () => {
    const seen = await probe.postgres(
      spec({
        tables: [
          { name: `${schema}.jobs`, columns: [] },
          { name: `${schema}.missing`, columns: [] }
        ],
        query: { sql: `SELECT count(*)::int AS n FROM ${schema}.jobs`, expect: {} }
      })
    )
    expect(seen.error).toBeUndefined()
    expect(seen.serverVersion).toMatch(/^\d+/)
    expect(seen.extensions).toHaveProperty('plpgsql')
    expect(seen.tables).toEqual({ [`${schema}.jobs`]: ['id', 'status'] })
    expect(seen.queryRows).toEqual([{ n: 2 }])
  })

  test('a failing query is observed as such, the rest still seen', async () => {
    const seen = await probe.postgres(spec({ query: { sql: 'SELECT * FROM no_such_table', expect: {} } }))
    expect(seen.queryError).toContain('no_such_table')
    expect(seen.extensions).toHaveProperty('plpgsql')
  })

  test('a server that is not there is an observation with the reason', async () => {
    const seen = await probe.postgres(
      spec({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/test` })
    )
    expect(seen.error).toMatch(/^connection refused/)
  })

  test('a query that outlasts the attempt is a timeout, and the server stops running it', async () => {
    const seen = await observe(spec({ query: { sql: 'SELECT pg_sleep(30)', expect: {} } }), {
      timeoutMs: 1000
    })
    expect(seen).toMatchObject({ timedOut: true, error: 'timed out after 1000 ms' })
    const sleeping = async () =>
      Number(
        (await admin.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)'`))
          .rows[0].n
      )
    for (let i = 0; i < 100 && (await sleeping()) > 0; i++)
      await new Promise(resolve => setTimeout(resolve, 50))
    expect(await sleeping()).toBe(0)
  })

  test('never leaves a connection open', async () => {
    await Promise.all([
      probe.postgres(spec()),
      probe.postgres(spec({ query: { sql: 'SELECT 1/0', expect: {} } }))
    ])
    const open = async () =>
      Number(
        (
          await admin.query(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'deploy-verify'`
          )
        ).rows[0].n
      )
    // A backend leaves pg_stat_activity shortly after its client hangs up: wait for that, not for a clock.
    for (let i = 0; i < 100 && (await open()) > 0; i++) await new Promise(resolve => setTimeout(resolve, 50))
    expect(await open()).toBe(0)
  })
})

describe('tcp', () => {
  test('sends and reads the answer of a line protocol (Redis PING)', async () => {
    const seen = await probe.tcp({ kind: 'tcp', host: '127.0.0.1', port: 6379, send: 'PING\r\n', expect: {} })
    expect(seen).toMatchObject({ connected: true, response: '+PONG\r\n' })
  })

  test('without anything to send, observes only that the connection opens', async () => {
    const seen = await probe.tcp({ kind: 'tcp', host: '127.0.0.1', port: 6379, expect: {} })
    expect(seen).toMatchObject({ connected: true })
    expect(seen.response).toBeUndefined()
  })

  test("reads a server's greeting when a response is expected without sending anything", async () => {
    const banner = createNetServer(socket => socket.end('220 smtp.example.com ESMTP ready\r\n'))
    await new Promise<void>(resolve => banner.listen(0, '127.0.0.1', resolve))
    const { port } = banner.address() as AddressInfo
    try {
      const seen = await probe.tcp({
        kind: 'tcp',
        host: '127.0.0.1',
        port,
        expect: { response: { contains: '220' } }
      })
      expect(seen.response).toBe('220 smtp.example.com ESMTP ready\r\n')
    } finally {
      await new Promise(resolve => banner.close(resolve))
    }
  })

  test('a refused connection is observed, with the reason', async () => {
    const seen = await probe.tcp({ kind: 'tcp', host: '127.0.0.1', port: await closedPort(), expect: {} })
    expect(seen.connected).toBe(false)
    expect(seen.error).toMatch(/^connection refused/)
  })
})

describe('command', () => {
  /** Running, as opposed to gone or a zombie waiting to be reaped. */
  const running = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z'
    } catch {
      return false
    }
  }

  test('sees the exit code, both streams, the last lines, and streams each line as it comes', async () => {
    const lines: string[] = []
    const seen = await probe.command(
      {
        run: 'for i in $(seq 1 25); do echo "line $i"; done; echo "$GREETING from $(pwd)" >&2; exit 4',
        env: { GREETING: 'hi' },
        workingDirectory: '/tmp'
      },
      10_000,
      lines
    )
    expect(seen.exitCode).toBe(4)
    expect(seen.stdout.split('\n')[0]).toBe('line 1')
    expect(seen.stderr).toBe('hi from /tmp\n')
    expect(seen.tail).toHaveLength(20)
    expect(seen.tail.at(-1)).toBe('hi from /tmp')
    expect(lines).toHaveLength(26)
  })

  test('a command that hangs is killed at its timeout together with everything it started', async () => {
    // The grandchild ignores SIGTERM: only the SIGKILL after the grace period stops it.
    const seen = await probe.command({ run: "(trap '' TERM; exec sleep 120) & echo $!; wait" }, 1000)
    expect(seen).toMatchObject({ timedOut: true, exitCode: null })
    expect(seen.error).toContain('timed out after 1000 ms')
    const grandchild = Number(seen.stdout.trim())
    for (let i = 0; i < 100 && running(grandchild); i++) await new Promise(resolve => setTimeout(resolve, 50))
    expect(running(grandchild)).toBe(false)
  })

  test('a cancelled command is killed with everything it started, even what ignores SIGTERM', async () => {
    const controller = new AbortController()
    const seen = (await observe(
      {
        kind: 'command',
        run: "(trap '' TERM; exec sleep 120) & echo $!; wait",
        env: {},
        expect: { exitCode: 0 }
      },
      { timeoutMs: 60_000, signal: controller.signal, onOutputLine: () => controller.abort() }
    )) as CommandObservation
    expect(seen.error).toBe('cancelled; the command and its children were killed')
    const grandchild = Number(seen.stdout.trim())
    for (let i = 0; i < 100 && running(grandchild); i++) await new Promise(resolve => setTimeout(resolve, 50))
    expect(running(grandchild)).toBe(false)
  })

  test('characters split across reads of the pipe stay whole', async () => {
    // 70,000 three-byte characters: more than one 64 KiB read, so some character is split.
    const seen = await probe.command({ run: `node -e "process.stdout.write('€'.repeat(70000))"` })
    expect(seen.stdout).toBe('€'.repeat(70000))
  })

  test('a working directory that does not exist is said plainly', async () => {
    const seen = await probe.command({ run: 'true', workingDirectory: '/no/such/dir' })
    expect(seen.error).toBe('working directory /no/such/dir does not exist')
  })

  test('a command that leaves a daemon holding its output is done when the command exits', async () => {
    const started = Date.now()
    const seen = await probe.command({ run: 'sleep 60 & echo $!' })
    const daemon = Number(seen.stdout.trim())
    try {
      expect(seen.exitCode).toBe(0)
      // Generous: the point is that the probe did not wait for the daemon's 60 s.
      expect(Date.now() - started).toBeLessThan(30_000)
      expect(running(daemon)).toBe(true)
    } finally {
      process.kill(daemon, 'SIGKILL')
    }
  })
})

test('a target is described without its password', () => {
  expect(
    describeTarget({
      kind: 'postgres',
      url: 'postgres://app:pw@db:5432/x',
      extensions: [],
      tables: [],
      expect: {}
    })
  ).toBe('postgres://app:***@db:5432/x')
  expect(describeTarget({ kind: 'tcp', host: 'cache', port: 6379, expect: {} })).toBe('cache:6379')
})
