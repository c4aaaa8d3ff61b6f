// The PostgreSQL probe against the real server on 127.0.0.1:5432: it observes the server version,
// the installed extensions, the requested tables' columns and the configured query's rows, and it
// never leaves a connection open, whatever happened.
import pg from 'pg'
import type { PostgresProbeSpec } from '../../src/config/model.js'
import { observe } from '../../src/probes/index.js'
import { MAX_QUERY_ROWS } from '../../src/probes/postgres.js'
import type { PostgresObservation } from '../../src/model/observation.js'
import { unusedPort, eventually } from '../support/loopback.js'

const DATABASE = 'postgres://postgres@127.0.0.1:5432/test'
const unique = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`
const schema = `dv_probe_${unique}`
/** A table in public, for names written without a schema. */
const publicTable = `dv_probe_public_${unique}`
/** A table only in the test's schema, never in public. */
const hiddenTable = `dv_probe_hidden_${unique}`
const admin = new pg.Client({ connectionString: DATABASE })

beforeAll(async () => {
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.query(`CREATE TABLE ${schema}.jobs (id int PRIMARY KEY, status text NOT NULL, payload jsonb)`)
  await admin.query(`INSERT INTO ${schema}.jobs VALUES (1, 'done', '{"n": 1}'), (2, 'queued', null)`)
  await admin.query(`CREATE TABLE ${schema}.${hiddenTable} (id int)`)
  await admin.query(`CREATE TABLE public.${publicTable} (key text, value text)`)
})

afterAll(async () => {
  await admin.query(`DROP TABLE IF EXISTS public.${publicTable}`)
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.end()
})

function spec(extra: Partial<PostgresProbeSpec> = {}): PostgresProbeSpec {
  return { kind: 'postgres', url: DATABASE, extensions: [], tables: [], expect: {}, ...extra }
}

function probe(probeSpec: PostgresProbeSpec, timeoutMs = 10_000): Promise<PostgresObservation> {
  return observe(probeSpec, { timeoutMs }) as Promise<PostgresObservation>
}

const table = (name: string) => ({ name, columns: [] })

/** Connections the probes hold: every probe names itself `deploy-verify` to the server. */
async function openProbeConnections(): Promise<number> {
  const result = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'deploy-verify'`
  )
  return result.rows[0]?.n ?? -1
}

