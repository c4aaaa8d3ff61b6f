// The judge's rules on observations written by hand: the cases the loopback servers do not show.
import { readFileSync } from 'node:fs'
import { decide, judgeCors, judgeHeaders, judgeTls } from '../../src/judge/security.js'
import type { CorsAnswer, HeadersObservation } from '../../src/model/observation.js'
import { actionFor, RULE_NAMES, rulesOfArea, SECURITY_LEVELS } from '../../src/judge/security-rules.js'

const ORIGIN = 'https://deploy-verify.invalid'

function answer(allowOrigin: string | undefined, allowCredentials?: string): CorsAnswer {
  return { kind: 'simple', origin: ORIGIN, status: 200, allowOrigin, allowCredentials }
}

function problems(findings: Array<{ rule: string; problem?: string }>): Record<string, string | undefined> {
  return Object.fromEntries(findings.map(finding => [finding.rule, finding.problem]))
}

describe('CORS', () => {
  test('* with credentials fails, and * is a disallowed origin unless * is allowed', () => {
    expect(
      problems(judgeCors('api', [answer('*', 'true')], { allowedOrigins: [], credentials: false }))
    ).toEqual({
      'cors.disallowed-origin': `allows an origin not in allowed_origins (none): a simple request from ${ORIGIN} was answered Access-Control-Allow-Origin: * with credentials`,
      'cors.reflected-origin': undefined,
      'cors.wildcard-credentials': `allows any origin with credentials: a simple request from ${ORIGIN} was answered Access-Control-Allow-Origin: * with credentials`
    })
    expect(problems(judgeCors('api', [answer('*')], { allowedOrigins: ['*'], credentials: false }))).toEqual({
      'cors.disallowed-origin': undefined,
      'cors.reflected-origin': undefined,
      'cors.wildcard-credentials': undefined
    })
  })

  test('a server that answers only for the allowed origin passes', () => {
    const allowed: CorsAnswer = {
      ...answer('https://app.example.com', 'true'),
      origin: 'https://app.example.com'
    }
    const findings = judgeCors('api', [allowed, answer(undefined)], {
      allowedOrigins: ['https://app.example.com'],
      credentials: true
    })
    expect(findings.every(finding => finding.problem === undefined)).toBe(true)
  })

  test('credentials allowed where cors.credentials is false break the disallowed-origin rule', () => {
    const allowed: CorsAnswer = {
      ...answer('https://app.example.com', 'true'),
      origin: 'https://app.example.com'
    }
    const findings = judgeCors('api', [allowed], {
      allowedOrigins: ['https://app.example.com'],
      credentials: false
    })
    expect(findings[0]?.problem).toBe(
      'allows credentials, which cors.credentials does not: a simple request from https://app.example.com was answered Access-Control-Allow-Origin: https://app.example.com with credentials'
    )
  })

  test('no answer at all is not a pass', () => {
    const findings = judgeCors('api', [{ kind: 'preflight', origin: ORIGIN, error: 'connection refused' }], {
      allowedOrigins: [],
      credentials: false
    })
    expect(findings.map(finding => finding.problem)).toEqual(
      Array(3).fill('no answer to a request with an Origin header: connection refused')
    )
  })
})

