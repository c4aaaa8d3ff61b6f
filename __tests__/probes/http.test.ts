// The HTTP(S) probe against real loopback servers: it observes what the server answered (status,
// headers, body, redirects, timings) and never judges; a failure to get an answer is an observation
// with `error` set, never an exception.
import { httpSpec } from '../support/specs.js'
import { EventEmitter, once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { HttpProbeSpec } from '../../src/config/model.js'
import { HttpPools } from '../../src/probes/http-pools.js'
import { observe } from '../../src/probes/index.js'
import type { HttpObservation } from '../../src/model/observation.js'
import { unusedPort, Servers } from '../support/loopback.js'

const TLS = new URL('../fixtures/tls/', import.meta.url)
const servers = new Servers()
/** The test server says here what happened on its side: a request arrived, a connection closed. */
const serverSide = new EventEmitter()
/** The probes of this file share pools, as the attempts of one run do. */
const pools = new HttpPools()

afterAll(async () => {
  await pools.close()
  await servers.closeAll()
})

const spec = httpSpec

function probe(
  probeSpec: HttpProbeSpec,
  options: { timeoutMs?: number; signal?: AbortSignal } = {}
): Promise<HttpObservation> {
  return observe(probeSpec, { timeoutMs: 10_000, httpPools: pools, ...options }) as Promise<HttpObservation>
}

/** Answers forever, in chunks, until the client goes away; then says so. */
function endless(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/plain' })
  const chunk = Buffer.alloc(16_384, 'x')
  const pump = () => {
    while (!response.destroyed && response.write(chunk));
  }
  response.on('drain', pump)
  response.on('close', () => serverSide.emit('endless closed'))
  pump()
}

function app(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://loopback')
  const hops = /^\/hops\/(\d+)$/.exec(url.pathname)
  if (hops) {
    const left = Number(hops[1])
    response.writeHead(302, { location: left > 1 ? `/hops/${left - 1}` : '/landed' }).end()
    return
  }
  switch (url.pathname) {
    case '/text':
      response.writeHead(200, { 'content-type': 'text/plain' }).end('plain words, not JSON')
      return
    case '/unavailable':
      response.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"down"}')
      return
    case '/cookies':
      response.setHeader('Set-Cookie', ['a=1', 'b=2'])
      response.end()
      return
    case '/big-json':
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ items: Array.from({ length: 1000 }, (_, i) => ({ i })) }))
      return
    case '/endless':
      endless(response)
      return
    case '/hang':
      // Never answers.
      serverSide.emit('hang arrived')
      return
    case '/stall':
      // Answers the headers and a little of the body, then nothing more.
      response.writeHead(200, { 'content-type': 'text/plain' })
      response.write('the beginning')
      return
  }
  let body = ''
  request.setEncoding('utf8')
  request.on('data', chunk => (body += chunk))
  request.on('end', () => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'X-Version': '7', 'X-Request-Id': 'abc' })
    response.end(
      JSON.stringify({ method: request.method, path: url.pathname, headers: request.headers, body })
    )
  })
}

