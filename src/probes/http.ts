// Observes one HTTP(S) request with undici: status, headers, the body up to a cap, timings.
import type { Dispatcher } from 'undici'
import type { HttpProbeSpec } from '../config/model.js'
import { percentDecoded } from '../secrets/url-password.js'
import { attemptSignal, describeError } from './attempt.js'
import { HttpPools } from './http-pools.js'
import { undici } from './undici.js'
import type { HttpObservation } from '../model/observation.js'
import type { ProbeOptions } from './types.js'

export async function probeHttp(spec: HttpProbeSpec, options: ProbeOptions): Promise<HttpObservation> {
  const started = performance.now()
  const { signal, timedOut, dispose } = attemptSignal(options)
  // Outside a run (no pools of its own to reuse), the request gets a pool that ends with it.
  const pools = options.httpPools ?? new HttpPools()
  const headers: Record<string, string> = { 'user-agent': 'deploy-verify', ...spec.headers }
  let body = spec.body
  if (spec.json !== undefined) {
    body = JSON.stringify(spec.json)
    // Header names are case-insensitive: a user's own Content-Type wins.
    if (!Object.keys(headers).some(name => name.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json'
    }
  }
  const { url, authorization } = withoutCredentials(spec.url)
  // As curl does: credentials in the URL become Basic auth, unless the user set Authorization.
  if (authorization && !Object.keys(headers).some(name => name.toLowerCase() === 'authorization')) {
    headers.authorization = authorization
  }
  try {
    const { request } = await undici()
    const response = await request(url, {
      method: spec.method as Dispatcher.HttpMethod,
      headers,
      body,
      signal,
      dispatcher: await pools.for(spec)
    })
    const { text, truncated } = await readCapped(response.body, spec.maxBodyBytes)
    const responseHeaders = flattenHeaders(response.headers)
    const history = (response.context as { history?: URL[] } | undefined)?.history ?? []
    return {
      kind: 'http',
      url: history.length ? String(history[history.length - 1]) : spec.url,
      status: response.statusCode,
      headers: responseHeaders,
      body: text,
      bodyTruncated: truncated,
      json: parseJson(text, truncated),
      redirects: Math.max(0, history.length - 1),
      durationMs: performance.now() - started
    }
  } catch (error) {
    return {
      kind: 'http',
      url: spec.url,
      error: describeError(error, timedOut(), options.timeoutMs),
      timedOut: timedOut(),
      durationMs: performance.now() - started
    }
  } finally {
    dispose()
    if (pools !== options.httpPools) await pools.close()
  }
}

/** The URL to request, without `user:password@`, and the Basic auth those credentials make. */
function withoutCredentials(url: string): { url: string; authorization?: string } {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { url }
  }
  if (!parsed.username && !parsed.password) return { url }
  const credentials = `${percentDecoded(parsed.username)}:${percentDecoded(parsed.password)}`
  parsed.username = ''
  parsed.password = ''
  return { url: parsed.toString(), authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }
}

/** Reads at most `limit` bytes, then stops the download: a health check never needs more. */
async function readCapped(body: Dispatcher.ResponseData['body'], limit: number) {
  const chunks: Buffer[] = []
  let size = 0
  let truncated = false
  for await (const chunk of body) {
    const buffer = chunk as Buffer
    if (size + buffer.length > limit) {
      chunks.push(buffer.subarray(0, limit - size))
      truncated = true
      body.destroy()
      break
    }
    chunks.push(buffer)
    size += buffer.length
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

function parseJson(text: string, truncated: boolean): unknown {
  if (truncated || !text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
