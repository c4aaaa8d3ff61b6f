// The forms of a secret, one behaviour per test. Each test builds its own redactor: one shared by
// several tests computes the forms in the first test only, which hides the others from the mutation
// run's per-test coverage.
import { formsOf, Secrets } from '../../src/secrets/redact.js'

const masked = (secret: string, text: string): string => new Secrets([secret]).text(text)

describe('formsOf', () => {
  it("gives a plain secret's forms: itself, its base64 alone and inside longer data, and its hex", () => {
    expect(formsOf('abcdefgh').sort()).toEqual(
      [
        'abcdefgh',
        'YWJjZGVmZ2g=',
        'YWJjZGVmZ2g',
        'YWJjZGVmZ2',
        'FiY2RlZmdo',
        'hYmNkZWZna',
        '6162636465666768'
      ].sort()
    )
  })

  it('leaves text alone that is no form of the secret', () => {
    expect(masked('abcdefgh', 'Stryker was here, abcdefg')).toBe('Stryker was here, abcdefg')
  })
})

describe('multi-line secrets', () => {
  it('masks a line of a multi-line secret written without its surrounding spaces', () => {
    const secret = 'key:\n   MIIEvQIBADANBgkqhkiG9w0B  \r\n   AQEFAASCBKcwggSjAgEAAoIB\n'
    expect(masked(secret, 'line 2: MIIEvQIBADANBgkqhkiG9w0B, line 3: AQEFAASCBKcwggSjAgEAAoIB.')).toBe(
      'line 2: ***, line 3: ***.'
    )
  })
})

describe('JSON escapes', () => {
  it('masks a non-ASCII secret written with lower-case \\u escapes', () => {
    expect(masked('clé-secrète', '{"token":"cl\\u00e9-secr\\u00e8te"}')).toBe('{"token":"***"}')
  })

  it('masks a non-ASCII secret written with upper-case \\u escapes', () => {
    expect(masked('clé-secrète', '{"token":"cl\\u00E9-secr\\u00E8te"}')).toBe('{"token":"***"}')
  })
})

describe('percent-encoding', () => {
  it('masks a secret percent-encoded with lower-case hex digits', () => {
    expect(masked('p@ss/word', 'GET /login?password=p%40ss%2fword&user=a')).toBe(
      'GET /login?password=***&user=a'
    )
  })

  it('masks a secret with spaces in a form body, where a space is +', () => {
    expect(masked('correct horse battery', 'user=a&password=correct+horse+battery')).toBe(
      'user=a&password=***'
    )
  })

  it('masks a secret with a control character, percent-encoded with two hex digits', () => {
    expect(masked('tab\tsecret', 'GET /?q=tab%09secret')).toBe('GET /?q=***')
  })
})

describe('base64', () => {
  it('masks the base64 of a secret whole, padded or not', () => {
    expect(masked('abcdefgh', 'padded YWJjZGVmZ2g=, unpadded YWJjZGVmZ2g.')).toBe('padded ***, unpadded ***.')
    expect(masked('abcdefg', 'padded YWJjZGVmZw==, unpadded YWJjZGVmZw.')).toBe('padded ***, unpadded ***.')
  })

  it('masks URL-safe base64, where + and / are - and _', () => {
    // The standard base64 of this secret is a2E+YXg/Pn4=.
    expect(masked('ka>ax?>~', 'standard a2E+YXg/Pn4=, URL-safe a2E-YXg_Pn4')).toBe(
      'standard ***, URL-safe ***'
    )
  })

  it('masks a secret inside longer base64 data at each of the three byte offsets, and only its part', () => {
    // base64 of "abcdefgh~ and more", "aabcdefgh and more" and "ababcdefgh and more".
    expect(masked('abcdefgh', 'YWJjZGVmZ2h+IGFuZCBtb3Jl')).toBe('***h+IGFuZCBtb3Jl')
    expect(masked('abcdefgh', 'YWFiY2RlZmdoIGFuZCBtb3Jl')).toBe('YW***IGFuZCBtb3Jl')
    expect(masked('abcdefgh', 'YWJhYmNkZWZnaCBhbmQgbW9yZQ==')).toBe('YWJ***CBhbmQgbW9yZQ==')
  })

  it('keeps the characters a secret shares with a zero byte before it in base64 data', () => {
    // base64 of "\0abcdefgh": "AG" encodes the zero byte and the first two bits of "a".
    expect(masked('abcdefgh', 'AGFiY2RlZmdo')).toBe('AG***')
  })
})