describe('a PostgreSQL probe', () => {
  test('sees the server version as the server reports it', async () => {
    const seen = await probe(spec())
    const reported = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]
    expect(seen.error).toBeUndefined()
    expect(seen.serverVersion).toBe(reported?.server_version)
    expect(seen.serverVersion).toMatch(/^\d+(\.\d+)?/)
  })

  test('sees the installed extensions with their versions', async () => {
    const seen = await probe(spec())
    expect(seen.extensions).toHaveProperty('plpgsql')
    expect(seen.extensions?.plpgsql).toMatch(/^\d+(\.\d+)*$/)
  })

  test("sees a schema-qualified table's columns, in their order", async () => {
    const seen = await probe(spec({ tables: [table(`${schema}.jobs`)] }))
    expect(seen.tables).toEqual({ [`${schema}.jobs`]: ['id', 'status', 'payload'] })
  })

  test('looks a table named without a schema up in public, keyed by the name as written', async () => {
    const seen = await probe(spec({ tables: [table(publicTable)] }))
    expect(seen.tables).toEqual({ [publicTable]: ['key', 'value'] })
  })

  test('leaves a table that does not exist out, and still sees the ones that do', async () => {
    const seen = await probe(
      spec({ tables: [table(`${schema}.jobs`), table(`${schema}.missing`), table(`missing_${unique}`)] })
    )
    expect(seen.error).toBeUndefined()
    expect(Object.keys(seen.tables ?? {})).toEqual([`${schema}.jobs`])
  })

  test('does not find a table of another schema by its bare name', async () => {
    const seen = await probe(spec({ tables: [table(hiddenTable), table(`${schema}.${hiddenTable}`)] }))
    expect(seen.tables).toEqual({ [`${schema}.${hiddenTable}`]: ['id'] })
  })

  test("returns the configured query's rows", async () => {
    const seen = await probe(
      spec({ query: { sql: `SELECT id, status, payload FROM ${schema}.jobs ORDER BY id`, expect: {} } })
    )
    expect(seen.queryError).toBeUndefined()
    expect(seen.queryRows).toEqual([
      { id: 1, status: 'done', payload: { n: 1 } },
      { id: 2, status: 'queued', payload: null }
    ])
    // The query's own time: some, and part of the whole probe's.
    expect(seen.queryMs).toBeGreaterThan(0)
    expect(seen.queryMs).toBeLessThanOrEqual(seen.durationMs ?? 0)
  })

  test('sends params apart from the SQL: a value holding SQL is compared as text, never run', async () => {
    const pwned = `dv_pwned_${unique}`
    const hostile = `'); create table ${pwned}(x int); --`
    const seen = await probe(
      spec({ query: { sql: 'select $1::text as tenant, $2::int as n', params: [hostile, '7'], expect: {} } })
    )
    expect(seen.queryError).toBeUndefined()
    expect(seen.queryRows).toEqual([{ tenant: hostile, n: 7 }])
    const created = await admin.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [pwned])
    expect(created.rows[0]?.t).toBeNull()
  })

  test('observes a failing query as a query error, and still sees everything else', async () => {
    const seen = await probe(
      spec({
        tables: [table(`${schema}.jobs`)],
        query: { sql: `SELECT * FROM ${schema}.no_such_table`, expect: {} }
      })
    )
    expect(seen.error).toBeUndefined()
    expect(seen.queryError).toContain('no_such_table')
    expect(seen.queryError).toContain('does not exist')
    expect(seen.queryRows).toBeUndefined()
    expect(seen.extensions).toHaveProperty('plpgsql')
    expect(Object.keys(seen.tables ?? {})).toEqual([`${schema}.jobs`])
  })

  test('observes a server that is not there as an error with the reason', async () => {
    const port = await unusedPort()
    const seen = await probe(spec({ url: `postgres://postgres@127.0.0.1:${port}/test` }))
    expect(seen.error).toContain('connection refused')
    expect(seen.serverVersion).toBeUndefined()
    expect(seen.extensions).toBeUndefined()
    expect(seen.timedOut).toBeFalsy()
  })

  test('observes a database that does not exist as an error naming it', async () => {
    const seen = await probe(spec({ url: `postgres://postgres@127.0.0.1:5432/no_db_${unique}` }))
    expect(seen.error).toContain(`no_db_${unique}`)
    expect(seen.error).toContain('does not exist')
    expect(seen.serverVersion).toBeUndefined()
  })

  test('cuts a query that outlasts the attempt off at the timeout, as a timeout of the attempt', async () => {
    const started = Date.now()
    const seen = await probe(spec({ query: { sql: 'SELECT pg_sleep(30)', expect: {} } }), 1000)
    expect(seen).toMatchObject({ timedOut: true, error: 'timed out after 1000 ms' })
    expect(seen.queryError).toBeUndefined()
    // Only that it finished long before the query would have: a generous bound.
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  test('leaves no connection open after probes that passed, failed a query, were refused or timed out', async () => {
    const port = await unusedPort()
    await Promise.all([
      probe(spec({ tables: [table(`${schema}.jobs`)] })),
      probe(spec({ query: { sql: 'SELECT 1/0', expect: {} } })),
      probe(spec({ url: `postgres://postgres@127.0.0.1:${port}/test` })),
      probe(spec({ query: { sql: 'SELECT pg_sleep(30)', expect: {} } }), 1000)
    ])
    // A backend leaves pg_stat_activity shortly after its client hangs up: poll for that, briefly.
    expect(await eventually(async () => (await openProbeConnections()) === 0, 8000)).toBe(true)
  })
})

describe('a PostgreSQL query that returns millions of rows', () => {
  test('keeps the first rows, records the cut, and stops the server statement itself', async () => {
    // In the select list, generate_series streams its rows; in FROM it would build all of them first.
    const seen = await probe(
      spec({ query: { sql: 'SELECT generate_series(1, 50000000) AS n', expect: {} } }),
      30_000
    )
    // Ended by its own cut, not by reading on until the attempt's timeout.
    expect(seen.timedOut).toBeFalsy()
    expect(seen.error).toBeUndefined()
    expect(seen.queryError).toBeUndefined()
    expect(seen.queryRows).toHaveLength(MAX_QUERY_ROWS)
    expect(seen.queryRows?.[0]).toEqual({ n: 1 })
    expect(seen.queryRowsTruncated).toBe(MAX_QUERY_ROWS)
    expect(await eventually(async () => (await openProbeConnections()) === 0)).toBe(true)
  })
})
