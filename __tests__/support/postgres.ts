// Statements against the real PostgreSQL server, one connection each call, always closed.
import pg from 'pg'

export const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test'

export async function sql(connection: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: connection })
  await client.connect()
  try {
    for (const statement of statements) await client.query(statement)
  } finally {
    await client.end()
  }
}
