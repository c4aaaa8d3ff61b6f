// Observes a TCP endpoint: does it accept a connection, and what does it answer to `send`?
import { Socket } from 'node:net'
import type { TcpProbeSpec } from '../config/model.js'
import { attemptSignal, describeError } from './attempt.js'
import type { TcpObservation } from '../model/observation.js'
import type { ProbeOptions } from './types.js'

/** A TCP answer is read up to this size, then the connection is closed; protocols' greetings and replies are far smaller. */
export const MAX_RESPONSE_BYTES = 64 * 1024

/**
 * Reading stops, without waiting on a clock, at the first of: the peer closes, the cap is reached,
 * or a line ends with a newline (what line protocols such as Redis, SMTP and FTP answer with).
 * Without `send`, the server's greeting is read when a response is expected (SMTP, FTP, SSH
 * banners); otherwise only the connection is observed.
 */
export async function probeTcp(spec: TcpProbeSpec, options: ProbeOptions): Promise<TcpObservation> {
  const started = performance.now()
  const { signal, timedOut, dispose } = attemptSignal(options)
  const socket = new Socket()
  let connected = false
  let closedByServer = false
  const chunks: Buffer[] = []
  let size = 0
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => reject(error)
      signal.addEventListener('abort', () => fail(signal.reason), { once: true })
      socket.once('error', fail)
      socket.connect(spec.port, spec.host, () => {
        connected = true
        if (!readsResponse(spec)) return resolve()
        socket.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk)
          size += chunk.length
          if (size >= MAX_RESPONSE_BYTES || chunk.includes(10)) resolve()
        })
        socket.once('end', () => {
          closedByServer = true
          resolve()
        })
        if (spec.send !== undefined) socket.write(spec.send)
      })
    })
    return {
      kind: 'tcp',
      connected,
      response: responseText(chunks, spec),
      ...(closedByServer ? { closedByServer: true } : {}),
      // Reading stopped at the cap: what came after it was not read.
      ...(size >= MAX_RESPONSE_BYTES && { responseTruncated: MAX_RESPONSE_BYTES }),
      durationMs: performance.now() - started
    }
  } catch (error) {
    return {
      kind: 'tcp',
      connected,
      response: responseText(chunks, spec),
      error: describeError(error, timedOut(), options.timeoutMs),
      timedOut: timedOut(),
      durationMs: performance.now() - started
    }
  } finally {
    dispose()
    socket.destroy()
  }
}

function responseText(chunks: Buffer[], spec: TcpProbeSpec): string | undefined {
  return !readsResponse(spec)
    ? undefined
    : Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8')
}

function readsResponse(spec: TcpProbeSpec): boolean {
  return spec.send !== undefined || spec.expect.response !== undefined
}
