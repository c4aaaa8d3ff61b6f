// Observes a PostgreSQL database's schema for baseline comparison: extensions with versions, tables
// with their columns' types, indexes, constraints, and the latest applied migration. System schemas
// are left out. One connection, always closed.
import pg from 'pg'
import type { SchemaSnapshot } from '../model/observation.js'

export interface SnapshotOptions {
  timeoutMs: number
  /** A table with a `version` column whose greatest value is the latest applied migration (schema_migrations). */
  migrationsTable?: string
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%'`

export async function snapshotSchema(url: string, options: SnapshotOptions): Promise<SchemaSnapshot> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.timeoutMs,
    query_timeout: options.timeoutMs,
    application_name: 'deploy-verify'
  })
  client.on('error', () => undefined)
  try {
    await client.connect()
    const rows = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows
    const extensions = await rows<{ extname: string; extversion: string }>(
      'SELECT extname, extversion FROM pg_extension'
    )
    const columns = await rows<{ name: string; column: string; type: string }>(
      `SELECT n.nspname || '.' || c.relname AS name, a.attname AS column,
              format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_SCHEMAS}
        ORDER BY 1, a.attnum`
    )
    const indexes = await rows<{ name: string; definition: string }>(
      `SELECT schemaname || '.' || indexname AS name, indexdef AS definition FROM pg_indexes n
        WHERE ${USER_SCHEMAS.replaceAll('n.nspname', 'schemaname')}`
    )
    const constraints = await rows<{ name: string; definition: string }>(
      `SELECT n.nspname || '.' || c.relname || '.' || k.conname AS name, pg_get_constraintdef(k.oid) AS definition
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE ${USER_SCHEMAS}`
    )
    const tables: SchemaSnapshot['tables'] = {}
    for (const { name, column, type } of columns) (tables[name] ??= {})[column] = type
    return {
      extensions: Object.fromEntries(extensions.map(e => [e.extname, e.extversion])),
      tables,
      indexes: Object.fromEntries(indexes.map(i => [i.name, i.definition])),
      constraints: Object.fromEntries(constraints.map(c => [c.name, c.definition])),
      migration: options.migrationsTable ? await latestMigration(client, options.migrationsTable) : null
    }
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function latestMigration(client: pg.Client, table: string): Promise<string | null> {
  const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [table])
  if (!exists.rows[0]?.t) return null
  // The table name was just resolved by the server, so quoting it through regclass is safe.
  const result = await client.query(`SELECT max(version)::text AS v FROM ${exists.rows[0].t}`)
  return (result.rows[0] as { v: string | null } | undefined)?.v ?? null
}
