// A matcher compares one observed value with what the environment file expects, and says in one
// sentence what did not hold, naming the value ("$.status", "header etag"). Pure: no I/O here.
import { checkMatcher, numeric } from '../../src/judge/matchers.js'
import { loadPatternEngine } from '../../src/config/pattern.js'

// The configuration's reader loads RE2 before any pattern is read; these tests read patterns directly.
beforeAll(loadPatternEngine)

describe('a plain value', () => {
  test('means equality', () => {
    expect(checkMatcher('ok', 'ok', '$.status')).toBeNull()
    expect(checkMatcher(3, 3, '$.count')).toBeNull()
    expect(checkMatcher(false, false, '$.degraded')).toBeNull()
    expect(checkMatcher(null, null, '$.error')).toBeNull()
  })

  test('equals the same scalar written as another type, as YAML and headers spell them', () => {
    expect(checkMatcher('5', 5, 'header x-count')).toBeNull()
    expect(checkMatcher(5, '5', '$.count')).toBeNull()
    expect(checkMatcher('true', true, 'header x-ready')).toBeNull()
    expect(checkMatcher(false, 'false', '$.degraded')).toBeNull()
    expect(checkMatcher('1.5', 1.5, '$.ratio')).toBeNull()
  })

  test('says what was expected and what was seen', () => {
    expect(checkMatcher('degraded', 'ok', '$.status')).toBe('expected $.status to equal "ok", got "degraded"')
    expect(checkMatcher(4, 5, '$.count')).toBe('expected $.count to equal 5, got 4')
    expect(checkMatcher('6', 5, 'header x-count')).toBe('expected header x-count to equal 5, got "6"')
  })

  test('a value that is not there is seen as nothing', () => {
    expect(checkMatcher(undefined, 'ok', '$.status')).toBe('expected $.status to equal "ok", got nothing')
    expect(checkMatcher(undefined, null, '$.error')).toBe('expected $.error to equal null, got nothing')
  })
})

describe('equals', () => {
  test('compares objects and lists deeply, whatever the order of keys', () => {
    expect(
      checkMatcher({ a: [1, { b: 2 }], c: 'x' }, { equals: { c: 'x', a: [1, { b: 2 }] } }, '$')
    ).toBeNull()
    expect(checkMatcher(['up', 'up'], { equals: ['up', 'up'] }, '$.checks[*].status')).toBeNull()
  })

  test('a list in another order, or with another item, is not equal', () => {
    expect(checkMatcher(['b', 'a'], { equals: ['a', 'b'] }, '$.tags')).toBe(
      'expected $.tags to equal ["a","b"], got ["b","a"]'
    )
    expect(checkMatcher({ a: [2] }, { equals: { a: [1] } }, '$')).toBe(
      'expected $ to equal {"a":[1]}, got {"a":[2]}'
    )
  })

  test('compares scalars across types like a plain value', () => {
    expect(checkMatcher('200', { equals: 200 }, '$.code')).toBeNull()
  })

  test('never takes a list or an object for the text it would print as', () => {
    expect(checkMatcher([1, 2], { equals: '1,2' }, '$.ids')).toBe('expected $.ids to equal "1,2", got [1,2]')
    expect(checkMatcher('1,2', { equals: [1, 2] }, '$.ids')).toBe('expected $.ids to equal [1,2], got "1,2"')
  })
})

describe('contains', () => {
  test('finds text inside a string', () => {
    expect(
      checkMatcher('application/json; charset=utf-8', { contains: 'json' }, 'header content-type')
    ).toBeNull()
    expect(checkMatcher('application/json', { contains: 'xml' }, 'header content-type')).toBe(
      'expected header content-type to contain "xml", got "application/json"'
    )
  })

  test('finds an item of a list, scalars compared across types', () => {
    expect(checkMatcher(['a', 'b'], { contains: 'b' }, '$.tags')).toBeNull()
    expect(checkMatcher([1, 2, 3], { contains: '2' }, '$.ids')).toBeNull()
    expect(checkMatcher(['alpha', 'beta'], { contains: 'alp' }, '$.tags')).toBe(
      'expected $.tags to contain "alp", got ["alpha","beta"]'
    )
  })

  test('finds digits inside a number', () => {
    expect(checkMatcher(20_250_101, { contains: '2025' }, '$.build')).toBeNull()
  })

  test('fails on a value that is not there, or null', () => {
    expect(checkMatcher(undefined, { contains: 'ok' }, 'body')).toBe(
      'expected body to contain "ok", got nothing'
    )
    expect(checkMatcher(null, { contains: 'null' }, '$.error')).toBe(
      'expected $.error to contain "null", got null'
    )
  })
})

describe('matches', () => {
  test('tests a regular expression against text', () => {
    expect(checkMatcher('v1.4.2', { matches: '^v1\\.' }, '$.version')).toBeNull()
    expect(checkMatcher('v2.0.0', { matches: '^v1\\.' }, '$.version')).toBe(
      'expected $.version to match /^v1\\./, got "v2.0.0"'
    )
  })

  test('tests a number by its digits', () => {
    expect(checkMatcher(503, { matches: '^5\\d\\d$' }, '$.code')).toBeNull()
  })

  test('fails on a value that is not there', () => {
    expect(checkMatcher(undefined, { matches: '.*' }, 'body')).toBe(
      'expected body to match /.*/, got nothing'
    )
  })
})

