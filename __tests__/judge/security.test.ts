// The judge's rules on observations written by hand: the cases the loopback servers do not show.
import {
  daysLeft,
  decide,
  exposedPorts,
  judgeAuth,
  judgeCors,
  judgeHeaders,
  judgePorts,
  judgeTls,
  namesOf,
  type TlsSettings,
  type TlsVersion
} from '../../src/judge/security.js'
import type { CorsAnswer, HeadersObservation, TlsObservation } from '../../src/model/observation.js'
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

  test('credentials without an allowed origin grant nothing, so they break no rule', () => {
    const findings = judgeCors('api', [answer(undefined, 'true'), answer('', 'true')], {
      allowedOrigins: ['https://app.example.com'],
      credentials: false
    })
    expect(problems(findings)).toEqual({
      'cors.disallowed-origin': undefined,
      'cors.reflected-origin': undefined,
      'cors.wildcard-credentials': undefined
    })
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

describe('what a level makes of a finding', () => {
  const broken = {
    rule: 'headers.referrer-policy' as const,
    target: 'api',
    problem: 'Referrer-Policy is missing'
  }

  test('a rule that holds passes with what was seen, whatever the level', () => {
    expect(decide({ rule: 'tls.trusted', target: 'api', seen: 'trusted' }, 'production')).toEqual({
      rule: 'tls.trusted',
      target: 'api',
      status: 'passed',
      message: 'trusted'
    })
    expect(decide({ rule: 'tls.trusted', target: 'api' }, 'local').message).toBe('as expected')
  })

  test('a broken hardening rule is ignored locally, warns on staging and fails in production', () => {
    expect(decide(broken, 'local')).toEqual({
      rule: 'headers.referrer-policy',
      target: 'api',
      status: 'ignored',
      message: 'Referrer-Policy is missing (ignored at level local)'
    })
    expect(decide(broken, 'staging')).toMatchObject({
      status: 'warning',
      message: 'Referrer-Policy is missing'
    })
    expect(decide(broken, 'production')).toMatchObject({
      status: 'failed',
      message: 'Referrer-Policy is missing'
    })
  })

  test('an override by rule name replaces the level’s action', () => {
    expect(decide(broken, 'local', { 'headers.referrer-policy': 'fail' }).status).toBe('failed')
    expect(decide(broken, 'production', { 'headers.referrer-policy': 'warn' }).status).toBe('warning')
    expect(decide(broken, 'production', { 'headers.version-leak': 'ignore' }).status).toBe('failed')
  })

  test('a warning-only finding warns where the rule would fail', () => {
    const soon = { rule: 'tls.expiry' as const, target: 'api', problem: 'expires soon', warnOnly: true }
    expect(decide(soon, 'production')).toMatchObject({ status: 'warning', message: 'expires soon' })
    expect(decide(soon, 'local').status).toBe('warning')
  })
})

describe('the TLS rules', () => {
  const now = new Date('2026-11-30T12:00:00Z')
  const settings: TlsSettings = { minDays: { warn: 21, fail: 7 }, minVersion: 'TLSv1.2' }
  const healthy: TlsObservation = {
    host: 'api.example.com',
    port: 8443,
    servername: 'api.example.com',
    chainTrusted: true,
    protocol: 'TLSv1.3',
    certificate: {
      subjectAltName: 'DNS:api.example.com, DNS:www.example.com',
      validFrom: new Date('2026-01-01T00:00:00Z'),
      validTo: new Date('2027-01-30T12:00:00Z')
    }
  }
  const judged = (change: Partial<TlsObservation>, tls = settings) =>
    Object.fromEntries(
      judgeTls('api', { ...healthy, ...change }, tls, now).map(({ rule, target, ...verdict }) => {
        expect(target).toBe('api')
        return [rule, verdict]
      })
    )
  const validTo = (date: string) => ({ certificate: { ...healthy.certificate!, validTo: new Date(date) } })

  test('a healthy server says what holds', () => {
    expect(judged({})).toEqual({
      'tls.trusted': { seen: 'the certificate chain ends in a trusted CA' },
      'tls.hostname': { seen: 'issued for api.example.com' },
      'tls.expiry': { seen: 'expires on 2027-01-30, in 61 days' },
      'tls.protocol': { seen: 'negotiated TLSv1.3' }
    })
  })

  test('no handshake breaks every TLS rule with the reason', () => {
    const expected = 'no TLS handshake with api.example.com:8443: connection refused'
    expect(judged({ error: 'connection refused' })).toEqual({
      'tls.trusted': { problem: expected },
      'tls.hostname': { problem: expected },
      'tls.expiry': { problem: expected },
      'tls.protocol': { problem: expected }
    })
    expect(judged({ certificate: undefined })['tls.expiry']).toEqual({
      problem: 'no TLS handshake with api.example.com:8443: no certificate'
    })
  })

  test('an untrusted chain is named in words where OpenSSL’s reason is known, else by the reason', () => {
    const trusted = (chainError?: string) => judged({ chainTrusted: false, chainError })['tls.trusted']
    expect(trusted('DEPTH_ZERO_SELF_SIGNED_CERT')).toEqual({
      problem: 'the certificate chain is not trusted: the certificate is self-signed'
    })
    expect(trusted('SELF_SIGNED_CERT_IN_CHAIN')?.problem).toBe(
      'the certificate chain is not trusted: the chain ends in a self-signed CA that is not trusted'
    )
    expect(trusted('UNABLE_TO_VERIFY_LEAF_SIGNATURE')?.problem).toBe(
      'the certificate chain is not trusted: the issuer of the certificate is not known'
    )
    expect(trusted('UNABLE_TO_GET_ISSUER_CERT_LOCALLY')?.problem).toBe(
      'the certificate chain is not trusted: the issuer of the certificate is not known'
    )
    expect(trusted('CERT_REVOKED')?.problem).toBe('the certificate chain is not trusted: CERT_REVOKED')
    expect(trusted()?.problem).toBe('the certificate chain is not trusted')
  })

  test('a chain refused only for its dates is trusted: the dates are the expiry rule’s concern', () => {
    for (const chainError of ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'])
      expect(judged({ chainTrusted: false, chainError })['tls.trusted']).toEqual({
        seen: 'the certificate chain ends in a trusted CA'
      })
  })

  test('the host name must be one the certificate is issued for', () => {
    expect(judged({ servername: 'www.example.com' })['tls.hostname']).toEqual({
      seen: 'issued for www.example.com'
    })
    expect(judged({ servername: 'evil.example.org' })['tls.hostname']).toEqual({
      problem: 'issued for api.example.com, www.example.com, not evil.example.org'
    })
    const commonName = {
      certificate: {
        subjectCommonName: 'api.example.com',
        validFrom: new Date(0),
        validTo: new Date('2027-06-01')
      }
    }
    expect(judged(commonName)['tls.hostname']).toEqual({ seen: 'issued for api.example.com' })
    expect(judged({ ...commonName, servername: 'other.example.com' })['tls.hostname']).toEqual({
      problem: 'issued for api.example.com, not other.example.com'
    })
    const nameless = { certificate: { validFrom: new Date(0), validTo: new Date('2027-06-01') } }
    expect(judged(nameless)['tls.hostname']).toEqual({ problem: 'issued for no name, not api.example.com' })
  })

  test('the names of a certificate: its DNS and IP alternative names, else its common name', () => {
    const dates = { validFrom: new Date(0), validTo: new Date(0) }
    expect(
      namesOf({ ...dates, subjectAltName: 'DNS:a.example.com, IP Address:127.0.0.1, email:ops@example.com' })
    ).toEqual(['a.example.com', '127.0.0.1'])
    expect(
      namesOf({ ...dates, subjectAltName: 'email:ops@example.com', subjectCommonName: 'cn.example.com' })
    ).toEqual(['cn.example.com'])
    expect(namesOf({ ...dates, subjectAltName: 'DNS:  , DNS: b.example.com ' })).toEqual(['b.example.com'])
    expect(namesOf({ ...dates, subjectAltName: 'URI:https://example.com/DNS:evil.example.com' })).toEqual([])
    expect(namesOf(dates)).toEqual([])
  })

  test('expiry: fails under the fail days, warns (and only warns) under the warn days', () => {
    expect(judged(validTo('2026-12-07T12:00:00Z'))['tls.expiry']).toEqual({
      problem: 'expires on 2026-12-07, in 7 days (warns under 21)',
      warnOnly: true
    })
    expect(judged(validTo('2026-12-07T11:59:59Z'))['tls.expiry']).toEqual({
      problem: 'expires on 2026-12-07, in 6 days (fails under 7)'
    })
    expect(judged(validTo('2026-12-21T12:00:00Z'))['tls.expiry']).toEqual({
      seen: 'expires on 2026-12-21, in 21 days'
    })
    expect(
      judged(validTo('2026-12-01T13:00:00Z'), { ...settings, minDays: { warn: 1, fail: 0 } })['tls.expiry']
    ).toEqual({
      seen: 'expires on 2026-12-01, in 1 day'
    })
  })

  test('an expired certificate says since when', () => {
    expect(judged(validTo('2026-11-28T11:00:00Z'))['tls.expiry']).toEqual({
      problem: 'expired on 2026-11-28, 2 days ago'
    })
    expect(judged(validTo('2026-11-29T11:00:00Z'))['tls.expiry']?.problem).toBe(
      'expired on 2026-11-29, 1 day ago'
    )
    expect(judged(validTo('2026-11-30T11:00:00Z'))['tls.expiry']?.problem).toBe(
      'expired on 2026-11-30, 0 days ago'
    )
  })

  test('a certificate that ends now has expired, and one that starts now is valid', () => {
    expect(judged(validTo('2026-11-30T12:00:00Z'))['tls.expiry']?.problem).toBe(
      'expired on 2026-11-30, 0 days ago'
    )
    const startsNow = { certificate: { ...healthy.certificate!, validFrom: now } }
    expect(judged(startsNow)['tls.expiry']).toEqual({ seen: 'expires on 2027-01-30, in 61 days' })
  })

  test('whole days left round down, and are negative once the date has passed', () => {
    expect(daysLeft(new Date('2026-12-01T11:59:59Z'), now)).toBe(0)
    expect(daysLeft(new Date('2026-12-01T12:00:00Z'), now)).toBe(1)
    expect(daysLeft(new Date('2026-11-30T11:59:59Z'), now)).toBe(-1)
  })

  test('the protocol must be the minimum or newer', () => {
    const protocol = (negotiated: string | undefined, minVersion: TlsVersion = 'TLSv1.2') =>
      judged({ protocol: negotiated }, { ...settings, minVersion })['tls.protocol']
    expect(protocol('TLSv1.2')).toEqual({ seen: 'negotiated TLSv1.2' })
    expect(protocol('TLSv1.1')).toEqual({ problem: 'negotiated TLSv1.1, below the minimum TLSv1.2' })
    expect(protocol('TLSv1.3', 'TLSv1.3')).toEqual({ seen: 'negotiated TLSv1.3' })
    expect(protocol('TLSv1', 'TLSv1')).toEqual({ seen: 'negotiated TLSv1' })
    expect(protocol('SSLv3', 'TLSv1')).toEqual({ problem: 'negotiated SSLv3, below the minimum TLSv1' })
    expect(protocol(undefined, 'TLSv1')).toEqual({
      problem: 'negotiated an unknown protocol, below the minimum TLSv1'
    })
  })
})

describe('the CORS rules', () => {
  const APP = 'https://app.example.com'
  const only = { allowedOrigins: [APP], credentials: true }
  const from = (origin: string, allowOrigin?: string, allowCredentials?: string): CorsAnswer => ({
    kind: 'preflight',
    origin,
    status: 204,
    allowOrigin,
    allowCredentials
  })
  const judged = (answers: CorsAnswer[], settings = only) =>
    Object.fromEntries(judgeCors('api', answers, settings).map(({ rule, ...finding }) => [rule, finding]))

  test('a server that refuses other origins says so for each rule', () => {
    expect(judged([from(APP, APP, 'true'), from(ORIGIN, 'https://app.example.com')])).toEqual({
      'cors.disallowed-origin': {
        target: 'api',
        seen: `origins outside allowed_origins (${APP}) are refused`
      },
      'cors.reflected-origin': { target: 'api', seen: 'the Origin header is not reflected' },
      'cors.wildcard-credentials': { target: 'api', seen: '* is not combined with credentials' }
    })
  })

  test('a reflected origin breaks the disallowed-origin and the reflected-origin rules', () => {
    const said = `a preflight request from ${ORIGIN} was answered Access-Control-Allow-Origin: ${ORIGIN}`
    expect(problems(judgeCors('api', [from(APP, APP), from(ORIGIN, ORIGIN)], only))).toEqual({
      'cors.disallowed-origin': `allows an origin not in allowed_origins (${APP}): ${said}`,
      'cors.reflected-origin': `reflects any origin: ${said}`,
      'cors.wildcard-credentials': undefined
    })
  })

  test('* (however spaced) allows a disallowed origin, unless allowed_origins allows any', () => {
    expect(problems(judgeCors('api', [from(ORIGIN, ' * ')], only))['cors.disallowed-origin']).toBe(
      `allows an origin not in allowed_origins (${APP}): a preflight request from ${ORIGIN} was answered Access-Control-Allow-Origin:  * `
    )
    expect(
      problems(judgeCors('api', [from(ORIGIN, ' * ')], { allowedOrigins: ['*'], credentials: false }))
    ).toEqual({
      'cors.disallowed-origin': undefined,
      'cors.reflected-origin': undefined,
      'cors.wildcard-credentials': undefined
    })
  })

  test('* with credentials is refused even where any origin is allowed; credentials are read loosely', () => {
    expect(
      problems(judgeCors('api', [from(ORIGIN, '*', ' TRUE ')], { allowedOrigins: ['*'], credentials: true }))
    ).toEqual({
      'cors.disallowed-origin': undefined,
      'cors.reflected-origin': undefined,
      'cors.wildcard-credentials': `allows any origin with credentials: a preflight request from ${ORIGIN} was answered Access-Control-Allow-Origin: * with credentials`
    })
    expect(
      problems(judgeCors('api', [from(ORIGIN, '*', 'false')], { allowedOrigins: ['*'], credentials: true }))
    ).toEqual({
      'cors.disallowed-origin': undefined,
      'cors.reflected-origin': undefined,
      'cors.wildcard-credentials': undefined
    })
  })

  test('* with credentials is refused however spaced', () => {
    expect(problems(judgeCors('api', [from(ORIGIN, ' * ', 'true')], only))['cors.wildcard-credentials']).toBe(
      `allows any origin with credentials: a preflight request from ${ORIGIN} was answered Access-Control-Allow-Origin:  *  with credentials`
    )
  })

  test('the allowed origins are listed in what the rule saw', () => {
    const settings = { allowedOrigins: [APP, 'https://admin.example.com'], credentials: true }
    expect(judged([from(ORIGIN)], settings)['cors.disallowed-origin']).toEqual({
      target: 'api',
      seen: `origins outside allowed_origins (${APP}, https://admin.example.com) are refused`
    })
  })

  test('an allowed origin may not have credentials where cors.credentials is false', () => {
    const settings = { allowedOrigins: [APP], credentials: false }
    expect(judged([from(APP, APP)], settings)['cors.disallowed-origin']?.problem).toBeUndefined()
    expect(judged([from(APP, APP, 'true')], settings)['cors.disallowed-origin']?.problem).toBe(
      `allows credentials, which cors.credentials does not: a preflight request from ${APP} was answered Access-Control-Allow-Origin: ${APP} with credentials`
    )
  })

  test('a disallowed origin allowed is named before credentials', () => {
    const settings = { allowedOrigins: [APP], credentials: false }
    expect(
      judged([from(APP, APP, 'true'), from(ORIGIN, ORIGIN)], settings)['cors.disallowed-origin']?.problem
    ).toMatch(/^allows an origin not in allowed_origins/)
  })

  test('answers that failed are left out; with none left, nothing is known', () => {
    const refused = { kind: 'simple' as const, origin: ORIGIN, error: 'connection reset' }
    expect(
      problems(judgeCors('api', [refused, from(ORIGIN, ORIGIN)], only))['cors.reflected-origin']
    ).toMatch(/^reflects any origin/)
    expect(judged([], only)['cors.reflected-origin']).toEqual({
      target: 'api',
      problem: 'no answer to a request with an Origin header: nothing sent'
    })
  })
})

describe('the header rules', () => {
  const careful = {
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
    'referrer-policy': 'strict-origin-when-cross-origin',
    server: 'nginx'
  }
  const judged = (headers: Record<string, string>, url = 'https://api.example.com/') =>
    Object.fromEntries(
      judgeHeaders('api', { url, status: 200, headers }).map(({ rule, target, ...verdict }) => {
        expect(target).toBe('api')
        return [rule, verdict]
      })
    )
  const rule = (name: string, headers: Record<string, string>) =>
    judged({ ...careful, ...headers })[`headers.${name}`]

  test('a careful server says what holds for each rule', () => {
    expect(judged(careful)).toEqual({
      'headers.strict-transport-security': {
        seen: 'Strict-Transport-Security: max-age=31536000; includeSubDomains'
      },
      'headers.x-content-type-options': { seen: 'X-Content-Type-Options: nosniff' },
      'headers.frame-protection': { seen: "Content-Security-Policy frame-ancestors 'none'" },
      'headers.content-security-policy': {
        seen: "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'"
      },
      'headers.referrer-policy': { seen: 'Referrer-Policy: strict-origin-when-cross-origin' },
      'headers.version-leak': { seen: 'no software version in Server or X-Powered-By' }
    })
  })

  test('a server that did not answer breaks every header rule', () => {
    const rules = judgeHeaders('api', { url: 'https://api.example.com/', error: 'timed out', headers: {} })
    expect(rules.map(({ rule, problem }) => [rule, problem])).toEqual(
      [
        'strict-transport-security',
        'x-content-type-options',
        'frame-protection',
        'content-security-policy',
        'referrer-policy',
        'version-leak'
      ].map(name => [`headers.${name}`, 'no answer from https://api.example.com/: timed out'])
    )
  })

  test('a server with none of the headers is told what is missing', () => {
    expect(problems(judgeHeaders('api', { url: 'https://api.example.com/', headers: {} }))).toEqual({
      'headers.strict-transport-security': 'Strict-Transport-Security is missing',
      'headers.x-content-type-options': 'X-Content-Type-Options is missing (expected nosniff)',
      'headers.frame-protection':
        'no frame protection: neither X-Frame-Options nor Content-Security-Policy frame-ancestors',
      'headers.content-security-policy': 'Content-Security-Policy is missing',
      'headers.referrer-policy': 'Referrer-Policy is missing',
      'headers.version-leak': undefined
    })
  })

  test('HSTS: only over HTTPS, with a max-age of 180 days or more', () => {
    const hsts = (value: string) => rule('strict-transport-security', { 'strict-transport-security': value })
    expect(judged(careful, 'http://api.example.com/')['headers.strict-transport-security']).toEqual({
      problem: 'served over plain HTTP, where Strict-Transport-Security has no effect'
    })
    expect(judged(careful, 'HTTPS://API.example.com/')['headers.strict-transport-security']).toHaveProperty(
      'seen'
    )
    expect(hsts('max-age=15552000')).toEqual({ seen: 'Strict-Transport-Security: max-age=15552000' })
    expect(hsts('max-age=15551999')).toEqual({
      problem: 'Strict-Transport-Security max-age=15551999 is under 180 days (15552000 seconds)'
    })
    expect(hsts('includeSubDomains;  MAX-AGE = "31536000" ')).toHaveProperty('seen')
    expect(hsts('includeSubDomains;max-age=31536000;preload')).toHaveProperty('seen')
    for (const value of [
      'includeSubDomains',
      'x-max-age=31536000',
      'max-age=31536000s',
      'max-age=-1',
      'max-age='
    ])
      expect(hsts(value)).toEqual({ problem: `Strict-Transport-Security has no max-age: ${value}` })
  })

  test('X-Content-Type-Options must say nosniff, in any case and spacing', () => {
    const options = (value: string) => rule('x-content-type-options', { 'x-content-type-options': value })
    expect(options(' NoSniff ')).toEqual({ seen: 'X-Content-Type-Options: nosniff' })
    expect(options('nosniff, nosniff')).toEqual({
      problem: 'X-Content-Type-Options is nosniff, nosniff, not nosniff'
    })
  })

  test('frames: CSP frame-ancestors protects, else X-Frame-Options DENY or SAMEORIGIN', () => {
    const frames = (headers: Record<string, string>) => judged(headers)['headers.frame-protection']
    expect(
      frames({ 'content-security-policy': "default-src 'self';Frame-Ancestors  'self'  https://a.example" })
    ).toEqual({
      seen: "Content-Security-Policy frame-ancestors 'self' https://a.example"
    })
    expect(
      frames({ 'content-security-policy': "frame-ancestors 'self'", 'x-frame-options': 'ALLOWALL' })
    ).toHaveProperty('seen')
    expect(frames({ 'content-security-policy': "default-src 'self'", 'x-frame-options': ' deny ' })).toEqual({
      seen: 'X-Frame-Options: deny'
    })
    expect(
      frames({ 'content-security-policy': 'frame-ancestors-x a', 'x-frame-options': 'SameOrigin' })
    ).toEqual({
      seen: 'X-Frame-Options: SameOrigin'
    })
    for (const value of ['DENY, DENY', 'xdeny', 'denyx', 'ALLOW-FROM https://a.example'])
      expect(frames({ 'x-frame-options': value })).toEqual({
        problem: `X-Frame-Options is ${value}: only DENY or SAMEORIGIN protect`
      })
  })

  test('CSP: any policy that is not blank', () => {
    expect(rule('content-security-policy', { 'content-security-policy': "default-src 'none'" })).toEqual({
      seen: "Content-Security-Policy: default-src 'none'"
    })
    expect(rule('content-security-policy', { 'content-security-policy': '' })).toEqual({
      problem: 'Content-Security-Policy is missing'
    })
  })

  test('Referrer-Policy: the last policy counts, and the two that leak full URLs break the rule', () => {
    const referrer = (value: string) => rule('referrer-policy', { 'referrer-policy': value })
    expect(referrer('no-referrer-when-downgrade')).toEqual({
      problem: 'Referrer-Policy no-referrer-when-downgrade sends full URLs to other sites'
    })
    expect(referrer('no-referrer, Unsafe-URL ')).toEqual({
      problem: 'Referrer-Policy unsafe-url sends full URLs to other sites'
    })
    expect(referrer('unsafe-url, same-origin')).toEqual({ seen: 'Referrer-Policy: unsafe-url, same-origin' })
    expect(referrer('')).toEqual({ seen: 'Referrer-Policy: ' })
  })

  test('a version in Server or X-Powered-By leaks; names alone do not', () => {
    const leak = (headers: Record<string, string>) => judged(headers)['headers.version-leak']
    expect(leak({ server: 'Apache/2', 'x-powered-by': 'PHP 8.3' })).toEqual({
      problem: 'tells the software version: Server: Apache/2, X-Powered-By: PHP 8.3'
    })
    expect(leak({ server: 'Caddy / 2' })).toHaveProperty(
      'problem',
      'tells the software version: Server: Caddy / 2'
    )
    expect(leak({ 'x-powered-by': 'Next.js 14.1' })).toHaveProperty(
      'problem',
      'tells the software version: X-Powered-By: Next.js 14.1'
    )
    for (const server of ['nginx', 'cloudflare', 'Apache/', 'gws 2'])
      expect(leak({ server, 'x-powered-by': 'Express' })).toEqual({
        seen: 'no software version in Server or X-Powered-By'
      })
  })

  test('a server’s text is quoted on one line and cut at 80 characters', () => {
    const at80 = `nginx/1.${'2'.repeat(72)}`
    expect(judged({ server: at80 })['headers.version-leak']?.problem).toBe(
      `tells the software version: Server: ${at80}`
    )
    expect(judged({ server: `${at80}3` })['headers.version-leak']?.problem).toBe(
      `tells the software version: Server: ${at80}…`
    )
    expect(judged({ server: 'nginx/1.2\r\n\nX-Injected: 1\rz' })['headers.version-leak']?.problem).toBe(
      'tells the software version: Server: nginx/1.2 X-Injected: 1 z'
    )
  })
})

describe('endpoints that must require credentials', () => {
  const ADMIN = 'https://api.example.com/admin'

  test('401 and 403 hold; anything else, or no answer, breaks the rule', () => {
    expect(judgeAuth('admin', { url: ADMIN, status: 401 })).toEqual({
      rule: 'auth_required.open',
      target: 'admin',
      seen: `${ADMIN} answered 401 without credentials`
    })
    expect(judgeAuth('admin', { url: ADMIN, status: 403 })).toHaveProperty('seen')
    for (const status of [200, 302, 404, 500])
      expect(judgeAuth('admin', { url: ADMIN, status })).toEqual({
        rule: 'auth_required.open',
        target: 'admin',
        problem: `${ADMIN} answered ${status} without credentials; it must answer 401 or 403`
      })
    expect(judgeAuth('admin', { url: ADMIN, error: 'timed out' })).toEqual({
      rule: 'auth_required.open',
      target: 'admin',
      problem: `${ADMIN} did not answer, so it is not known to require credentials: timed out`
    })
    expect(judgeAuth('admin', { url: ADMIN, status: 401, error: 'reset' })).toHaveProperty('problem')
    expect(judgeAuth('admin', { url: ADMIN })).toHaveProperty(
      'problem',
      `${ADMIN} did not answer, so it is not known to require credentials: `
    )
  })
})

describe('open ports', () => {
  const scan = (...open: number[]) =>
    [22, 443, 5432, 8080].map(port => ({ port, open: open.includes(port), reason: 'refused' }))

  test('open ports that are expected hold, and the message lists what is open', () => {
    expect(judgePorts('db', '10.0.0.5', [443, 8080], scan(443))).toEqual({
      rule: 'ports.unexpected-open',
      target: 'db',
      seen: 'open on 10.0.0.5: 443 (expected: 443, 8080)'
    })
    expect(judgePorts('db', '10.0.0.5', [], scan())).toHaveProperty(
      'seen',
      'open on 10.0.0.5: none (expected: none)'
    )
    expect(judgePorts('db', '10.0.0.5', [22, 443], scan(22, 443))).toHaveProperty(
      'seen',
      'open on 10.0.0.5: 22, 443 (expected: 22, 443)'
    )
  })

  test('an unexpected open port breaks the rule, in the singular or the plural', () => {
    expect(judgePorts('db', '10.0.0.5', [443], scan(22, 443))).toEqual({
      rule: 'ports.unexpected-open',
      target: 'db',
      problem: 'port 22 on 10.0.0.5 accepts connections but is not expected (expected: 443)'
    })
    expect(judgePorts('db', '10.0.0.5', [], scan(22, 5432))).toHaveProperty(
      'problem',
      'ports 22, 5432 on 10.0.0.5 accept connections but are not expected (expected: none)'
    )
  })

  test('the exposed ports are the open ones, in scan order', () => {
    expect(exposedPorts(scan(8080, 22))).toEqual([22, 8080])
    expect(exposedPorts(scan())).toEqual([])
  })
})
