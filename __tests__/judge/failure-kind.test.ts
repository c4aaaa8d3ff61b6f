// Which probe failures no wait will heal.
import { describe, expect, it } from '@jest/globals'
import { classifyFailure } from '../../src/judge/failure-kind.js'

const postgres = (error: string) => classifyFailure({ kind: 'postgres', durationMs: 3, error })
const http = (status: number) =>
  classifyFailure({ kind: 'http', durationMs: 3, url: 'https://api.example.com/health', status })

describe('a probe failure', () => {
  it.each([
    ['password authentication failed for user "app"', 'the password was rejected'],
    ['role "app" does not exist', 'the user does not exist'],
    ['database "shop" does not exist', 'the database does not exist'],
    ['TLS: the server certificate has expired', 'the certificate has expired'],
    ['TLS: the certificate does not match the host name', 'the certificate is for another host']
  ])('is permanent when it says %s', (error, what) => {
    expect(postgres(error)).toEqual({ kind: 'permanent', what })
  })

  it('is permanent when a health endpoint answers 401 or 403', () => {
    expect(http(401)).toEqual({ kind: 'permanent', what: 'the health endpoint answered 401' })
    expect(http(403)).toEqual({ kind: 'permanent', what: 'the health endpoint answered 403' })
  })

  it.each([
    'connection refused (127.0.0.1:5432)',
    'the database system is starting up',
    'connection reset by the server'
  ])('is transient when it says %s', error => expect(postgres(error)).toEqual({ kind: 'transient' }))

  it('is transient on a timeout and on a 5xx answer', () => {
    expect(
      classifyFailure({
        kind: 'tcp',
        connected: false,
        durationMs: 5000,
        error: 'timed out after 5000 ms',
        timedOut: true
      })
    ).toEqual({
      kind: 'transient'
    })
    expect(http(503)).toEqual({ kind: 'transient' })
    const late = {
      kind: 'postgres',
      durationMs: 5000,
      error: 'password authentication failed',
      timedOut: true
    } as const
    expect(classifyFailure(late)).toEqual({ kind: 'transient' })
  })
})
