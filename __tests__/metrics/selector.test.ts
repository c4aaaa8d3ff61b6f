// A PromQL series selector, the quoted label values it shares with the exposition format, and the
// series names written in messages.
import { readQuoted } from '../../src/metrics/quoted.js'
import { readSelector, selects, seriesName, type Selector } from '../../src/metrics/selector.js'
import { loadPatternEngine } from '../../src/config/pattern.js'

function selector(text: string): Selector {
  const read = readSelector(text)
  if ('problem' in read) throw new Error(read.problem)
  return read.selector
}

// The configuration's reader loads RE2 before any pattern is read; these tests read patterns directly.
beforeAll(loadPatternEngine)

describe('a quoted label value', () => {
  it('reads the escapes \\\\, \\" and \\n, and returns the text after the closing quote', () => {
    expect(readQuoted('"a\\nb\\\\c\\"d" rest')).toStrictEqual({ value: 'a\nb\\c"d', rest: ' rest' })
    expect(readQuoted('""')).toStrictEqual({ value: '', rest: '' })
  })

  it.each([
    ['a"', 'expected a value in double quotes'],
    ['"abc', 'the quoted value has no closing "'],
    ['"a\\tb"', 'unknown escape \\t (only \\\\, \\" and \\n are allowed)'],
    ['"a\\', 'unknown escape \\ (only \\\\, \\" and \\n are allowed)']
  ])('refuses %j: %s', (text, problem) => {
    expect(readQuoted(text)).toStrictEqual({ problem })
  })
})

describe('reading a selector', () => {
  it('reads a bare metric name, and one with matchers spaced out, with every operator', () => {
    expect(readSelector('up')).toStrictEqual({ selector: { name: 'up', matchers: [] }, rest: '' })
    expect(readSelector('up { a = "1" , b != "2", c =~ "x|y",d!~"z" } > 3')).toStrictEqual({
      selector: {
        name: 'up',
        matchers: [
          { label: 'a', op: '=', value: '1' },
          { label: 'b', op: '!=', value: '2' },
          { label: 'c', op: '=~', value: 'x|y' },
          { label: 'd', op: '!~', value: 'z' }
        ]
      },
      rest: '> 3'
    })
  })

  it('checks the pattern of a regex matcher only, in RE2 terms', () => {
    expect(readSelector('up{a="("}')).toHaveProperty('selector.matchers', [
      { label: 'a', op: '=', value: '(' }
    ])
    expect(readSelector('up{a=~"("}')).toStrictEqual({ problem: 'label a: missing closing ): `(`' })
    expect(readSelector('up{a!~"("}')).toStrictEqual({ problem: 'label a: missing closing ): `(`' })
  })

  it.each([
    [' up', 'does not start with a metric name'],
    ['up{0="a"}', 'expected a label name at \'0="a"}\''],
    [`up{${'-'.repeat(30)}}`, `expected a label name at '${'-'.repeat(20)}'`],
    ['up{a:"1"}', 'expected =, !=, =~ or !~ after label a'],
    ['up{a=1}', 'label a: expected a value in double quotes'],
    ['up{a="1" b="2"}', 'expected , or } after label a']
  ])('refuses %j: %s', (text, problem) => {
    expect(readSelector(text)).toStrictEqual({ problem })
  })
})

describe('selecting a series', () => {
  it('anchors a pattern at both ends, as PromQL does', () => {
    expect(selects(selector('up{m=~"GE"}'), 'up', { m: 'GET' })).toBe(false)
    expect(selects(selector('up{m=~"ET"}'), 'up', { m: 'GET' })).toBe(false)
    expect(selects(selector('up{m=~"GE."}'), 'up', { m: 'GET' })).toBe(true)
    expect(selects(selector('up{m!~"GE"}'), 'up', { m: 'GET' })).toBe(true)
    expect(selects(selector('up{m!~"G.T"}'), 'up', { m: 'GET' })).toBe(false)
  })

  it('compares exact values, and a missing label as empty', () => {
    expect(selects(selector('up{m="GET"}'), 'up', { m: 'GET' })).toBe(true)
    expect(selects(selector('up{m!="GET"}'), 'up', { m: 'GET' })).toBe(false)
    expect(selects(selector('up{m!="GET"}'), 'up', {})).toBe(true)
    expect(selects(selector('up{m=""}'), 'up', {})).toBe(true)
  })
})

describe('the name of a series in a message', () => {
  it('is the metric name alone, or with its labels quoted as the exposition format does', () => {
    expect(seriesName('up', {})).toBe('up')
    expect(seriesName('up', { job: 'api', path: 'a"b' })).toBe('up{job="api",path="a\\"b"}')
  })
})
