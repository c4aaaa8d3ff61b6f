// The TCP probe against Redis on 127.0.0.1:6379 and small loopback servers: does the endpoint
// accept a connection, and what does it answer to what the probe sends?
import { createServer, type Socket } from 'node:net'
import type { TcpProbeSpec } from '../../src/config/model.js'
import { observe } from '../../src/probes/index.js'
import { MAX_RESPONSE_BYTES } from '../../src/probes/tcp.js'
import type { TcpObservation } from '../../src/model/observation.js'
import { unusedPort, Servers } from '../support/loopback.js'

const servers = new Servers()
const sockets = new Set<Socket>()

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await servers.closeAll()
})

function spec(port: number, extra: Partial<TcpProbeSpec> = {}): TcpProbeSpec {
  return { kind: 'tcp', host: '127.0.0.1', port, expect: {}, ...extra }
}

function probe(probeSpec: TcpProbeSpec, timeoutMs = 10_000): Promise<TcpObservation> {
  return observe(probeSpec, { timeoutMs }) as Promise<TcpObservation>
}

/** A server that does `handle` with every connection, and remembers it to close it at the end. */
async function serve(handle: (socket: Socket) => void): Promise<number> {
  const server = createServer(socket => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    handle(socket)
  })
  return servers.listen(server)
}

describe('a TCP probe', () => {
  test('sends a line protocol request and reads its answer: Redis answers PING with +PONG', async () => {
    const seen = await probe(spec(6379, { send: 'PING\r\n' }))
    expect(seen.error).toBeUndefined()
    expect(seen).toMatchObject({ connected: true, response: '+PONG\r\n' })
  })

  test('without anything to send, observes only that the connection opens', async () => {
    const seen = await probe(spec(6379))
    expect(seen.error).toBeUndefined()
    expect(seen.connected).toBe(true)
    expect(seen.response).toBeUndefined()
  })

  test("reads a server's greeting when a response is expected and nothing is to be sent", async () => {
    const port = await serve(socket => socket.write('220 mail.example.com ESMTP ready\r\n'))
    const seen = await probe(spec(port, { expect: { response: { contains: '220' } } }))
    expect(seen.error).toBeUndefined()
    expect(seen).toMatchObject({ connected: true, response: '220 mail.example.com ESMTP ready\r\n' })
  })

  test('observes a refused connection as not connected, with the reason', async () => {
    const port = await unusedPort()
    const seen = await probe(spec(port, { send: 'PING\r\n' }))
    expect(seen.connected).toBe(false)
    expect(seen.error).toContain('connection refused')
    expect(seen.timedOut).toBeFalsy()
  })

  test('reads an answer without a newline until the server closes the connection', async () => {
    const port = await serve(socket => socket.once('data', () => socket.end('bye, no newline')))
    const seen = await probe(spec(port, { send: 'HELLO\n' }))
    expect(seen.error).toBeUndefined()
    expect(seen).toMatchObject({ connected: true, response: 'bye, no newline' })
  })

  test('cuts off a server that accepts but never answers at the timeout, having connected', async () => {
    const port = await serve(() => undefined)
    const started = Date.now()
    const seen = await probe(spec(port, { send: 'PING\r\n' }), 300)
    expect(seen).toMatchObject({ connected: true, timedOut: true, error: 'timed out after 300 ms' })
    expect(seen.response).toBe('')
    // Only that it finished: a generous bound, not a measurement.
    expect(Date.now() - started).toBeLessThan(15_000)
  })
})

describe('a TCP server that never stops answering', () => {
  test('is read up to 64 KiB, then the connection is closed and the cut is recorded', async () => {
    const endless = Buffer.alloc(16 * 1024, 'x')
    const port = await serve(socket => {
      const pour = (): void => {
        while (!socket.destroyed && socket.write(endless));
      }
      socket.on('drain', pour)
      pour()
    })
    const started = Date.now()
    const seen = await probe(spec(port, { expect: { response: { contains: 'PONG' } } }))
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(seen.error).toBeUndefined()
    expect(seen.response).toHaveLength(MAX_RESPONSE_BYTES)
    expect(seen.responseTruncated).toBe(MAX_RESPONSE_BYTES)
  })
})
