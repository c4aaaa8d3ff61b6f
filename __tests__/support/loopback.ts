// Real loopback parts for the probe specifications: servers on port 0, a port nobody listens on,
// and polling for things that happen asynchronously (a backend exiting, a process dying).
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http'
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net'

/** Servers a test file started; `closeAll` ends their connections and closes them. */
export class Servers {
  private readonly started: NetServer[] = []

  async listen(server: NetServer, host = '127.0.0.1'): Promise<number> {
    this.started.push(server)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
    return (server.address() as AddressInfo).port
  }

  async closeAll(): Promise<void> {
    const servers = this.started.splice(0)
    for (const server of servers) {
      const withConnections = server as NetServer & { closeAllConnections?: () => void }
      withConnections.closeAllConnections?.()
    }
    await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))))
  }
}

/** A port nothing listens on (for a refusal) or free to hand to a server: bound on port 0, noted, released. */
export async function unusedPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

/**
 * Asks `probe` until it answers true or `deadlineMs` has passed, and returns its last answer. For
 * what the system does asynchronously; a deadline, never a measurement.
 */
export async function eventually(
  probe: () => boolean | Promise<boolean>,
  deadlineMs = 5000
): Promise<boolean> {
  const until = Date.now() + deadlineMs
  for (;;) {
    if (await probe()) return true
    if (Date.now() > until) return false
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/** An HTTP server on a free loopback port; `close` ends its connections too. */
export async function startHttp(
  handler: RequestListener
): Promise<{ url: string; server: HttpServer; close(): Promise<void> }> {
  const server = createHttpServer(handler)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: async () => {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
  }
}

/** Answers `{"status":"ok"}` after `delayMs()`: an API whose speed the test sets. */
export function okAfter(delayMs: () => number): RequestListener {
  return (_request, response) => {
    setTimeout(
      () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
      delayMs()
    )
  }
}
