// The demo application: the smallest API that has a meaningful health endpoint. GET /health asks the
// database a question before answering, so "ok" means the app can really reach its data.
import { createServer } from 'node:http'
import pg from 'pg'

/**
 * @param {{ databaseUrl: string }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startApp({ databaseUrl }) {
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' || request.url !== '/health') {
      return send(response, 404, { error: 'not found' })
    }
    if (await databaseIsUp(databaseUrl)) send(response, 200, { status: 'ok', database: 'up' })
    else send(response, 503, { status: 'degraded', database: 'down' })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: async () => {
      // Keep-alive sockets would hold close() open until they time out.
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
  }
}

/** One connection per request, always closed: the embedded database serves few connections. */
async function databaseIsUp(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000, query_timeout: 2000 })
  // A dropped connection surfaces as the failed query; unlistened, its error event would crash the app.
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}
