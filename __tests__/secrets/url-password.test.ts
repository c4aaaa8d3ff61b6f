// Where the password of a `scheme://user:password@host` URL is, in any text: found to learn it as a
// secret, and masked in whatever is written.
import { maskUrlPasswords, percentDecoded, urlPasswords } from '../../src/secrets/url-password.js'

const passwordsIn = (text: string) => urlPasswords(text).map(({ start, end }) => text.slice(start, end))

describe('the password of a URL', () => {
  test('is found between the user and the last @ of the authority, in order, in any text', () => {
    const text = 'from postgres://app:s3cret@db:5432/app to redis://:p@ss:w0rd@cache:6379/0'
    expect(urlPasswords(text)).toEqual([
      { start: 20, end: 26 },
      { start: text.indexOf('p@ss'), end: text.indexOf('@cache') }
    ])
    expect(passwordsIn(text)).toEqual(['s3cret', 'p@ss:w0rd'])
  })

  test('ends where the authority ends: at a path, a query, a fragment, a quote, a bracket or a space', () => {
    for (const end of ['/', '?', '#', '"', "'", '<', '>', ' ', '\n'])
      expect(passwordsIn(`x://u:pw@h${end}then a@b`)).toEqual(['pw'])
    expect(passwordsIn('x://u:pw/not@host')).toEqual([])
  })

  test('needs a user part ended by a colon: a user alone, or a user that meets @ or / first, has none', () => {
    expect(passwordsIn('https://user@host/a:b@c')).toEqual([])
    expect(passwordsIn('https://host/path:x@y')).toEqual([])
    expect(passwordsIn('https://us"er:pw@host')).toEqual([])
    expect(passwordsIn('https://user:@host')).toEqual([])
    expect(passwordsIn('https://user:pw')).toEqual([])
    expect(passwordsIn('x://u:p@h')).toEqual(['p'])
  })

  test('needs a scheme with a letter right before ://', () => {
    expect(passwordsIn('://u:pw@h')).toEqual([])
    expect(passwordsIn('1+2://u:pw@h')).toEqual([])
    expect(passwordsIn(' ://u:pw@h')).toEqual([])
    expect(passwordsIn('git+ssh://u:pw@h')).toEqual(['pw'])
    expect(passwordsIn('9a://u:pw@h')).toEqual(['pw'])
    // The letter may come before the last character, and a space ends the scheme.
    expect(passwordsIn('s3://u:pw@h')).toEqual(['pw'])
    expect(passwordsIn('a ://u:pw@h')).toEqual([])
  })

  test('is not read into the next URL: a scheme begins after the previous password', () => {
    expect(passwordsIn('a://u:p@b://v:q@h')).toEqual(['p', 'q'])
    expect(passwordsIn('x://u:p@h and y://h://v:q@i')).toEqual(['p', 'q'])
    // After a URL, a `user:password@host` without `://` is no URL.
    expect(passwordsIn('x://u:p@h, then bob:pw@example.com')).toEqual(['p'])
  })

  test('is replaced by a mask, the rest of the text kept', () => {
    expect(maskUrlPasswords('postgres://app:s3cret@db/app and amqp://u:p@ss@mq', '***')).toBe(
      'postgres://app:***@db/app and amqp://u:***@mq'
    )
    expect(maskUrlPasswords('no url here', '***')).toBe('no url here')
  })
})

describe('percent-decoding', () => {
  test('decodes valid percent-encoding', () => {
    expect(percentDecoded('p%40ss%20w%C3%B6rd')).toBe('p@ss wörd')
  })

  test('keeps text that is not valid percent-encoding as written', () => {
    expect(percentDecoded('100%-sure%zz')).toBe('100%-sure%zz')
  })
})
