// The Prometheus text exposition format, as exporters write it.
import { parseExposition, parseSampleValue } from '../../src/metrics/exposition.js'
import { readSelector, selects } from '../../src/metrics/selector.js'
import { loadPatternEngine } from '../../src/config/pattern.js'

const EXPOSITION = [
  '# HELP http_requests_total The total number of HTTP requests.',
  '# TYPE http_requests_total counter',
  'http_requests_total{method="post",code="200"} 1027 1395066363000',
  'http_requests_total{method="post",code="400"}    3 1395066363000',
  '',
  '# A free comment, ignored',
  'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
  'metric_without_timestamp_and_labels 12.47',
  'something_weird{problem="division by zero"} +Inf -3982045',
  'negative_infinity -Inf',
  'not_a_number NaN',
  '# TYPE http_request_duration_seconds histogram',
  'http_request_duration_seconds_bucket{le="0.05"} 24054',
  'http_request_duration_seconds_bucket{le="+Inf"} 144320',
  'http_request_duration_seconds_sum 53423',
  'http_request_duration_seconds_count 144320',
  '# TYPE rpc_duration_seconds summary',
  'rpc_duration_seconds{quantile="0.99",} 76656',
  'windows_line\r',
  ''
].join('\n')

// The configuration's reader loads RE2 before any pattern is read; these tests read patterns directly.
beforeAll(loadPatternEngine)

