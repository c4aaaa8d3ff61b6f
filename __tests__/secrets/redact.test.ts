import { createRedactor, maskable, Secrets } from '../../src/secrets/redact.js'
import { clip } from '../../src/model/wording.js'
import { CANARIES, findLeaks, secretForms } from '../support/secret-forms.js'

const canaries = Object.values(CANARIES)

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

  it('keeps the parts that hold nothing to mask as they are, and copies only the parts that do', () => {
    const redact = createRedactor(['hunter2'])
    const clean = { id: 'services.api', details: { attempts: [{ status: 200 }] } }
    const dirty = { id: 'services.db', details: { attempts: [{ error: 'password hunter2 refused' }] } }
    const report = { checks: [clean, dirty], errors: [] }
    const redacted = redact.deep(report)
    expect(redacted.checks[0]).toBe(clean)
    expect(redacted.errors).toBe(report.errors)
    expect(redacted).not.toBe(report)
    expect(redacted.checks[1]?.details.attempts[0]).toEqual({ error: 'password *** refused' })
    expect(dirty.details.attempts[0]?.error).toBe('password hunter2 refused')
    expect(redact.deep(clean)).toBe(clean)
  })

  it('keeps every item of a list in its place when one after a hole is masked', () => {
    // eslint-disable-next-line no-sparse-arrays
    const list = ['hunter2', , 'x', 'hunter2']
    expect(JSON.stringify(createRedactor(['hunter2']).deep(list))).toBe('["***",null,"x","***"]')
  })

  it('copies a key that holds a secret, keeping the order of the keys', () => {
    const redact = createRedactor(['hunter2'])
    const redacted = redact.deep({ a: 1, hunter2: 2, c: 3 })
    expect(Object.entries(redacted)).toEqual([
      ['a', 1],
      ['***', 2],
      ['c', 3]
    ])
  })

  it('turns an instance of a class into a plain object of its own keys', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly label: string
      ) {}
    }
    const redacted = createRedactor(['hunter2']).deep({ point: new Point(1, 'at') })
    expect(redacted.point).not.toBeInstanceOf(Point)
    expect(redacted.point).toEqual({ x: 1, label: 'at' })
  })

  it('masks the URL-encoded form of a secret', () => {
    const redact = createRedactor(['p@ss word/1'])
    expect(redact.text('GET /login?password=p%40ss%20word%2F1&user=a')).toBe('GET /login?password=***&user=a')
  })

  it('masks the longest secret whole when one secret contains another', () => {
    const redact = createRedactor(['abcdef', 'abcdefgh'])
    expect(redact.text('token abcdefgh')).toBe('token ***')
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

describe('the forms a secret takes on its way out', () => {
  const redact = createRedactor(canaries)

  it.each(canaries)('masks %j in every form: plain, JSON-escaped, URL-encoded, base64, hex', secret => {
    for (const { name, form } of secretForms(secret)) {
      const redacted = redact.text(`before ${form} after`)
      expect({ name, leaks: findLeaks(redacted, canaries) }).toEqual({ name, leaks: [] })
      expect(redacted).toBe('before *** after')
    }
  })

  it.each(canaries)('masks %j inside base64 and hex of a longer text, at any alignment', secret => {
    for (const before of ['', 'a', 'ab', 'abc', 'AUTH ', '{"password":"']) {
      const payload = `${before}${secret} and more`
      for (const encoded of [
        Buffer.from(payload).toString('base64'),
        Buffer.from(payload).toString('base64url'),
        Buffer.from(payload).toString('hex')
      ]) {
        expect(findLeaks(redact.text(`echo: ${encoded}`), canaries)).toEqual([])
      }
    }
  })

  it.each(canaries)('masks the start of %j where shortening cut it, from its 6th character on', secret => {
    for (const { form } of secretForms(secret)) {
      const text = `expected $.token to equal "x", got "${form}"`
      for (let max = text.length - form.length + 7; max < text.length; max++) {
        expect(findLeaks(redact.text(clip(text, max)), canaries)).toEqual([])
      }
    }
  })

  it('redacts before shortening leaves at most 5 characters of a secret, and none where it was whole', () => {
    const secret = 'abcdefghij-secret'
    const message = `${'m'.repeat(190)} ${secret} tail`
    expect(clip(createRedactor([secret]).text(message), 200)).toBe(`${'m'.repeat(190)} *** tail`)
    expect(createRedactor([secret]).text(`${'m'.repeat(190)} abcde…`)).toBe(`${'m'.repeat(190)} abcde…`)
    expect(createRedactor([secret]).text(`${'m'.repeat(190)} abcdef…`)).toBe(`${'m'.repeat(190)} ***…`)
  })

  it("registers no value too short or too common to mask, as masking it would hide the run's own facts", () => {
    const secrets = new Secrets()
    expect(secrets.add(['1', 'true', 'false', 'null', 'abcde', '123456789', ' 42   '])).toEqual([])
    expect(secrets.text('deploy_20261201_200452: 3 checks passed in 106 ms, id 1, ok true')).toBe(
      'deploy_20261201_200452: 3 checks passed in 106 ms, id 1, ok true'
    )
    expect(secrets.add(['abcdef', '1234567890'])).toEqual(['abcdef', '1234567890'])
    expect(secrets.text('key abcdef, pin 1234567890')).toBe('key ***, pin ***')
  })

  it('leaves short lines of a multi-line secret unmasked, and masks the long ones', () => {
    const redact = createRedactor(['MIIEvQIBADANBgkqhkiG9w0B\n==\n'])
    expect(redact.text('a == b, MIIEvQIBADANBgkqhkiG9w0B')).toBe('a == b, ***')
  })

  it('never writes the mask for an empty value, however it is registered', () => {
    const secrets = new Secrets(['', ''])
    expect(secrets.add([''])).toEqual([])
    expect(secrets.text('')).toBe('')
    expect(secrets.text('plain … text')).toBe('plain … text')
    expect(secrets.deep({ '': '' })).toEqual({ '': '' })
  })

  it('keeps the user of a URL and masks only its password', () => {
    expect(createRedactor([]).text('"http://bot:p%22w@h/" and "x://:y@z"')).toBe(
      '"http://bot:***@h/" and "x://:***@z"'
    )
  })

  it('grows as secrets are found, and tells which values were new', () => {
    const secrets = new Secrets(['first-secret'])
    expect(secrets.add(['first-secret', 'second-secret', 'second-secret'])).toEqual(['second-secret'])
    expect(secrets.text('first-secret second-secret')).toBe('*** ***')
    const quoted = JSON.stringify({ v: CANARIES.quoted })
    expect(secrets.text(quoted)).toBe(quoted)
    secrets.add([CANARIES.quoted])
    expect(secrets.text(quoted)).toBe('{"v":"***"}')
  })
})

describe('finding secrets in one pass over the text', () => {
  it('finds a secret that starts inside a failed attempt at the same secret', () => {
    expect(createRedactor(['abcabd']).text('abcabcabd')).toBe('abc***')
  })

  it('starts over right after a lone first character of a secret', () => {
    expect(createRedactor(['abcdef']).text('aabcdef, xa abcdef')).toBe('a***, xa ***')
  })

  it('finds a secret that starts inside a failed attempt at another, however deep its start', () => {
    expect(createRedactor(['kababc123', 'abxxyz', 'bcmnop']).text('kababcmnop')).toBe('kaba***')
    expect(createRedactor(['kababc123', 'abaxyz', 'bcmnop']).text('kababcmnop')).toBe('kaba***')
  })

  it('finds a secret that overlaps the end of another and masks both as one', () => {
    expect(createRedactor(['abcdef', 'cdefgh']).text('x abcdefgh y')).toBe('x *** y')
  })

  it('finds a shorter secret inside a failed attempt at a longer one', () => {
    expect(createRedactor(['my-password-x', 'password']).text('my-password-y')).toBe('my-***-y')
  })

  it('masks the longer secret whole when a shorter one ends inside it before it does', () => {
    expect(createRedactor(['password', 'my-password-x']).text('a my-password-x b')).toBe('a *** b')
    expect(createRedactor(['my-password-x', 'password']).text('a my-password-x b')).toBe('a *** b')
  })

  it('masks a secret and a URL password that starts before it as one', () => {
    expect(createRedactor(['hunter2-token']).text('https://bot:xx-hunter2-token-yy@host/')).toBe(
      'https://bot:***@host/'
    )
  })

  it('masks secrets that touch as one', () => {
    expect(createRedactor(['abcdef', 'ghijkl']).text('abcdefghijkl!')).toBe('***!')
  })

  it('leaves the start of a secret alone where the text goes on without a cut mark', () => {
    expect(createRedactor(['abcdefgh']).text('abcdefXY abcdefg')).toBe('abcdefXY abcdefg')
    expect(createRedactor(['abcdefgh']).text('abcdefX…')).toBe('abcdefX…')
  })
})

describe('maskable', () => {
  it('takes a value of digits and letters as a secret, however short its run of digits', () => {
    expect(maskable('123456abc')).toBe(true)
    expect(createRedactor(['123456abc']).text('pin 123456abc')).toBe('pin ***')
  })
})

describe('deep', () => {
  it('keeps an object without a prototype that holds nothing to mask as it is', () => {
    const value: Record<string, unknown> = Object.assign(Object.create(null) as object, {
      id: 'services.api'
    })
    expect(createRedactor(['hunter2']).deep(value)).toBe(value)
  })
})