describe('security headers', () => {
  const observed = (headers: Record<string, string>): HeadersObservation => ({
    url: 'https://api.example.com/',
    status: 200,
    headers
  })

  test('weak values are named', () => {
    const found = problems(
      judgeHeaders(
        'api',
        observed({
          'strict-transport-security': 'max-age=300',
          'x-content-type-options': 'sniff',
          'x-frame-options': 'ALLOWALL',
          'content-security-policy': ' ',
          'referrer-policy': 'no-referrer, unsafe-url',
          server: 'nginx/1.25.3'
        })
      )
    )
    expect(found).toEqual({
      'headers.strict-transport-security':
        'Strict-Transport-Security max-age=300 is under 180 days (15552000 seconds)',
      'headers.x-content-type-options': 'X-Content-Type-Options is sniff, not nosniff',
      'headers.frame-protection': 'X-Frame-Options is ALLOWALL: only DENY or SAMEORIGIN protect',
      'headers.content-security-policy': 'Content-Security-Policy is missing',
      'headers.referrer-policy': 'Referrer-Policy unsafe-url sends full URLs to other sites',
      'headers.version-leak': 'tells the software version: Server: nginx/1.25.3'
    })
  })

  test('X-Frame-Options SAMEORIGIN protects frames, and a Server header without a version leaks nothing', () => {
    const found = problems(
      judgeHeaders('api', observed({ 'x-frame-options': 'SAMEORIGIN', server: 'nginx' }))
    )
    expect(found['headers.frame-protection']).toBeUndefined()
    expect(found['headers.version-leak']).toBeUndefined()
  })

  test('a long header value is quoted cut short', () => {
    const found = problems(judgeHeaders('api', observed({ 'x-powered-by': `PHP/8.${'1'.repeat(500)}` })))
    expect(found['headers.version-leak']?.length).toBeLessThan(150)
  })
})

describe('TLS dates', () => {
  const now = new Date('2026-11-30T12:00:00Z')
  const observation = (validFrom: string, validTo: string) => ({
    host: 'api.example.com',
    port: 443,
    servername: 'api.example.com',
    chainTrusted: true,
    protocol: 'TLSv1.3',
    certificate: {
      subjectAltName: 'DNS:*.example.com',
      validFrom: new Date(validFrom),
      validTo: new Date(validTo)
    }
  })
  const settings = { minDays: { warn: 21, fail: 7 }, minVersion: 'TLSv1.2' as const }

  test('the issue’s example: a certificate expiring on 2026-12-03 fails in 3 days', () => {
    expect(
      problems(judgeTls('api', observation('2026-01-01', '2026-12-03T18:00:00Z'), settings, now))
    ).toEqual({
      'tls.trusted': undefined,
      'tls.hostname': undefined,
      'tls.expiry': 'expires on 2026-12-03, in 3 days (fails under 7)',
      'tls.protocol': undefined
    })
  })

  test('a certificate not valid yet fails', () => {
    const found = problems(judgeTls('api', observation('2026-12-10', '2027-12-10'), settings, now))
    expect(found['tls.expiry']).toBe('not valid before 2026-12-10')
  })
})

describe('the rule table', () => {
  test('every rule has an action at every level, and production is never more lenient than local', () => {
    const rank = { ignore: 0, warn: 1, fail: 2 }
    for (const rule of RULE_NAMES) {
      const [local, staging, production] = SECURITY_LEVELS.map(level => rank[actionFor(rule, level)])
      expect(local).toBeLessThanOrEqual(staging as number)
      expect(staging).toBeLessThanOrEqual(production as number)
      expect(production).toBe(2)
    }
  })

  test('docs/security.md shows the table the code uses', () => {
    const doc = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8')
    const rows = [...doc.matchAll(/^\| `([a-z_.-]+)`\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|/gm)]
    expect(Object.fromEntries(rows.map(([, rule, ...levels]) => [rule, levels]))).toEqual(
      Object.fromEntries(RULE_NAMES.map(rule => [rule, SECURITY_LEVELS.map(level => actionFor(rule, level))]))
    )
  })

  test('each area lists its rules', () => {
    expect(rulesOfArea('tls')).toEqual(['tls.trusted', 'tls.hostname', 'tls.expiry', 'tls.protocol'])
    expect(rulesOfArea('ports')).toEqual(['ports.unexpected-open'])
  })

  test('a warning that may not fail stays a warning when overridden to fail', () => {
    const finding = { rule: 'tls.expiry' as const, target: 'api', problem: 'x', warnOnly: true }
    expect(decide(finding, 'production', { 'tls.expiry': 'fail' }).status).toBe('warning')
    expect(decide(finding, 'production', { 'tls.expiry': 'ignore' }).status).toBe('ignored')
  })
})
