// Places in the plain document: JSON pointers (the source map's keys, ajv's reports), and the
// dotted names messages use.
import { dotted, dottedExcerpt, pathOf, pointer } from '../../src/config/document.js'

describe('JSON pointers', () => {
  it('escape ~ and / inside a key, ~ first, so that a key stays one segment', () => {
    expect(pointer(['expect', 'json', '$.a/b', 'x~1'])).toBe('/expect/json/$.a~1b/x~01')
  })

  it('read back to the same path, list indexes as numbers', () => {
    const document = { services: { 'a/b': { steps: [{ 'x~1': 1 }] } } }
    const path = ['services', 'a/b', 'steps', 0, 'x~1']
    expect(pathOf(document, pointer(path))).toStrictEqual(path)
  })
})

describe('dotted names', () => {
  it('use dots for plain keys, brackets for indexes and for keys with other characters', () => {
    expect(dotted(['services', 'api', 'http', 'expect', 'json', '$.status', 0])).toBe(
      'services.api.http.expect.json["$.status"][0]'
    )
  })

  it('cut each key to one short line when the key is not one the schema knows', () => {
    const key = `${'k'.repeat(60)}\nsecond line`
    expect(dottedExcerpt(['services', key, 2])).toBe(`services["${'k'.repeat(39)}…"][2]`)
  })
})
