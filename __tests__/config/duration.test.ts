// Durations: `250ms`, `10s`, `5m`, `1h`, and combinations from the largest unit down.
import schema from '../../schema/config.schema.json' with { type: 'json' }
import { parseDuration } from '../../src/config/duration.js'
import type { LatencyBound } from '../../src/config/model.js'
import { cleanup, load, problems } from './helpers.js'

afterAll(cleanup)

const VALID: Array<[string, number]> = [
  ['0s', 0],
  ['250ms', 250],
  ['10s', 10_000],
  ['5m', 300_000],
  ['1h', 3_600_000],
  ['1m30s', 90_000],
  ['1h30m', 5_400_000],
  ['2h0m5s10ms', 7_205_010]
]
const INVALID = [
  '',
  '10',
  '10 s',
  ' 10s',
  '1.5s',
  '10sec',
  '30s1m',
  '1m1m',
  'ms',
  '-5s',
  '10S',
  '5d',
  'PT10S'
]

describe('parseDuration', () => {
  it.each(VALID)('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(INVALID)("refuses '%s'", text => {
    expect(parseDuration(text)).toBeUndefined()
  })

  it("agrees with the schema's duration pattern, which editors use", () => {
    const pattern = new RegExp(schema.definitions.duration.pattern, 'u')
    expect(VALID.map(([text]) => pattern.test(text))).toStrictEqual(VALID.map(() => true))
    expect(INVALID.map(text => pattern.test(text))).toStrictEqual(INVALID.map(() => false))
  })
})

describe('durations in the file', () => {
  it('anything else is a problem at its line', async () => {
    expect(
      await problems({ 'env.yml': 'version: 1\ndefaults:\n  startup_budget: 5 minutes\n' })
    ).toStrictEqual([
      "env.yml:3:19: defaults.startup_budget must be a duration such as 250ms, 10s, 5m, 1h or 1m30s, not '5 minutes'"
    ])
  })

  // The schema lets `${NAME}` through: what the variable holds is read after interpolation.
  it('a variable that does not hold a duration is a problem at the line that uses it', async () => {
    const file = "version: 1\nvariables: { BUDGET: {} }\ndefaults:\n  startup_budget: '${BUDGET}'\n"
    expect(await problems({ 'env.yml': file }, { env: { BUDGET: 'soon' } })).toStrictEqual([
      "env.yml:4:19: defaults.startup_budget must be a duration such as 250ms, 10s, 5m, 1h or 1m30s, not 'soon'"
    ])
  })

  it('a startup budget of 0 is a problem', async () => {
    expect(await problems({ 'env.yml': 'version: 1\ndefaults:\n  startup_budget: 0s\n' })).toStrictEqual([
      'env.yml:3:19: defaults.startup_budget must be longer than 0'
    ])
  })

  it('a number without a unit is a problem too', async () => {
    expect(await problems({ 'env.yml': 'version: 1\ndefaults:\n  timeout: 10\n' })).toStrictEqual([
      'env.yml:3:12: defaults.timeout must be a duration such as 250ms, 10s, 5m, 1h or 1m30s, not 10'
    ])
  })
})

describe('latency bounds', () => {
  const latencyOf = async (bound: string): Promise<LatencyBound | undefined> => {
    const file = `version: 1\nservices:\n  api:\n    tcp: { host: x, port: 1, expect: { latency: '${bound}' } }\n`
    const config = await load({ 'env.yml': file })
    const probe = config.services[0]?.probe
    return probe?.kind === 'tcp' ? probe.expect.latency : undefined
  }

  it.each<[string, LatencyBound]>([
    ['< 1000ms', { op: '<', ms: 1000 }],
    ['<= 1s', { op: '<=', ms: 1000 }],
    ['<2m', { op: '<', ms: 120_000 }],
    ['1s', { op: '<=', ms: 1000 }]
  ])("reads '%s'", async (bound, expected) => {
    expect(await latencyOf(bound)).toStrictEqual(expected)
  })

  it('refuses a variable that does not hold a bound', async () => {
    const file =
      "version: 1\nvariables: { BOUND: {} }\nservices:\n  api:\n    tcp: { host: x, port: 1, expect: { latency: '${BOUND}' } }\n"
    expect(await problems({ 'env.yml': file }, { env: { BOUND: 'fast' } })).toStrictEqual([
      "env.yml:5:49: services.api.tcp.expect.latency must be a bound such as < 1000ms or <= 2s, with a duration such as 250ms, 10s, 5m, 1h or 1m30s; not 'fast'"
    ])
  })

  it('refuses other forms', async () => {
    const file = "version: 1\nservices:\n  api:\n    tcp: { host: x, port: 1, expect: { latency: '> 1s' } }\n"
    expect(await problems({ 'env.yml': file })).toStrictEqual([
      "env.yml:4:49: services.api.tcp.expect.latency must be a bound such as < 1000ms or <= 2s, not '> 1s'"
    ])
  })
})
