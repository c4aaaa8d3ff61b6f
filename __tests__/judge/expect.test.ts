// The judge compares an observation with its expectations and says, in plain words, what was
// expected and what was seen. Pure: no I/O here.
import type { HttpProbeSpec, PostgresProbeSpec } from '../../src/config/model.js'
import { compareVersions, judge } from '../../src/judge/expect.js'
import { checkMatcher } from '../../src/judge/matchers.js'
import type { HttpObservation, PostgresObservation } from '../../src/probes/types.js'

const http = (expect: Partial<HttpProbeSpec['expect']> = {}): HttpProbeSpec => ({
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

const answered = (extra: Partial<HttpObservation> = {}): HttpObservation => ({
  kind: 'http',
  url: 'https://api.example.com/health',
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"status":"ok","checks":[{"name":"db","status":"up"}]}',
  json: { status: 'ok', checks: [{ name: 'db', status: 'up' }] },
  durationMs: 40,
  ...extra
})

describe('http', () => {
  test('a 503 fails a 2xx expectation, saying both', () => {
    expect(judge(http(), answered({ status: 503 })).failures).toEqual(['expected status 2xx, got 503'])
  })

  test('status codes, classes and lists all match', () => {
    expect(judge(http({ status: [200] }), answered()).ok).toBe(true)
    expect(judge(http({ status: ['3xx', 200] }), answered()).ok).toBe(true)
    expect(judge(http({ status: [201, 204] }), answered()).failures).toEqual([
      'expected status 201 or 204, got 200'
    ])
  })

  test('JSONPath expectations, filters included, name the path and both values', () => {
    const spec = http({ json: { '$.status': 'ok', "$.checks[?(@.name=='db')].status": 'down' } })
    expect(judge(spec, answered()).failures).toEqual([
      `expected $.checks[?(@.name=='db')].status to equal "down", got "up"`
    ])
  })

  test('a JSON expectation on a body that is not JSON says so', () => {
    expect(
      judge(http({ json: { '$.status': 'ok' } }), answered({ json: undefined, body: '<html>' })).failures
    ).toEqual(['expected a JSON body, got one that is not JSON'])
  })

  test('headers, body and latency are judged together, every unmet one listed', () => {
    const spec = http({
      headers: { 'Content-Type': { contains: 'xml' } },
      body: { contains: 'healthy' },
      latency: { op: '<', ms: 40 }
    })
    expect(judge(spec, answered()).failures).toEqual([
      'expected header Content-Type to contain "xml", got "application/json"',
      expect.stringMatching(/^expected body to contain "healthy", got /),
      'expected latency < 40 ms, took 40 ms'
    ])
    expect(judge(http({ latency: { op: '<=', ms: 40 } }), answered()).ok).toBe(true)
  })

  test('an observation that could not be made is the one failure, in its own words', () => {
    const seen = answered({ status: undefined, error: 'connection refused (127.0.0.1:9)' })
    expect(judge(http({ json: { '$.status': 'ok' } }), seen).failures).toEqual([
      'connection refused (127.0.0.1:9)'
    ])
  })
})

describe('postgres', () => {
  const spec: PostgresProbeSpec = {
    kind: 'postgres',
    url: 'postgres://db/app',
    extensions: [{ name: 'vector', minVersion: '0.10.0' }, { name: 'pg_trgm' }],
    tables: [
      { name: 'documents', columns: ['id', 'embedding'] },
      { name: 'jobs', columns: [] }
    ],
    query: { sql: 'select count(*) as n from jobs', expect: { '$[0].n': { gte: 1 } } },
    expect: { serverVersion: { gte: 16 } }
  }
  const seen: PostgresObservation = {
    kind: 'postgres',
    serverVersion: '15.19 (Debian 15.19-0+deb12u1)',
    extensions: { plpgsql: '1.0', vector: '0.9.1' },
    tables: { documents: ['id', 'title'] },
    queryRows: [{ n: 0 }],
    durationMs: 12
  }

  test('names every missing extension, old version, missing table and column, query and version miss', () => {
    expect(judge(spec, seen).failures).toEqual([
      'extension vector is version 0.9.1, expected at least 0.10.0',
      'extension pg_trgm is not installed',
      'table documents has no column embedding',
      'table jobs does not exist',
      'expected $[0].n to be >= 1, got 0',
      'expected server version to be >= 16, got 15.19'
    ])
  })

  test('a server version compares part by part: 15.20 is newer than 15.3', () => {
    const newer = { ...seen, serverVersion: '15.20 (Debian 15.20-1)' }
    expect(
      judge(
        { ...spec, extensions: [], tables: [], query: undefined, expect: { serverVersion: { gte: 15.3 } } },
        newer
      ).ok
    ).toBe(true)
    expect(
      judge(
        { ...spec, extensions: [], tables: [], query: undefined, expect: { serverVersion: { lt: 15.3 } } },
        newer
      ).failures
    ).toEqual(['expected server version to be < 15.3, got 15.20'])
  })

  test('versions compare by number, part by part', () => {
    expect(compareVersions('0.10.0', '0.9.1')).toBe(1)
    expect(compareVersions('1.5', '1.5.0')).toBe(0)
    expect(compareVersions('14.2', '15')).toBe(-1)
  })
})

describe('command and tcp', () => {
  test('a command killed by a signal says so', () => {
    const failures = judge(
      { kind: 'command', run: 'x', env: {}, expect: { exitCode: 0, stdout: { contains: 'ok' } } },
      {
        kind: 'command',
        exitCode: null,
        signal: 'SIGKILL',
        stdout: 'starting',
        stderr: '',
        tail: [],
        durationMs: 5
      }
    ).failures
    expect(failures).toEqual([
      'expected exit code 0, the command was killed by SIGKILL',
      'expected stdout to contain "ok", got "starting"'
    ])
  })

  test('a TCP answer is matched', () => {
    const spec = {
      kind: 'tcp' as const,
      host: 'cache',
      port: 6379,
      expect: { response: { matches: '^\\+PONG' } }
    }
    expect(judge(spec, { kind: 'tcp', connected: true, response: '+PONG\r\n', durationMs: 1 }).ok).toBe(true)
    expect(
      judge(spec, { kind: 'tcp', connected: true, response: '-ERR\r\n', durationMs: 1 }).failures
    ).toEqual(['expected response to match /^\\+PONG/, got "-ERR\\r\\n"'])
  })
})

describe('matchers', () => {
  test('a plain value means equality, across YAML scalar types', () => {
    expect(checkMatcher('5', 5, 'header x-count')).toBeNull()
    expect(checkMatcher({ a: [1] }, { equals: { a: [1] } }, '$')).toBeNull()
    expect(checkMatcher('degraded', 'ok', '$.status')).toBe('expected $.status to equal "ok", got "degraded"')
  })

  test('contains works on text and on lists; exists on presence', () => {
    expect(checkMatcher(['a', 'b'], { contains: 'b' }, '$.tags')).toBeNull()
    expect(checkMatcher(undefined, { exists: true }, 'header etag')).toBe(
      'expected header etag to exist, it is missing'
    )
    expect(checkMatcher('x', { exists: false }, '$.error')).toBe(
      'expected $.error to be absent, it is present'
    )
  })

  test('comparisons read numbers from text, and fail on what is not a number', () => {
    expect(checkMatcher('15.4', { gte: 15, lt: 16 }, 'version')).toBeNull()
    expect(checkMatcher('n/a', { gt: 0 }, '$.count')).toBe('expected $.count to be > 0, got "n/a"')
  })
})
