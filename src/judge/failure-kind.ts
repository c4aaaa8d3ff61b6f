// Will waiting help? A refused connection, a timeout or a 5xx is what a starting service looks
// like; a rejected password, a missing database, a bad certificate or a 401/403 stays so however
// long the check polls. Pure: decided from what the probe observed.
import type { Observation } from '../model/observation.js'

export type FailureKind = 'transient' | 'permanent'

// What PostgreSQL says when the credentials or the database name are wrong (SQLSTATE 28P01, 28000,
// 3D000), and the TLS failures of probes/attempt in its words and Node's.
const PERMANENT_ERRORS: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /password authentication failed/i, what: 'the password was rejected' },
  { pattern: /role "[^"]*" does not exist/i, what: 'the user does not exist' },
  { pattern: /database "[^"]*" does not exist/i, what: 'the database does not exist' },
  { pattern: /no pg_hba\.conf entry/i, what: 'the server does not allow this user or host' },
  { pattern: /certificate has expired|CERT_HAS_EXPIRED/i, what: 'the certificate has expired' },
  {
    pattern:
      /certificate does not match the host name|ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames/i,
    what: 'the certificate is for another host'
  }
]

/** Permanent, with what makes it so, or transient. */
export function classifyFailure(
  observation: Observation
): { kind: 'transient' } | { kind: 'permanent'; what: string } {
  if (observation.kind === 'http' && (observation.status === 401 || observation.status === 403))
    return { kind: 'permanent', what: `the health endpoint answered ${observation.status}` }
  const error = observation.error
  if (error === undefined || observation.timedOut) return { kind: 'transient' }
  const known = PERMANENT_ERRORS.find(({ pattern }) => pattern.test(error))
  return known ? { kind: 'permanent', what: known.what } : { kind: 'transient' }
}