describe('an HTTP probe', () => {
  let base: string
  beforeAll(async () => {
    base = `http://127.0.0.1:${await servers.listen(createHttpServer(app))}`
  })

  test('observes the status, the headers with lower-cased names, and the JSON body parsed', async () => {
    const before = performance.now()
    const seen = await probe(spec(`${base}/echo`))
    const elapsed = performance.now() - before
    expect(seen.error).toBeUndefined()
    expect(seen.status).toBe(200)
    expect(seen.headers).toMatchObject({
      'content-type': 'application/json',
      'x-version': '7',
      'x-request-id': 'abc'
    })
    expect(Object.keys(seen.headers ?? {}).every(name => name === name.toLowerCase())).toBe(true)
    expect(seen.json).toMatchObject({ method: 'GET', path: '/echo', body: '' })
    expect(JSON.parse(seen.body ?? '')).toEqual(seen.json)
    expect(seen).toMatchObject({ url: `${base}/echo`, redirects: 0, bodyTruncated: false })
    // The request's own time: some, and no more than the call took.
    expect(seen.durationMs).toBeGreaterThan(0)
    expect(seen.durationMs).toBeLessThanOrEqual(elapsed)
  })

  test('keeps a body that is not JSON as text, with no parsed JSON', async () => {
    const seen = await probe(spec(`${base}/text`))
    expect(seen).toMatchObject({ status: 200, body: 'plain words, not JSON' })
    expect(seen.json).toBeUndefined()
  })

  test('observes an error status as an answer, not as a failure to observe', async () => {
    const seen = await probe(spec(`${base}/unavailable`))
    expect(seen).toMatchObject({ status: 503, json: { status: 'down' } })
    expect(seen.error).toBeUndefined()
  })

  test('joins the values of a header sent several times', async () => {
    const seen = await probe(spec(`${base}/cookies`))
    expect(seen.headers?.['set-cookie']).toBe('a=1, b=2')
  })

  test('sends the method, the headers and a JSON body, announced as application/json', async () => {
    const seen = await probe(
      spec(`${base}/echo`, {
        method: 'POST',
        headers: { authorization: 'Bearer token', 'X-Trace': 'on' },
        json: { user: 'smoke', tags: ['a', 'b'] }
      })
    )
    const echoed = seen.json as { method: string; headers: Record<string, string>; body: string }
    expect(echoed.method).toBe('POST')
    expect(echoed.headers).toMatchObject({
      authorization: 'Bearer token',
      'x-trace': 'on',
      'content-type': 'application/json',
      'user-agent': 'deploy-verify'
    })
    expect(JSON.parse(echoed.body)).toEqual({ user: 'smoke', tags: ['a', 'b'] })
  })

  test("keeps the user's own Content-Type for a JSON body, whatever the case of its name", async () => {
    const seen = await probe(
      spec(`${base}/echo`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/vnd.api+json' },
        json: { a: 1 }
      })
    )
    const echoed = seen.json as { method: string; headers: Record<string, string>; body: string }
    expect(echoed.method).toBe('PUT')
    expect(echoed.headers['content-type']).toBe('application/vnd.api+json')
    expect(echoed.body).toBe('{"a":1}')
  })

  test('sends a raw body as it is', async () => {
    const seen = await probe(
      spec(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello=world' })
    )
    expect(seen.json).toMatchObject({
      method: 'POST',
      body: 'hello=world',
      headers: { 'content-type': 'text/plain' }
    })
  })

  test('follows redirects, reporting the URL finally answered and how many hops it took', async () => {
    const seen = await probe(spec(`${base}/hops/2`))
    expect(seen).toMatchObject({ status: 200, url: `${base}/landed`, redirects: 2 })
    expect(seen.json).toMatchObject({ path: '/landed' })
  })

  test('reports the redirect itself when told not to follow redirects', async () => {
    const seen = await probe(spec(`${base}/hops/1`, { followRedirects: false }))
    expect(seen).toMatchObject({ status: 302, url: `${base}/hops/1`, redirects: 0 })
    expect(seen.headers?.location).toBe('/landed')
  })

  test('follows at most maxRedirects hops, then reports the redirect it stopped at', async () => {
    const seen = await probe(spec(`${base}/hops/3`, { maxRedirects: 2 }))
    expect(seen.status).toBe(302)
    expect(seen.redirects).toBe(2)
    expect(seen.error).toBeUndefined()
  })

  test('reads a body only up to its cap, says it was cut, and stops the download', async () => {
    const closed = once(serverSide, 'endless closed')
    // The server never ends this body: only stopping at the cap lets the probe finish before its timeout.
    const seen = await probe(spec(`${base}/endless`, { maxBodyBytes: 1000 }), { timeoutMs: 30_000 })
    expect(seen.error).toBeUndefined()
    expect(seen.timedOut).toBeFalsy()
    expect(seen).toMatchObject({ status: 200, bodyTruncated: true })
    expect(seen.body).toBe('x'.repeat(1000))
    // The server sees the client go away.
    await closed
  })

  test('a body exactly at the cap is whole; one byte more is cut', async () => {
    const text = 'plain words, not JSON'
    const whole = await probe(spec(`${base}/text`, { maxBodyBytes: text.length }))
    expect(whole).toMatchObject({ body: text, bodyTruncated: false })
    const cut = await probe(spec(`${base}/text`, { maxBodyBytes: text.length - 1 }))
    expect(cut).toMatchObject({ body: text.slice(0, -1), bodyTruncated: true })
  })

  test('does not parse a JSON body that was cut at the cap', async () => {
    const seen = await probe(spec(`${base}/big-json`, { maxBodyBytes: 100 }))
    expect(seen).toMatchObject({ status: 200, bodyTruncated: true })
    expect(seen.body).toHaveLength(100)
    expect(seen.json).toBeUndefined()
  })

  test('observes a refused connection as an error naming the address, not as an exception', async () => {
    const port = await unusedPort()
    const seen = await probe(spec(`http://127.0.0.1:${port}/health`))
    expect(seen.status).toBeUndefined()
    expect(seen.error).toContain('connection refused')
    expect(seen.error).toContain(`127.0.0.1:${port}`)
    expect(seen.timedOut).toBeFalsy()
  })

  test('cuts off a server that never answers at the timeout, and says so', async () => {
    const started = Date.now()
    const seen = await probe(spec(`${base}/hang`), { timeoutMs: 300 })
    expect(seen).toMatchObject({ timedOut: true, error: 'timed out after 300 ms' })
    expect(seen.status).toBeUndefined()
    // Only that it finished: a generous bound, not a measurement.
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  test('the timeout also covers a body that stops arriving', async () => {
    const seen = await probe(spec(`${base}/stall`), { timeoutMs: 300 })
    expect(seen).toMatchObject({ timedOut: true, error: 'timed out after 300 ms' })
  })

  test('a cancelled run stops the request; a cancellation is not a timeout', async () => {
    const controller = new AbortController()
    serverSide.once('hang arrived', () => controller.abort())
    const seen = await probe(spec(`${base}/hang`), { timeoutMs: 30_000, signal: controller.signal })
    expect(seen.error).toBe('cancelled')
    expect(seen.timedOut).toBe(false)
  })
})

describe('an HTTP probe of a URL with credentials', () => {
  let port: number
  const seen: Array<{ authorization?: string; url?: string }> = []
  beforeAll(async () => {
    const recorder = createHttpServer((request, response) => {
      seen.push({ authorization: request.headers.authorization, url: request.url })
      response.writeHead(200).end('ok')
    })
    port = await servers.listen(recorder)
  })
  beforeEach(() => void seen.splice(0))

  test('sends Basic auth of the percent-decoded user and password, as curl does, and not the credentials in the URL', async () => {
    const observation = await probe(spec(`http://b%40t:p%3Aw%20d%22@127.0.0.1:${port}/health?x=1`))
    expect(observation.status).toBe(200)
    expect(seen).toEqual([
      { authorization: `Basic ${Buffer.from('b@t:p:w d"').toString('base64')}`, url: '/health?x=1' }
    ])
  })

  test('keeps an Authorization header the user wrote', async () => {
    await probe(spec(`http://user:pass@127.0.0.1:${port}/`, { headers: { Authorization: 'Bearer mine' } }))
    expect(seen).toEqual([{ authorization: 'Bearer mine', url: '/' }])
  })

  test('sends no Authorization for a URL without credentials', async () => {
    await probe(spec(`http://127.0.0.1:${port}/`))
    expect(seen).toEqual([{ url: '/' }])
  })
})

describe('an HTTPS probe', () => {
  const ca = readFileSync(new URL('ca.crt', TLS), 'utf8')
  const tls = {
    cert: readFileSync(new URL('server.crt', TLS)),
    key: readFileSync(new URL('server.key', TLS))
  }
  let base: string

  beforeAll(async () => {
    const server = createHttpsServer(tls, (_request, response) => response.end('secure hello'))
    base = `https://127.0.0.1:${await servers.listen(server)}`
  })

  test('trusts a server whose certificate the configured CA signed', async () => {
    const seen = await probe(spec(`${base}/`, { tls: { ca, insecureSkipVerify: false } }))
    expect(seen.error).toBeUndefined()
    expect(seen).toMatchObject({ status: 200, body: 'secure hello' })
  })

  test('refuses that server without the CA, saying why in TLS terms', async () => {
    const seen = await probe(spec(`${base}/`))
    expect(seen.status).toBeUndefined()
    expect(seen.error).toMatch(/TLS|certificate/)
    expect(seen.timedOut).toBeFalsy()
  })

  test('accepts an untrusted certificate only when told to skip verification', async () => {
    const seen = await probe(spec(`${base}/`, { tls: { insecureSkipVerify: true } }))
    expect(seen.error).toBeUndefined()
    expect(seen).toMatchObject({ status: 200, body: 'secure hello' })
  })

  test('refuses a trusted certificate that does not name the host it was reached at', async () => {
    // The certificate names 127.0.0.1 and localhost; 127.0.0.2 is loopback too, but not named.
    const other = createHttpsServer(tls, (_request, response) => response.end('wrong name'))
    const port = await servers.listen(other, '127.0.0.2')
    const seen = await probe(spec(`https://127.0.0.2:${port}/`, { tls: { ca, insecureSkipVerify: false } }))
    expect(seen.status).toBeUndefined()
    expect(seen.error).toMatch(/TLS/)
    expect(seen.error).toMatch(/host name/)
  })
})
