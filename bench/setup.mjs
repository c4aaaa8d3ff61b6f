// What every benchmark case stands on: a loopback server that answers after 50 ms, and a workspace
// whose environment file holds N services.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const DELAY_MS = 50

/** Answers {"status":"ok"} after DELAY_MS and counts the connections open at once. */
export async function startServer() {
  const counts = { open: 0, peak: 0, requests: 0 }
  /** Called when the last open connection closes. */
  const waiting = []
  const server = createServer((_request, response) => {
    counts.requests++
    setTimeout(
      () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
      DELAY_MS
    )
  })
  server.on('connection', socket => {
    counts.peak = Math.max(counts.peak, ++counts.open)
    socket.on('close', () => {
      if (--counts.open > 0) return
      for (const resolve of waiting.splice(0)) resolve()
    })
  })
  // Idle connections stay open as long as a run lasts: the cases measure the action, not a server
  // that closes connections the client is about to reuse (Node's default is 5 s).
  server.keepAliveTimeout = 60_000
  await new Promise(resolve => server.listen(0, '127.0.0.1', 4096, resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    counts,
    reset: () => Object.assign(counts, { peak: counts.open, requests: 0 }),
    /** Resolves once no connection is open (those of a process that just ended close a moment later), or after 2 s. */
    settled: () =>
      counts.open === 0
        ? Promise.resolve()
        : new Promise(resolve => {
            const timer = setTimeout(resolve, 2000)
            waiting.push(() => {
              clearTimeout(timer)
              resolve()
            })
          }),
    close: () => {
      server.closeAllConnections()
      return new Promise(resolve => server.close(resolve))
    }
  }
}

export async function workspaceFor(services, concurrency) {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-verify-bench-ws-'))
  const lines = [
    'version: 1',
    'environment: bench',
    'defaults:',
    `  concurrency: ${concurrency}`,
    '  timeout: 30s',
    '  retry: { attempts: 1 }',
    'services:'
  ]
  services.forEach((probe, i) => lines.push(`  s${String(i).padStart(5, '0')}:`, `    ${probe(i)}`))
  await writeFile(join(dir, 'env.yml'), lines.join('\n') + '\n')
  return dir
}

export const httpProbe = url => i =>
  `http: { url: "${url}/health?n=${i}", expect: { status: 200, json: { $.status: ok } } }`
/** The smallest HTTP check: 5,000 of the full one would pass the configuration's 50,000-node cap. */
export const bareHttpProbe = url => i => `http: { url: "${url}/health?n=${i}" }`
export const postgresProbe = () => 'postgres: { url: "postgres://postgres@127.0.0.1:5432/test" }'