describe('matches, with a pattern that backtracks exponentially in JavaScript', () => {
  it('decides at once, as RE2 runs in time linear in the text', () => {
    const body = 'a'.repeat(40) + '!'
    const started = Date.now()
    expect(checkMatcher(body, { matches: '^(a+)+$' }, 'body')).toBe(
      `expected body to match /^(a+)+$/, got "${body}"`
    )
    expect(checkMatcher('a'.repeat(1_000_000), { matches: '^(a+)+$' }, 'body')).toBeNull()
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})

describe('exists', () => {
  test('true holds for any value that is there, even null, empty, zero or false', () => {
    for (const value of ['x', '', 0, false, null, [], {}]) {
      expect(checkMatcher(value, { exists: true }, '$.field')).toBeNull()
    }
  })

  test('true fails on a value that is not there', () => {
    expect(checkMatcher(undefined, { exists: true }, 'header etag')).toBe(
      'expected header etag to exist, it is missing'
    )
  })

  test('false holds for a value that is not there, and fails on one that is', () => {
    expect(checkMatcher(undefined, { exists: false }, '$.error')).toBeNull()
    expect(checkMatcher('boom', { exists: false }, '$.error')).toBe(
      'expected $.error to be absent, it is present'
    )
  })
})

describe('comparisons', () => {
  test('lt, lte, gt and gte hold on either side of their bound as their symbols say', () => {
    expect(checkMatcher(4, { lt: 5 }, 'x')).toBeNull()
    expect(checkMatcher(5, { lt: 5 }, 'x')).toBe('expected x to be < 5, got 5')
    expect(checkMatcher(5, { lte: 5 }, 'x')).toBeNull()
    expect(checkMatcher(6, { lte: 5 }, 'x')).toBe('expected x to be <= 5, got 6')
    expect(checkMatcher(6, { gt: 5 }, 'x')).toBeNull()
    expect(checkMatcher(5, { gt: 5 }, 'x')).toBe('expected x to be > 5, got 5')
    expect(checkMatcher(5, { gte: 5 }, 'x')).toBeNull()
    expect(checkMatcher(4, { gte: 5 }, 'x')).toBe('expected x to be >= 5, got 4')
  })

  test('read numbers from numeric text, such as header values', () => {
    expect(checkMatcher('15.4', { gte: 15, lt: 16 }, 'version')).toBeNull()
    expect(checkMatcher('120', { lte: 100 }, 'header x-queue-depth')).toBe(
      'expected header x-queue-depth to be <= 100, got "120"'
    )
    expect(checkMatcher(' 42 ', { gt: 41 }, 'header x-count')).toBeNull()
  })

  test('fail on what is not a number, or not there', () => {
    expect(checkMatcher('n/a', { gt: 0 }, '$.count')).toBe('expected $.count to be > 0, got "n/a"')
    expect(checkMatcher('', { gte: 0 }, '$.count')).toBe('expected $.count to be >= 0, got ""')
    expect(checkMatcher(true, { gte: 0 }, '$.count')).toBe('expected $.count to be >= 0, got true')
    expect(checkMatcher(undefined, { lt: 1 }, '$.count')).toBe('expected $.count to be < 1, got nothing')
  })

  test('a range needs both of its bounds to hold, and names each one that does not', () => {
    expect(checkMatcher(5, { gt: 1, lt: 10 }, 'x')).toBeNull()
    expect(checkMatcher(12, { gt: 1, lt: 10 }, 'x')).toBe('expected x to be < 10, got 12')
  })
})

describe('several operators in one matcher', () => {
  test('all must hold, and every one that does not is named, in one sentence joined by ";"', () => {
    expect(checkMatcher('ok-1.2', { exists: true, contains: 'ok', matches: '\\d' }, '$.v')).toBeNull()
    expect(checkMatcher(undefined, { exists: true, contains: 'ok' }, 'header x-state')).toBe(
      'expected header x-state to exist, it is missing; expected header x-state to contain "ok", got nothing'
    )
    expect(checkMatcher('abc', { contains: 'z', matches: '^\\d' }, '$.v')).toBe(
      'expected $.v to contain "z", got "abc"; expected $.v to match /^\\d/, got "abc"'
    )
  })

  test('an empty matcher holds for anything', () => {
    expect(checkMatcher(undefined, {}, '$.anything')).toBeNull()
  })
})

test('a long value seen is shortened to its first 200 characters', () => {
  const failure = checkMatcher('x'.repeat(500), 'short', 'body')
  expect(failure).toBe(`expected body to equal "short", got "${'x'.repeat(199)}…`)
})

describe('reading a number', () => {
  test('takes numbers as they are, and numeric text as its number', () => {
    expect(numeric(5)).toBe(5)
    expect(numeric(-2.5)).toBe(-2.5)
    expect(numeric('15.4')).toBe(15.4)
    expect(numeric(' 7 ')).toBe(7)
    expect(numeric('1e3')).toBe(1000)
  })

  test('finds no number in other text, blanks, infinities, booleans, null or nothing', () => {
    for (const value of ['abc', '', '   ', '12abc', 'Infinity', true, null, undefined, [1], { n: 1 }]) {
      expect(numeric(value)).toBeUndefined()
    }
  })
})
