// The judge compares what a probe observed with what its spec expects and says, one plain sentence
// per unmet expectation, what was expected and what was seen. Pure: no I/O here.
import type {
  CommandProbeSpec,
  HttpProbeSpec,
  MetricsProbeSpec,
  PostgresProbeSpec,
  PrometheusProbeSpec,
  TcpProbeSpec
} from '../../src/config/model.js'
import { compareVersions, judge } from '../../src/judge/expect.js'
import { loadPatternEngine } from '../../src/config/pattern.js'
import type {
  CommandObservation,
  HttpObservation,
  PostgresObservation,
  TcpObservation
} from '../../src/model/observation.js'

// The configuration's reader loads RE2 before any pattern is read; these tests read patterns directly.
beforeAll(loadPatternEngine)

describe('judging an HTTP observation', () => {
  const spec = (expect: Partial<HttpProbeSpec['expect']> = {}): HttpProbeSpec => ({
    kind: 'http',
    method: 'GET',
    url: 'https://api.example.com/health',
    headers: {},
    tls: { insecureSkipVerify: false },
    followRedirects: true,
    maxRedirects: 5,
    maxBodyBytes: 1024,
    expect: { status: ['2xx'], ...expect }
  })
  const health = {
    status: 'ok',
    version: '1.4.2',
    checks: [
      { name: 'db', status: 'up' },
      { name: 'cache', status: 'down' }
    ]
  }
  const answered = (extra: Partial<HttpObservation> = {}): HttpObservation => ({
    kind: 'http',
    url: 'https://api.example.com/health',
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-version': '7' },
    body: JSON.stringify(health),
    bodyTruncated: false,
    json: health,
    redirects: 0,
    durationMs: 40,
    ...extra
  })

  test('passes an answer that meets every expectation, with its latency as the response time', () => {
    expect(judge(spec(), answered())).toEqual({ ok: true, failures: [], responseTimeMs: 40 })
  })

  describe('status', () => {
    test('a status outside the expected class fails, naming both', () => {
      expect(judge(spec(), answered({ status: 503 })).failures).toEqual(['expected status 2xx, got 503'])
    })

    test('an exact status code matches only itself', () => {
      expect(judge(spec({ status: [200] }), answered()).ok).toBe(true)
      expect(judge(spec({ status: [204] }), answered()).failures).toEqual(['expected status 204, got 200'])
    })

    test('a status written as text matches the same number', () => {
      expect(judge(spec({ status: ['200'] }), answered()).ok).toBe(true)
    })

    test('a class matches every code of its hundred, whatever the case of its x', () => {
      for (const status of [200, 204, 299])
        expect(judge(spec({ status: ['2xx'] }), answered({ status })).ok).toBe(true)
      expect(judge(spec({ status: ['2XX'] }), answered({ status: 201 })).ok).toBe(true)
      expect(judge(spec({ status: ['4xx'] }), answered({ status: 404 })).ok).toBe(true)
      expect(judge(spec({ status: ['4xx'] }), answered({ status: 500 })).ok).toBe(false)
    })

    test('a list matches any of its codes and classes, and a miss names them all', () => {
      expect(judge(spec({ status: ['3xx', 200] }), answered()).ok).toBe(true)
      expect(judge(spec({ status: [401, 403] }), answered({ status: 403 })).ok).toBe(true)
      expect(judge(spec({ status: [201, 204, '3xx'] }), answered()).failures).toEqual([
        'expected status 201 or 204 or 3xx, got 200'
      ])
    })
  })

  describe('headers', () => {
    test('a header expectation finds the header whatever the case of its name', () => {
      expect(judge(spec({ headers: { 'X-Version': 7 } }), answered()).ok).toBe(true)
      expect(judge(spec({ headers: { 'Content-Type': { contains: 'json' } } }), answered()).ok).toBe(true)
    })

    test('an unmet header expectation names the header and its value', () => {
      expect(judge(spec({ headers: { 'Content-Type': { contains: 'xml' } } }), answered()).failures).toEqual([
        'expected header Content-Type to contain "xml", got "application/json; charset=utf-8"'
      ])
    })

    test('a missing header fails an expectation that it exists', () => {
      expect(judge(spec({ headers: { ETag: { exists: true } } }), answered()).failures).toEqual([
        'expected header ETag to exist, it is missing'
      ])
      expect(judge(spec({ headers: { 'x-powered-by': { exists: false } } }), answered()).ok).toBe(true)
    })
  })

  describe('JSON', () => {
    test('each JSONPath is read from the parsed body and matched', () => {
      const expectations = { '$.status': 'ok', '$.checks[0].name': 'db', '$.version': { matches: '^1\\.' } }
      expect(judge(spec({ json: expectations }), answered()).ok).toBe(true)
    })

    test('a filter expression selects by value', () => {
      const json = { "$.checks[?(@.name=='db')].status": 'up', "$.checks[?(@.status!='up')].name": 'cache' }
      expect(judge(spec({ json }), answered()).ok).toBe(true)
    })

    test('an unmet path names the path and both values', () => {
      const json = { '$.status': 'ok', "$.checks[?(@.name=='db')].status": 'down' }
      expect(judge(spec({ json }), answered()).failures).toEqual([
        `expected $.checks[?(@.name=='db')].status to equal "down", got "up"`
      ])
    })

    test('a path that matches several values is matched as their list', () => {
      expect(judge(spec({ json: { '$.checks[*].status': { equals: ['up', 'down'] } } }), answered()).ok).toBe(
        true
      )
      expect(judge(spec({ json: { '$.checks[*].status': { contains: 'down' } } }), answered()).ok).toBe(true)
    })

    test('a path that matches nothing is seen as nothing', () => {
      expect(judge(spec({ json: { '$.uptime': { gt: 0 } } }), answered()).failures).toEqual([
        'expected $.uptime to be > 0, got nothing'
      ])
      expect(judge(spec({ json: { '$.error': { exists: false } } }), answered()).ok).toBe(true)
    })

    test('a JSON expectation on a body that is not JSON says so', () => {
      const seen = answered({ json: undefined, body: '<html>maintenance</html>' })
      expect(judge(spec({ json: { '$.status': 'ok' } }), seen).failures).toEqual([
        'expected a JSON body, got one that is not JSON'
      ])
    })

    test('a JSON expectation on a body cut at the size limit says so', () => {
      const seen = answered({ json: undefined, body: '{"status":"o', bodyTruncated: true })
      expect(judge(spec({ json: { '$.status': 'ok' } }), seen).failures).toEqual([
        'expected a JSON body, got a body over the size limit'
      ])
    })

    test('a filter skips the elements that lack the field it looks at', () => {
      const body = { checks: [{ name: 'db', details: { state: 'ok' } }, { name: 'cache' }] }
      const seen = answered({ json: body, body: JSON.stringify(body) })
      const json = { "$.checks[?(@.details.state=='ok')].name": 'db' }
      expect(judge(spec({ json }), seen)).toMatchObject({ ok: true, failures: [] })
    })

    test('a path that cannot be read is a failure naming it, and the rest is still judged', () => {
      const broken = "$.checks[?(@.name=='db'"
      const judged = judge(spec({ json: { [broken]: 'up', '$.status': 'down' } }), answered())
      expect(judged.ok).toBe(false)
      expect(judged.failures).toHaveLength(2)
      expect(judged.failures[0]).toContain(broken)
      expect(judged.failures[1]).toBe('expected $.status to equal "down", got "ok"')
    })
  })

  test('a JSONPath that cannot be read is named, and the other paths are still judged', () => {
    const paths = { '$[?(@.x === )]': { exists: true }, '$.status': 'down' }
    expect(judge(spec({ json: paths }), answered()).failures).toEqual([
      'cannot read $[?(@.x === )]: Expected expression after === at character 11',
      'expected $.status to equal "down", got "ok"'
    ])
  })

  test('a status written as text matches only that status', () => {
    expect(judge(spec({ status: ['204'] }), answered()).failures).toEqual(['expected status 204, got 200'])
    expect(judge(spec({ status: ['200'] }), answered()).ok).toBe(true)
  })

  describe('a JSONPath never runs code', () => {
    const marker = '__deployVerifyJsonPathRan'
    const probes = [
      `$.checks[?(@.constructor.constructor('globalThis.${marker} = 1')())]`,
      `$..[?(@.name.constructor.constructor('globalThis.${marker} = 2')())]`,
      `$.checks[?(this.constructor.constructor('globalThis.${marker} = 3')())]`,
      `$.checks[?((function () { globalThis.${marker} = 4 })())]`,
      `$.checks[?(process.env.${marker} = '5')]`,
      `$.checks[?(process.exit(3))]`,
      `$.checks[?(require('child_process').execSync('true'))]`,
      `$.checks[?(@.__proto__.polluted = 'yes')]`
    ]

    afterEach(() => {
      delete (globalThis as Record<string, unknown>)[marker]
      delete process.env[marker]
    })

    test.each(probes)('%s runs nothing and passes nothing', path => {
      const exitCode = process.exitCode
      let judged: { ok: boolean } | undefined
      try {
        judged = judge(spec({ json: { [path]: { exists: true } } }), answered())
      } catch {
        // Refusing the path outright is fine too; what matters is that nothing ran.
      }
      if (judged) expect(judged.ok).toBe(false)
      expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined()
      expect(process.env[marker]).toBeUndefined()
      expect(process.exitCode).toBe(exitCode)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(health.checks[0]).toEqual({ name: 'db', status: 'up' })
    })
  })

  describe('body and latency', () => {
    test('the body is matched as text', () => {
      expect(judge(spec({ body: { contains: '"status":"ok"' } }), answered()).ok).toBe(true)
      expect(judge(spec({ body: { matches: '^\\{' } }), answered()).ok).toBe(true)
      expect(judge(spec({ body: 'pong' }), answered({ body: 'pong' })).ok).toBe(true)
      expect(judge(spec({ body: { contains: 'healthy' } }), answered({ body: 'degraded' })).failures).toEqual(
        ['expected body to contain "healthy", got "degraded"']
      )
    })

    test('an unmet body expectation on a body cut at the size limit says where it was cut', () => {
      expect(
        judge(spec({ body: { contains: 'end' } }), answered({ body: 'start', bodyTruncated: true })).failures
      ).toEqual(['expected body to contain "end", got "start" (body truncated at 1024 bytes)'])
    })

    test('latency "<" excludes its bound and "<=" includes it', () => {
      expect(judge(spec({ latency: { op: '<', ms: 40 } }), answered()).failures).toEqual([
        'expected latency < 40 ms, took 40 ms'
      ])
      expect(judge(spec({ latency: { op: '<=', ms: 40 } }), answered()).ok).toBe(true)
      expect(judge(spec({ latency: { op: '<', ms: 41 } }), answered()).ok).toBe(true)
      expect(judge(spec({ latency: { op: '<=', ms: 39 } }), answered()).failures).toEqual([
        'expected latency <= 39 ms, took 40 ms'
      ])
    })

    test('a latency is reported in whole milliseconds', () => {
      expect(
        judge(spec({ latency: { op: '<', ms: 1000 } }), answered({ durationMs: 1234.56 })).failures
      ).toEqual(['expected latency < 1000 ms, took 1235 ms'])
    })
  })

  test('an observation that could not be made is the one failure, in its own words', () => {
    const seen: HttpObservation = {
      kind: 'http',
      url: 'http://127.0.0.1:9/health',
      error: 'connection refused (127.0.0.1:9)',
      durationMs: 3
    }
    const everything = spec({
      status: [200],
      headers: { etag: { exists: true } },
      json: { '$.status': 'ok' },
      body: { contains: 'ok' },
      latency: { op: '<', ms: 1 }
    })
    expect(judge(everything, seen)).toMatchObject({
      ok: false,
      failures: ['connection refused (127.0.0.1:9)']
    })
    const timedOut = { ...seen, error: 'timed out after 300 ms', timedOut: true, durationMs: 300 }
    expect(judge(everything, timedOut).failures).toEqual(['timed out after 300 ms'])
  })

  test('every unmet expectation is listed, in the order status, headers, JSON, body, latency', () => {
    const everything = spec({
      status: [200],
      headers: { 'x-version': 8, etag: { exists: true } },
      json: { '$.status': 'ok', '$.version': { matches: '^2\\.' } },
      body: { contains: 'healthy' },
      latency: { op: '<', ms: 10 }
    })
    const seen = answered({ status: 500 })
    const { ok, failures } = judge(everything, seen)
    expect(ok).toBe(false)
    expect(failures).toEqual([
      'expected status 200, got 500',
      'expected header x-version to equal 8, got "7"',
      'expected header etag to exist, it is missing',
      'expected $.version to match /^2\\./, got "1.4.2"',
      expect.stringMatching(/^expected body to contain "healthy", got "\{/),
      'expected latency < 10 ms, took 40 ms'
    ])
  })
})

describe('judging a PostgreSQL observation', () => {
  const spec = (extra: Partial<PostgresProbeSpec> = {}): PostgresProbeSpec => ({
    kind: 'postgres',
    url: 'postgres://db/app',
    extensions: [],
    tables: [],
    expect: {},
    ...extra
  })
  const seen = (extra: Partial<PostgresObservation> = {}): PostgresObservation => ({
    kind: 'postgres',
    serverVersion: '15.20 (Debian 15.20-0+deb12u1)',
    extensions: { plpgsql: '1.0', vector: '0.10.0' },
    tables: { documents: ['id', 'title', 'embedding'], 'audit.events': ['id', 'at'] },
    durationMs: 12,
    ...extra
  })

  test('passes a database that has everything expected', () => {
    const everything = spec({
      extensions: [{ name: 'vector', minVersion: '0.5.0' }, { name: 'plpgsql' }],
      tables: [
        { name: 'documents', columns: ['id', 'embedding'] },
        { name: 'audit.events', columns: [] }
      ],
      query: { sql: 'select 1 as one', expect: { '$[0].one': 1 } },
      expect: { serverVersion: { gte: 15 }, latency: { op: '<', ms: 1000 } }
    })
    expect(judge(everything, seen({ queryRows: [{ one: 1 }] }))).toEqual({
      ok: true,
      failures: [],
      responseTimeMs: 12
    })
  })

  test('a missing extension is named', () => {
    expect(judge(spec({ extensions: [{ name: 'pg_trgm' }] }), seen()).failures).toEqual([
      'extension pg_trgm is not installed'
    ])
  })

  test('an extension version compares part by part: 0.10.0 is newer than 0.9.1', () => {
    expect(judge(spec({ extensions: [{ name: 'vector', minVersion: '0.9.1' }] }), seen()).ok).toBe(true)
    expect(judge(spec({ extensions: [{ name: 'vector', minVersion: '0.10.0' }] }), seen()).ok).toBe(true)
    expect(
      judge(
        spec({ extensions: [{ name: 'vector', minVersion: '0.10.0' }] }),
        seen({ extensions: { vector: '0.9.1' } })
      ).failures
    ).toEqual(['extension vector is version 0.9.1, expected at least 0.10.0'])
  })

  test('a missing table is named', () => {
    expect(judge(spec({ tables: [{ name: 'jobs', columns: [] }] }), seen()).failures).toEqual([
      'table jobs does not exist'
    ])
  })

  test('the missing columns of a table are named together', () => {
    const tables = [{ name: 'documents', columns: ['id', 'owner', 'embedding', 'created_at'] }]
    expect(judge(spec({ tables }), seen()).failures).toEqual([
      'table documents has no column owner, created_at'
    ])
  })

  test('a schema-qualified table is found under its name as written', () => {
    expect(judge(spec({ tables: [{ name: 'audit.events', columns: ['at'] }] }), seen()).ok).toBe(true)
  })

  test("the query's rows are matched by JSONPath, numbers sent as text included", () => {
    const query = { sql: 'select count(*) as n from jobs', expect: { '$[0].n': { gte: 1 } } }
    // PostgreSQL's count(*) is a bigint, which arrives as text.
    expect(judge(spec({ query }), seen({ queryRows: [{ n: '3' }] })).ok).toBe(true)
    expect(judge(spec({ query }), seen({ queryRows: [{ n: '0' }] })).failures).toEqual([
      'expected $[0].n to be >= 1, got "0"'
    ])
    expect(judge(spec({ query }), seen({ queryRows: [] })).failures).toEqual([
      'expected $[0].n to be >= 1, got nothing'
    ])
  })

  test('an unmet row expectation on rows cut at the limit says how many were kept', () => {
    const query = { sql: 'select n from big', expect: { '$[2000].n': { exists: true } } }
    expect(
      judge(spec({ query }), seen({ queryRows: [{ n: 1 }], queryRowsTruncated: 1000 })).failures
    ).toEqual(['expected $[2000].n to exist, it is missing (result truncated at 1000 rows)'])
  })

  test('a query that failed is reported with its error, instead of its expectations', () => {
    const query = { sql: 'select * from nope', expect: { '$[0].n': 1, '$[1].n': 2 } }
    expect(judge(spec({ query }), seen({ queryError: 'relation "nope" does not exist' })).failures).toEqual([
      'query failed: relation "nope" does not exist'
    ])
  })

  test('the server version is compared by its leading number, part by part', () => {
    expect(judge(spec({ expect: { serverVersion: { gte: 15 } } }), seen()).ok).toBe(true)
    expect(judge(spec({ expect: { serverVersion: { gte: 15.3 } } }), seen()).ok).toBe(true)
    expect(judge(spec({ expect: { serverVersion: { gte: 16 } } }), seen()).failures).toEqual([
      'expected server version to be >= 16, got 15.20'
    ])
    expect(judge(spec({ expect: { serverVersion: { lt: 15.3 } } }), seen()).failures).toEqual([
      'expected server version to be < 15.3, got 15.20'
    ])
    expect(judge(spec({ expect: { serverVersion: { lte: '15.20', gt: '15.19' } } }), seen()).ok).toBe(true)
    expect(judge(spec({ expect: { serverVersion: { lte: 15.3, gt: '15.20' } } }), seen()).failures).toEqual([
      'expected server version to be <= 15.3, got 15.20; expected server version to be > 15.20, got 15.20'
    ])
  })

  test('the server version without a leading version, or none, is matched as seen', () => {
    expect(
      judge(spec({ expect: { serverVersion: { gte: 15 } } }), seen({ serverVersion: 'PostgreSQL 15.2' }))
        .failures
    ).toEqual(['expected server version to be >= 15, got "PostgreSQL 15.2"'])
    expect(
      judge(spec({ expect: { serverVersion: { gte: 15 } } }), seen({ serverVersion: undefined })).failures
    ).toEqual(['expected server version to be >= 15, got nothing'])
  })

  test('the server version keeps every part of its leading number', () => {
    expect(
      judge(spec({ expect: { serverVersion: { gt: '15.20' } } }), seen({ serverVersion: '15.20.1 (x)' })).ok
    ).toBe(true)
  })

  test('the server version is judged by its bounds part by part, and by its other matchers as text', () => {
    expect(judge(spec({ expect: { serverVersion: { gt: '15.3', matches: '^15\\.' } } }), seen()).ok).toBe(
      true
    )
    expect(judge(spec({ expect: { serverVersion: { gte: 15, matches: '^16' } } }), seen()).failures).toEqual([
      'expected server version to match /^16/, got "15.20"'
    ])
    expect(judge(spec({ expect: { serverVersion: '16' } }), seen()).failures).toEqual([
      'expected server version to equal "16", got "15.20"'
    ])
  })

  test('a table is missing from an observation that lists none', () => {
    expect(
      judge(spec({ tables: [{ name: 'documents', columns: [] }] }), seen({ tables: undefined })).failures
    ).toEqual(['table documents does not exist'])
  })

  test('the server version is matched as its leading version text by other matchers', () => {
    expect(judge(spec({ expect: { serverVersion: { matches: '^15\\.' } } }), seen()).ok).toBe(true)
    expect(judge(spec({ expect: { serverVersion: '15.20' } }), seen()).ok).toBe(true)
  })

  test('an observation that could not be made is the one failure', () => {
    const everything = spec({
      extensions: [{ name: 'vector' }],
      tables: [{ name: 'documents', columns: [] }]
    })
    const refused: PostgresObservation = {
      kind: 'postgres',
      error: 'connection refused (127.0.0.1:5432)',
      durationMs: 2
    }
    expect(judge(everything, refused).failures).toEqual(['connection refused (127.0.0.1:5432)'])
  })

  test('every unmet expectation is listed together', () => {
    const everything = spec({
      extensions: [{ name: 'vector', minVersion: '0.10.0' }, { name: 'pg_trgm' }],
      tables: [
        { name: 'documents', columns: ['id', 'owner'] },
        { name: 'jobs', columns: [] }
      ],
      query: { sql: 'select count(*) as n from documents', expect: { '$[0].n': { gte: 1 } } },
      expect: { serverVersion: { gte: 16 }, latency: { op: '<=', ms: 10 } }
    })
    const observed = seen({
      serverVersion: '15.19 (Debian)',
      extensions: { vector: '0.9.1' },
      queryRows: [{ n: 0 }]
    })
    expect(judge(everything, observed).failures).toEqual([
      'extension vector is version 0.9.1, expected at least 0.10.0',
      'extension pg_trgm is not installed',
      'table documents has no column owner',
      'table jobs does not exist',
      'expected $[0].n to be >= 1, got 0',
      'expected server version to be >= 16, got 15.19',
      'expected latency <= 10 ms, took 12 ms'
    ])
  })
})

describe('comparing versions', () => {
  test('compares dotted versions number by number, not as text or decimals', () => {
    expect(compareVersions('0.10.0', '0.9.1')).toBe(1)
    expect(compareVersions('0.9.1', '0.10.0')).toBe(-1)
    expect(compareVersions('15.20', '15.3')).toBe(1)
    expect(compareVersions('14.2', '15')).toBe(-1)
  })

  test('missing parts count as zero', () => {
    expect(compareVersions('1.5', '1.5.0')).toBe(0)
    expect(compareVersions('2', '2.0.0')).toBe(0)
    expect(compareVersions('1.5.1', '1.5')).toBe(1)
  })
})

describe('judging a TCP observation', () => {
  const spec: TcpProbeSpec = {
    kind: 'tcp',
    host: 'cache',
    port: 6379,
    expect: { response: { matches: '^\\+PONG' } }
  }
  const seen = (extra: Partial<TcpObservation> = {}): TcpObservation => ({
    kind: 'tcp',
    connected: true,
    response: '+PONG\r\n',
    durationMs: 1,
    ...extra
  })

  test('passes the expected answer', () => {
    expect(judge(spec, seen()).ok).toBe(true)
  })

  test('an unexpected answer is shown as it came', () => {
    expect(judge(spec, seen({ response: '-NOAUTH Authentication required.\r\n' })).failures).toEqual([
      'expected response to match /^\\+PONG/, got "-NOAUTH Authentication required.\\r\\n"'
    ])
  })

  test('an unexpected answer cut at the limit says so', () => {
    expect(judge(spec, seen({ response: 'xxx', responseTruncated: 65536 })).failures).toEqual([
      'expected response to match /^\\+PONG/, got "xxx" (response truncated at 65536 bytes)'
    ])
  })

  test('a server that closed the connection without a word is said to have done so', () => {
    expect(judge(spec, seen({ response: '', closedByServer: true })).failures).toEqual([
      'the server closed the connection without answering (expected response to match /^\\+PONG/)'
    ])
    expect(judge(spec, seen({ response: '' })).failures).toEqual([
      'expected response to match /^\\+PONG/, got ""'
    ])
    expect(judge(spec, seen({ response: 'x', closedByServer: true })).failures).toEqual([
      'expected response to match /^\\+PONG/, got "x"'
    ])
  })

  test('a connection that did not open fails, naming the endpoint', () => {
    const connectOnly: TcpProbeSpec = { kind: 'tcp', host: 'cache', port: 6379, expect: {} }
    expect(judge(connectOnly, seen({ connected: false, response: undefined })).failures).toEqual([
      'could not connect to cache:6379'
    ])
    expect(judge(connectOnly, seen({ response: undefined })).ok).toBe(true)
    expect(judge(connectOnly, seen({ response: 'hello' })).ok).toBe(true)
  })

  test('an observation that could not be made is the one failure', () => {
    const refused = seen({
      connected: false,
      response: undefined,
      error: 'connection refused (10.0.0.5:6379)'
    })
    expect(judge(spec, refused).failures).toEqual(['connection refused (10.0.0.5:6379)'])
  })
})

describe('judging a command observation', () => {
  const spec = (expect: Partial<CommandProbeSpec['expect']> = {}): CommandProbeSpec => ({
    kind: 'command',
    run: './smoke.sh',
    env: {},
    expect: { exitCode: 0, ...expect }
  })
  const ran = (extra: Partial<CommandObservation> = {}): CommandObservation => ({
    kind: 'command',
    exitCode: 0,
    stdout: 'all 12 checks ok\n',
    stderr: '',
    tail: ['all 12 checks ok'],
    timedOut: false,
    durationMs: 250,
    ...extra
  })

  test('passes the expected exit code', () => {
    expect(judge(spec(), ran())).toEqual({ ok: true, failures: [], responseTimeMs: 250 })
    expect(judge(spec({ exitCode: 2 }), ran({ exitCode: 2 })).ok).toBe(true)
  })

  test('an unmet output expectation on output cut at the limit says so', () => {
    const cut = ran({ stdout: 'x', stdoutTruncated: 1048576, stderr: 'y', stderrTruncated: 1048576 })
    expect(judge(spec({ stdout: { contains: 'done' }, stderr: '' }), cut).failures).toEqual([
      'expected stdout to contain "done", got "x" (stdout truncated at 1048576 characters)',
      'expected stderr to equal "", got "y" (stderr truncated at 1048576 characters)'
    ])
  })

  test('another exit code fails, naming both', () => {
    expect(judge(spec(), ran({ exitCode: 3 })).failures).toEqual(['expected exit code 0, got 3'])
  })

  test('a command killed by a signal says which', () => {
    expect(judge(spec(), ran({ exitCode: null, signal: 'SIGKILL' })).failures).toEqual([
      'expected exit code 0, the command was killed by SIGKILL'
    ])
  })

  test('stdout and stderr are matched', () => {
    expect(judge(spec({ stdout: { contains: 'checks ok' }, stderr: '' }), ran()).ok).toBe(true)
    expect(judge(spec({ stdout: { matches: 'all \\d+ checks ok' } }), ran()).ok).toBe(true)
    expect(judge(spec({ stdout: { contains: 'ready' } }), ran({ stdout: 'starting\n' })).failures).toEqual([
      'expected stdout to contain "ready", got "starting\\n"'
    ])
  })

  test('a command that timed out is judged by that alone', () => {
    const timedOut = ran({
      exitCode: null,
      signal: 'SIGTERM',
      timedOut: true,
      error: 'timed out after 1000 ms; the command and its children were killed'
    })
    expect(judge(spec({ stdout: { contains: 'done' } }), timedOut).failures).toEqual([
      'timed out after 1000 ms; the command and its children were killed'
    ])
  })

  test('every unmet expectation is listed together', () => {
    const everything = spec({
      exitCode: 0,
      stdout: { contains: 'ok' },
      stderr: { exists: true, equals: '' },
      latency: { op: '<', ms: 100 }
    })
    const seen = ran({ exitCode: 1, stdout: 'failed\n', stderr: 'boom\n' })
    expect(judge(everything, seen).failures).toEqual([
      'expected exit code 0, got 1',
      'expected stdout to contain "ok", got "failed\\n"',
      'expected stderr to equal "", got "boom\\n"',
      'expected latency < 100 ms, took 250 ms'
    ])
  })
})

describe('judging metric rules in an attempt', () => {
  const rule: MetricsProbeSpec['rules'][number] = {
    name: 'queue',
    expression: 'queue_depth > 10',
    selector: { name: 'queue_depth', matchers: [] },
    source: { file: 'env.yml', line: 7, column: 9 },
    warn: { op: '>', bound: 10, family: 'number', text: '> 10' },
    fail: { op: '>', bound: 100, family: 'number', text: '> 100' }
  }
  const metrics: MetricsProbeSpec = {
    kind: 'metrics',
    url: 'http://m/metrics',
    headers: {},
    maxBodyBytes: 1000,
    rules: [rule]
  }
  const sample = (value: number) => ({ name: 'queue_depth', labels: {}, value })

  test('fails an attempt on the rules at their fail level only, naming the rule', () => {
    expect(judge(metrics, { kind: 'metrics', samples: [sample(500)], durationMs: 1 }).failures).toEqual([
      'queue: queue_depth is 500: fail level > 100'
    ])
    expect(judge(metrics, { kind: 'metrics', samples: [sample(50)], durationMs: 1 })).toEqual({
      ok: true,
      failures: [],
      responseTimeMs: 1
    })
  })

  test('judges a Prometheus query the same way', () => {
    const prometheus: PrometheusProbeSpec = {
      kind: 'prometheus',
      url: 'http://p:9090',
      headers: {},
      rules: [rule]
    }
    const answer = (value: number) => ({ queue: { series: [{ labels: {}, value }], warnings: [] } })
    expect(judge(prometheus, { kind: 'prometheus', answers: answer(500), durationMs: 1 }).failures).toEqual([
      'queue: queue is 500: fail level > 100'
    ])
    expect(judge(prometheus, { kind: 'prometheus', answers: answer(50), durationMs: 1 }).ok).toBe(true)
  })
})
