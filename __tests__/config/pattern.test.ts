import { mayHoldPatterns, patternProblem, matchesPattern } from '../../src/config/pattern.js'
import { cleanup, load } from './helpers.js'

afterAll(cleanup)

describe('whether a configuration may hold a pattern, so that RE2 is loaded', () => {
  it('says yes for a matcher with matches, wherever it sits', () => {
    expect(
      mayHoldPatterns({ services: { api: { http: { expect: { json: { '$.v': { matches: '^1' } } } } } } })
    ).toBe(true)
    expect(mayHoldPatterns({ smoke: [{ expect: { body: { matches: 'ok' } } }] })).toBe(true)
  })

  it("says yes for a selector's =~ or !~, in a value or in a key", () => {
    expect(mayHoldPatterns({ metrics: { watch: ['http_requests{code=~"5.."}'] } })).toBe(true)
    expect(mayHoldPatterns({ metrics: { watch: [{ 'up{job!~"db"}': { gte: 1 } }] } })).toBe(true)
  })

  it('says yes for a list where only one item holds a pattern', () => {
    expect(mayHoldPatterns({ metrics: { watch: ['up{job="api"}', 'http_requests{code=~"5.."}'] } })).toBe(
      true
    )
  })

  it('says no for a configuration with neither', () => {
    expect(
      mayHoldPatterns({
        version: 1,
        services: {
          api: { http: { url: 'https://x.test/health', expect: { status: 200, json: { '$.ok': true } } } }
        },
        metrics: { watch: ['up{job="api"}'] }
      })
    ).toBe(false)
  })
})

// Before any test below loads RE2 (tests of one file run in order, in one module registry).
describe('reading a pattern before RE2 is loaded', () => {
  it('is a bug that says so, not a pattern refused', () => {
    expect(() => patternProblem('^a+$')).toThrow(/RE2 is not loaded/)
    expect(() => matchesPattern('^a+$', 'aaa')).toThrow(/RE2 is not loaded/)
  })
})

describe('a configuration with a pattern', () => {
  it('loads RE2 as it is read, so that its checks can match', async () => {
    await load({
      'env.yml': [
        'version: 1',
        'services:',
        '  api:',
        '    http: { url: "https://api.test/health", expect: { json: { $.v: { matches: "^1" } } } }'
      ].join('\n')
    })
    expect(matchesPattern('^1', '1.2')).toBe(true)
    expect(patternProblem('(?=a)')).toMatch(/invalid or unsupported Perl syntax/)
  })
})
