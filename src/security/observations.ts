// What the security probes saw, as plain data: the judge decides from these alone.

/** A TLS handshake with a server, trusted CAs as configured, without rejecting anything. */
export interface TlsObservation {
  host: string
  port: number
  /** The name asked for (SNI) and matched against the certificate. */
  servername: string
  /** Why the handshake or connection failed; nothing else is known then. */
  error?: string
  /** The chain ends in a trusted CA; host name and dates are judged separately. */
  chainTrusted?: boolean
  /** OpenSSL's reason when the chain is not trusted, e.g. SELF_SIGNED_CERT_IN_CHAIN. */
  chainError?: string
  /** Negotiated protocol: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3. */
  protocol?: string
  certificate?: CertificateFacts
}

export interface CertificateFacts {
  subjectCommonName?: string
  /** As Node gives it: `DNS:api.example.com, IP Address:127.0.0.1`. */
  subjectAltName?: string
  issuer?: string
  validFrom: Date
  validTo: Date
}

/** One answer to a request sent with an `Origin` header. */
export interface CorsAnswer {
  kind: 'preflight' | 'simple'
  origin: string
  status?: number
  error?: string
  /** Access-Control-Allow-Origin, as sent. */
  allowOrigin?: string
  /** Access-Control-Allow-Credentials, as sent. */
  allowCredentials?: string
}

export interface HeadersObservation {
  url: string
  status?: number
  error?: string
  /** Lower-cased names. */
  headers: Record<string, string>
}

export interface AuthObservation {
  url: string
  status?: number
  error?: string
}

export interface PortObservation {
  port: number
  open: boolean
  /** Why a port counts as closed: refused, timed out, unreachable. */
  reason?: string
}
