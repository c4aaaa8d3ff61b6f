// Redaction takes time in proportion to the text, whatever it holds: a hostile server's long answer
// cannot stall the run. Wall-clock bounds, so outside the unit run (`jest.unit.config.js`), where
// instrumentation and a busy machine make them meaningless.
import { createRedactor } from '../../src/secrets/redact.js'
import { urlPasswords } from '../../src/secrets/url-password.js'
import { CANARIES, findLeaks } from '../support/secret-forms.js'

describe('redaction time grows with the text, not with what it holds', () => {
  it('finds the password of a URL in a 200 KB line full of scheme characters within 5 s', () => {
    const started = Date.now()
    const line = `${'a'.repeat(100_000)}://${'b'.repeat(100_000)}`
    expect(createRedactor([]).text(line)).toBe(line)
    expect(urlPasswords(`${'a://b:'.repeat(40_000)}x://u:pw@h`)).toHaveLength(1)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('masks 50 secrets in many forms in a 1 MB line within 2 s', () => {
    const secrets = Array.from({ length: 50 }, (_, i) => `${CANARIES.unicode}-${i}-${'z'.repeat(i)}`)
    const redact = createRedactor(secrets)
    const chunk = `log ${secrets[7]} ${Buffer.from(secrets[9] ?? '').toString('base64')} `
    const line = chunk.repeat(Math.ceil(1_000_000 / chunk.length))
    const started = Date.now()
    const redacted = redact.text(line)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(redacted.startsWith('log *** *** log *** ***')).toBe(true)
    expect(findLeaks(redacted.slice(0, 10_000), secrets)).toEqual([])
  })
})