describe('parsing an exposition', () => {
  // Parsed in each test, so that a mutation run sees which tests read it.
  const parsed = () => parseExposition(EXPOSITION.replace('windows_line\r', 'windows_line 1\r'))

  it('reads every sample, with labels, escapes, timestamps and special values', () => {
    const { samples, problem } = parsed()
    expect(problem).toBeUndefined()
    expect(samples).toContainEqual({
      name: 'http_requests_total',
      labels: { method: 'post', code: '400' },
      value: 3,
      timestampMs: 1395066363000
    })
    expect(samples).toContainEqual({
      name: 'msdos_file_access_time_seconds',
      labels: { path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' },
      value: 1.458255915e9
    })
    expect(samples).toContainEqual({
      name: 'something_weird',
      labels: { problem: 'division by zero' },
      value: Infinity,
      timestampMs: -3982045
    })
    expect(samples.find(s => s.name === 'negative_infinity')?.value).toBe(-Infinity)
    expect(samples.find(s => s.name === 'not_a_number')?.value).toBeNaN()
    expect(samples.find(s => s.name === 'windows_line')?.value).toBe(1)
    expect(samples).toHaveLength(13)
  })

  it('reads histogram buckets and summary quantiles as samples a selector picks', () => {
    const { samples } = parsed()
    const bucket = readSelector('http_request_duration_seconds_bucket{le="+Inf"}')
    const quantile = readSelector('rpc_duration_seconds{quantile=~"0\\\\.9+"}')
    if ('problem' in bucket || 'problem' in quantile) throw new Error('selectors should read')
    const picked = (selector: typeof bucket.selector) =>
      samples.filter(s => selects(selector, s.name, s.labels)).map(s => s.value)
    expect(picked(bucket.selector)).toEqual([144320])
    expect(picked(quantile.selector)).toEqual([76656])
  })

  it.each([
    ['a value that is not a number', 'up{job="a"} fast', 1, /'fast' is not a number/],
    ['an unclosed label value', 'up{job="a} 1', 1, /no closing "/],
    ['an unknown escape', 'up{job="\\t"} 1', 1, /unknown escape/],
    ['a repeated label', 'up{a="1",a="2"} 1', 1, /label a is given twice/],
    ['an unknown type', '# TYPE up countr', 1, /unknown type 'countr'/],
    ['a fractional timestamp', 'ok 1\nup 1 12.5', 2, /timestamp '12.5'/],
    ['text after the timestamp', 'up 1 12 extra', 1, /unexpected 'extra'/]
  ])('names the line of %s', (_, text, line, message) => {
    const { problem } = parseExposition(text)
    expect(problem?.line).toBe(line)
    expect(problem?.message).toMatch(message)
  })
})

describe('the lines of an exposition', () => {
  it('allows spaces around labels, their = and their commas', () => {
    expect(parseExposition('up { job = "a" , zone= "b" } 1')).toStrictEqual({
      samples: [{ name: 'up', labels: { job: 'a', zone: 'b' }, value: 1 }]
    })
  })

  it('takes a comment without a space after # as free text, and checks HELP and TYPE lines', () => {
    expect(parseExposition('#TYPE up countr\n# HELP up\n# TYPE up gauge\nup 1').problem).toBeUndefined()
    expect(parseExposition('# see # TYPE up countr\n#  TYPE  up  counter').problem).toBeUndefined()
  })

  it('reads a timestamp after any run of spaces, and keeps a carriage return inside a label value', () => {
    expect(parseExposition('up  1   12\r\nup{a="x\ry"} 2').samples).toStrictEqual([
      { name: 'up', labels: {}, value: 1, timestampMs: 12 },
      { name: 'up', labels: { a: 'x\ry' }, value: 2 }
    ])
  })

  it.each([
    ['# HELP', '# HELP names no metric'],
    ['# TYPE 0up counter', '# TYPE names no metric'],
    ['# HELP up-time text', '# HELP names no metric'],
    ['# TYPE up', "# TYPE up has an unknown type ''"],
    ['# TYPE up countr', "# TYPE up has an unknown type 'countr'"],
    ['#  TYPE up countr', "# TYPE up has an unknown type 'countr'"],
    ['{a="1"} 1', 'a sample must start with a metric name'],
    ['up{0a="1"} 1', 'up: expected a label name or }'],
    ['up{a:"1"} 1', 'up: expected = after label a'],
    ['up{a=1} 1', 'up, label a: expected a value in double quotes'],
    ['up{a="1" b="2"} 1', 'up: expected , or } after label a'],
    ['up', "up: '' is not a number"]
  ])('refuses %j: %s', (text, message) => {
    expect(parseExposition(text).problem).toStrictEqual({ line: 1, message })
  })
})

describe('a sample value', () => {
  it.each([
    ['1.5', 1.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['Inf', Infinity],
    ['+inf', Infinity],
    ['-Inf', -Infinity],
    ['infinity', Infinity],
    ['-INFINITY', -Infinity],
    ['nan', NaN]
  ])('reads %j as %d, as Go writes floats', (text, value) => {
    expect(parseSampleValue(text)).toBe(value)
  })

  it.each(['', '0x10', '1,5', 'infinite', '--1'])('refuses %j', text => {
    expect(parseSampleValue(text)).toBeUndefined()
  })
})

describe('a selector', () => {
  it('matches labels exactly, by negation, and by anchored RE2 patterns; a missing label reads as empty', () => {
    const read = readSelector('http_requests_in_flight{route="/api", method!~"HEAD|OPTIONS", zone=""}')
    if ('problem' in read) throw new Error(read.problem)
    const { selector } = read
    expect(selects(selector, 'http_requests_in_flight', { route: '/api', method: 'GET' })).toBe(true)
    expect(selects(selector, 'http_requests_in_flight', { route: '/api', method: 'HEAD' })).toBe(false)
    expect(selects(selector, 'http_requests_in_flight', { route: '/api/v2', method: 'GET' })).toBe(false)
    expect(selects(selector, 'http_requests_in_flight', { route: '/api', method: 'GET', zone: 'a' })).toBe(
      false
    )
    expect(selects(selector, 'http_requests_total', { route: '/api', method: 'GET' })).toBe(false)
  })

  it('returns what follows it, the comparison of a rule', () => {
    expect(readSelector('up{job="api"} >= 1')).toStrictEqual({
      selector: { name: 'up', matchers: [{ label: 'job', op: '=', value: 'api' }] },
      rest: '>= 1'
    })
  })
})
