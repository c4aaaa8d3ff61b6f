// The demo's PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly, running in this process) with
// pgvector, served over the PostgreSQL wire protocol on a free loopback port, so that the app and the
// action connect with pg exactly as they would to a real server. No installation, no Docker.
import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

// What the demo release needs: pgvector for the documents' embeddings and a jobs queue.
const SCHEMA = `
  CREATE EXTENSION IF NOT EXISTS vector;
  CREATE TABLE documents (id serial PRIMARY KEY, title text NOT NULL, embedding vector(3));
  CREATE TABLE jobs (id serial PRIMARY KEY, status text NOT NULL DEFAULT 'queued');
  INSERT INTO documents (title, embedding) VALUES
    ('Getting started', '[0.1, 0.2, 0.3]'),
    ('Runbook', '[0.3, 0.1, 0.0]');
  INSERT INTO jobs (status) VALUES ('done'), ('queued');
`

/**
 * @typedef {object} Database
 * @property {number} port
 * @property {string} version the server version and pgvector's, for the demo's banner
 * @property {(password: string) => string} url a connection URL (PGlite accepts any password)
 * @property {(sql: string) => Promise<void>} exec runs statements, as a migration would
 * @property {() => Promise<void>} stop closes the socket server, then the database
 */

/** @returns {Promise<Database>} */
export async function startDatabase() {
  const db = await PGlite.create({ extensions: { vector } })
  try {
    await db.exec(SCHEMA)
    // PGlite is a single session: the server multiplexes client connections onto it, queueing
    // their queries, so the app and the action's probe can be connected at the same time.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 })
    await server.start()
    const port = Number(server.getServerConn().split(':').pop())
    const [{ server_version: pg }] = (await db.query('SHOW server_version')).rows
    const [{ extversion }] = (await db.query("SELECT extversion FROM pg_extension WHERE extname = 'vector'"))
      .rows
    return {
      port,
      version: `PostgreSQL ${pg} (PGlite) with pgvector ${extversion}`,
      url: password => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      exec: async sql => void (await db.exec(sql)),
      stop: async () => {
        await server.stop()
        await db.close()
      }
    }
  } catch (error) {
    await db.close()
    throw error
  }
}
