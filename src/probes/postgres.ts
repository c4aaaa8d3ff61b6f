// Observes a PostgreSQL server with pg: version, extensions, the requested tables' columns, and the
// configured query. One connection per attempt, always closed, whatever happens.
import pg from 'pg'
import type { PostgresProbeSpec } from '../config/model.js'
import { attemptSignal, describeError } from './attempt.js'
import type { PostgresObservation } from '../model/observation.js'
import type { ProbeOptions } from './types.js'
import { errorMessage } from '../model/errors.js'

/** The configured query's rows are kept up to this many: expectations read a few, never millions. */
export const MAX_QUERY_ROWS = 1000

export async function probePostgres(
  spec: PostgresProbeSpec,
  options: ProbeOptions
): Promise<PostgresObservation> {
  const started = performance.now()
  const { signal, timedOut, dispose } = attemptSignal(options)
  const client = new pg.Client({
    connectionString: spec.url,
    connectionTimeoutMillis: options.timeoutMs,
    query_timeout: options.timeoutMs,
    // The server stops the statement too, rather than running on after the client gave up.
    statement_timeout: options.timeoutMs,
    application_name: 'deploy-verify'
  })
  // pg takes no AbortSignal: ending the client is what interrupts a pending connect or query.
  const stop = () => void client.end().catch(() => undefined)
  signal.addEventListener('abort', stop, { once: true })
  client.on('error', () => undefined)
  const observation: PostgresObservation = { kind: 'postgres', durationMs: 0 }
  try {
    await client.connect()
    observation.serverVersion = (await client.query<{ server_version: string }>('SHOW server_version'))
      .rows[0]?.server_version
    const extensions = await client.query<{ extname: string; extversion: string }>(
      'SELECT extname, extversion FROM pg_extension'
    )
    observation.extensions = Object.fromEntries(extensions.rows.map(r => [r.extname, r.extversion]))
    if (spec.tables.length)
      observation.tables = await tableColumns(
        client,
        spec.tables.map(t => t.name)
      )
    if (spec.query) {
      const queryStarted = performance.now()
      try {
        // Values travel as bind parameters, apart from the SQL text.
        const { rows, truncated } = await firstRows(client, spec.query.sql, spec.query.params)
        observation.queryRows = rows
        if (truncated) observation.queryRowsTruncated = MAX_QUERY_ROWS
      } catch (error) {
        // A query cut off by the attempt's timeout is a timeout of the attempt, not a query error.
        if (timedOut()) throw error
        observation.queryError = errorMessage(error)
      }
      observation.queryMs = performance.now() - queryStarted
    }
  } catch (error) {
    observation.error = describeError(error, timedOut(), options.timeoutMs)
    observation.timedOut = timedOut()
  } finally {
    dispose()
    signal.removeEventListener('abort', stop)
    await client.end().catch(() => undefined)
  }
  observation.durationMs = performance.now() - started
  return observation
}

/**
 * The first MAX_QUERY_ROWS rows of `sql`, counted as they arrive; past them the connection is
 * dropped, which stops both the download and, on its next write, the server's statement.
 */
function firstRows(
  client: pg.Client,
  sql: string,
  params: readonly unknown[] | undefined
): Promise<{ rows: Record<string, unknown>[]; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    // The callback (which pg's query timeout needs) keeps the rows too, until the cut.
    const query = new pg.Query<Record<string, unknown>>(
      sql,
      params ? [...params] : undefined,
      (error, result) => (error ? reject(error) : resolve({ rows: result.rows, truncated: false }))
    )
    query.on('row', (_row, result) => {
      if (result && result.rows.length >= MAX_QUERY_ROWS) {
        resolve({ rows: result.rows.slice(0, MAX_QUERY_ROWS), truncated: true })
        client.connection.stream.destroy()
      }
    })
    client.query(query)
  })
}

/** Columns of the requested tables that exist, keyed by the name as the user wrote it. */
async function tableColumns(client: pg.Client, names: string[]): Promise<Record<string, string[]>> {
  const qualified = names.map(name => (name.includes('.') ? name : `public.${name}`))
  const result = await client.query<{ name: string; column_name: string }>(
    `SELECT table_schema || '.' || table_name AS name, column_name
       FROM information_schema.columns
      WHERE table_schema || '.' || table_name = ANY($1)
      ORDER BY ordinal_position`,
    [qualified]
  )
  const tables: Record<string, string[]> = {}
  names.forEach((name, i) => {
    const columns = result.rows.filter(r => r.name === qualified[i]).map(r => r.column_name)
    if (columns.length) tables[name] = columns
  })
  return tables
}
