import { createRedactor } from '../../src/report/redact.js'

describe('createRedactor', () => {
  it('masks every occurrence of a secret in text', () => {
    const redact = createRedactor(['s3cr3t-token'])
    expect(redact.text('Authorization: Bearer s3cr3t-token (s3cr3t-token)')).toBe(
      'Authorization: Bearer *** (***)'
    )
  })

  it('masks secrets in nested values, keys included, and leaves the original untouched', () => {
    const redact = createRedactor(['hunter2'])
    const value = {
      checks: [
        { message: 'login as admin/hunter2 failed', details: { hunter2: ['x hunter2 y', 3, true, null] } }
      ]
    }
    expect(redact.deep(value)).toEqual({
      checks: [{ message: 'login as admin/*** failed', details: { '***': ['x *** y', 3, true, null] } }]
    })
    expect(value.checks[0]?.message).toBe('login as admin/hunter2 failed')
  })

  it('masks the URL-encoded form of a secret', () => {
    const redact = createRedactor(['p@ss word/1'])
    expect(redact.text('GET /login?password=p%40ss%20word%2F1&user=a')).toBe('GET /login?password=***&user=a')
  })

  it('masks the longest secret whole when one secret contains another', () => {
    const redact = createRedactor(['abc', 'abcdef'])
    expect(redact.text('token abcdef')).toBe('token ***')
  })

  it('masks each line of a multi-line secret', () => {
    const redact = createRedactor([
      '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----'
    ])
    expect(redact.text('stderr: bad key line MIIEvQIBADANBgkqhkiG9w0BAQEFAASC')).toBe(
      'stderr: bad key line ***'
    )
  })

  it('treats secrets as text, not patterns', () => {
    const redact = createRedactor(['a.c|(x)*'])
    expect(redact.text('abc a.c|(x)* xx')).toBe('abc *** xx')
  })

  it('masks the password of any URL, declared or not', () => {
    const redact = createRedactor([])
    expect(redact.text('connecting to postgres://user:pass@host:5432/db failed')).toBe(
      'connecting to postgres://user:***@host:5432/db failed'
    )
    expect(redact.text('redis://:topsecret@cache:6379')).toBe('redis://:***@cache:6379')
    expect(redact.text('amqp://u:p@ss@broker/vhost')).toBe('amqp://u:***@broker/vhost')
    expect(redact.deep({ url: 'https://bot:ghp_abc123@github.com/acme/shop.git' })).toEqual({
      url: 'https://bot:***@github.com/acme/shop.git'
    })
  })

  it('does not run a URL match into the next JSON field', () => {
    const redact = createRedactor([])
    expect(redact.text('{"a":"postgres://u:p@h/db","b":"c@d"}')).toBe(
      '{"a":"postgres://u:***@h/db","b":"c@d"}'
    )
  })

  it('leaves unrelated text alone', () => {
    const redact = createRedactor(['hunter2', ''])
    const text =
      'mail ops@example.com, see https://example.com/a:b@c?d, user@host:22, https://user@host/ and 10:30 @ noon'
    expect(redact.text(text)).toBe(text)
    expect(redact.deep({ port: 5432, ok: true, none: null, list: ['hunter', 'unter2'] })).toEqual({
      port: 5432,
      ok: true,
      none: null,
      list: ['hunter', 'unter2']
    })
  })

  it('ignores empty secrets instead of masking everything', () => {
    expect(createRedactor(['']).text('plain')).toBe('plain')
  })

  it('redacts a report of a thousand checks with many secrets quickly enough to run on every snapshot', () => {
    const secrets = Array.from({ length: 50 }, (_, i) => `secret-value-${i}-${'x'.repeat(20)}`)
    const redact = createRedactor(secrets)
    const checks = Array.from({ length: 1000 }, (_, i) => ({
      id: `services.s${i}`,
      message: `failed with ${secrets[i % 50]} at postgres://u:${i}pw@db/app`,
      details: { attempts: [{ failures: ['timeout after 10 s', `token ${secrets[(i + 1) % 50]}`] }] }
    }))
    const redacted = redact.deep({ checks })
    expect(JSON.stringify(redacted)).not.toMatch(/secret-value|pw@/)
    expect(redacted.checks[7]?.message).toBe('failed with *** at postgres://u:***@db/app')
  })
})
