// What every probe shares for one attempt: a signal that fires on the attempt's timeout or when
// the run is cancelled, and failure wording in plain words.

export interface AttemptSignal {
  signal: AbortSignal
  /** True once the timeout (not a cancellation) has fired. */
  timedOut(): boolean
  dispose(): void
}

export function attemptSignal(options: { timeoutMs: number; signal?: AbortSignal }): AttemptSignal {
  const controller = new AbortController()
  let expired = false
  const timer = setTimeout(() => {
    expired = true
    controller.abort(new Error(`timed out after ${options.timeoutMs} ms`))
  }, options.timeoutMs)
  const cancel = () => controller.abort(new Error('cancelled'))
  if (options.signal?.aborted) cancel()
  options.signal?.addEventListener('abort', cancel, { once: true })
  return {
    signal: controller.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', cancel)
    }
  }
}

/** What makes a certificate from a private CA trusted: both work without turning verification off. */
const TRUST_ADVICE =
  "trust its CA: name the CA's PEM file as the service's ca_file, or set NODE_EXTRA_CA_CERTS to it in the step's env"

const CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
  DEPTH_ZERO_SELF_SIGNED_CERT: `TLS: the server certificate is self-signed and not trusted; ${TRUST_ADVICE}`,
  SELF_SIGNED_CERT_IN_CHAIN: `TLS: the certificate chain ends in an untrusted self-signed CA; ${TRUST_ADVICE}`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: `TLS: the server certificate cannot be verified; ${TRUST_ADVICE}`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `TLS: the server certificate is signed by a CA that is not trusted; ${TRUST_ADVICE}`,
  CERT_HAS_EXPIRED: 'TLS: the server certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: the certificate does not match the host name'
}

/** A probe failure in words a user acts on, e.g. "connection refused (127.0.0.1:5999)". */
export function describeError(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timed out after ${timeoutMs} ms`
  const err = error as { code?: string; message?: string; cause?: unknown } | undefined
  const cause = err?.cause as { code?: string; message?: string } | undefined
  const code = err?.code && CODES[err.code] ? err.code : cause?.code
  const known = code ? CODES[code] : undefined
  const message = err?.message ?? String(error)
  const where = /\d{1,3}(\.\d{1,3}){3}:\d+|\[[0-9a-f:]+\]:\d+/i.exec(
    `${message} ${cause?.message ?? ''}`
  )?.[0]
  if (known) return where ? `${known} (${where})` : known
  // The HTTP client's own words blame its connection pools; the server is what redirects in a circle.
  const loop = /^Redirect loop detected\. Cannot redirect to (\S+?)\.?(\s|$)/.exec(message)
  if (loop) return `redirect loop: the server redirects back to a URL it already redirected from (${loop[1]})`
  return message
}
