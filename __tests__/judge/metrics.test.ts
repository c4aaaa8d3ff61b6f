// The pure judge of metric rules: levels, the worst series deciding, and what is never a pass.
import type {
  MetricLevel,
  MetricRule,
  MetricsProbeSpec,
  PrometheusProbeSpec
} from '../../src/config/model.js'
import { judgeMetricsRules, judgePrometheusRules } from '../../src/judge/metrics.js'
import type { Sample } from '../../src/metrics/exposition.js'
import type { UnitFamily } from '../../src/metrics/quantity.js'
import type { MetricsObservation, PrometheusObservation, QueryAnswer } from '../../src/model/observation.js'

const source = { file: 'env.yml', line: 7, column: 9 }

function level(
  op: MetricLevel['op'],
  bound: number,
  text: string,
  family: UnitFamily = 'number'
): MetricLevel {
  return { op, bound, family, text }
}

function spec(warn?: MetricLevel, fail?: MetricLevel): MetricsProbeSpec {
  return {
    kind: 'metrics',
    url: 'http://127.0.0.1/metrics',
    headers: {},
    maxBodyBytes: 1000,
    rules: [
      {
        name: 'queue',
        expression: 'queue_depth',
        selector: { name: 'queue_depth', matchers: [] },
        source,
        ...(warn && { warn }),
        ...(fail && { fail })
      }
    ]
  }
}

function observed(values: number[], extra: Partial<MetricsObservation> = {}): MetricsObservation {
  const samples: Sample[] = values.map((value, index) => ({
    name: 'queue_depth',
    labels: { shard: String(index) },
    value
  }))
  return { kind: 'metrics', samples, durationMs: 1, ...extra }
}

describe('judging a metric rule', () => {
  const levels = spec(level('>', 10, '> 10'), level('>', 100, '> 100'))

  it('passes below every level, warns at the warn level, fails at the fail level: the worst series decides', () => {
    expect(judgeMetricsRules(levels, observed([1, 2]))[0]?.status).toBe('passed')
    expect(judgeMetricsRules(levels, observed([1, 50]))[0]?.status).toBe('warning')
    expect(judgeMetricsRules(levels, observed([50, 500, 1]))[0]).toMatchObject({
      status: 'failed',
      message:
        'queue_depth{shard="1"} is 500: fail level > 100; queue_depth{shard="0"} is 50: warn level > 10'
    })
  })

  it('compares infinities like numbers, and fails NaN', () => {
    expect(judgeMetricsRules(levels, observed([Infinity]))[0]?.status).toBe('failed')
    expect(judgeMetricsRules(levels, observed([-Infinity]))[0]?.status).toBe('passed')
    expect(judgeMetricsRules(levels, observed([NaN]))[0]?.message).toBe(
      'queue_depth{shard="0"} is NaN, which no bound can judge'
    )
  })

  it('names five offending series and counts the rest', () => {
    const verdict = judgeMetricsRules(levels, observed([200, 200, 200, 200, 200, 200, 200]))[0]
    expect(verdict?.message.split('; ')).toEqual([
      ...[0, 1, 2, 3, 4].map(shard => `queue_depth{shard="${shard}"} is 200: fail level > 100`),
      'and 2 more series'
    ])
    expect(verdict?.series).toHaveLength(7)
  })

  it('judges equality levels exactly', () => {
    const up = spec(undefined, level('!=', 1, '!= 1'))
    expect(judgeMetricsRules(up, observed([1]))[0]?.status).toBe('passed')
    expect(judgeMetricsRules(up, observed([0]))[0]?.status).toBe('failed')
  })

  it('says no data, and that the exposition was cut, when no sample matched', () => {
    expect(judgeMetricsRules(levels, observed([], { truncatedAt: 1000 }))[0]).toMatchObject({
      status: 'failed',
      message: 'no data: no sample of queue_depth in the exposition (the exposition was cut at 1000 bytes)'
    })
  })
})

describe('the comparisons of a level', () => {
  const cases: Array<[MetricLevel['op'], number[], number[]]> = [
    // op, values at the bound 10 or past it, values short of it
    ['<', [9.9, -1], [10, 11]],
    ['<=', [10, 9], [10.1]],
    ['>', [10.1, Infinity], [10, 9]],
    ['>=', [10, 11], [9.9]],
    ['==', [10], [9.9, 10.1]],
    ['!=', [9.9, 10.1], [10]]
  ]
  it.each(cases)('%s 10 is reached by %j and not by %j', (op, reaching, short) => {
    const rule = spec(undefined, level(op, 10, `${op} 10`))
    for (const value of reaching) expect(judgeMetricsRules(rule, observed([value]))[0]?.status).toBe('failed')
    for (const value of short) expect(judgeMetricsRules(rule, observed([value]))[0]?.status).toBe('passed')
  })
})

describe('what a metric rule says', () => {
  it('a series short of every level is named with its value and the levels', () => {
    const levels = spec(level('>', 10, '> 10'), level('>', 100, '> 100'))
    expect(judgeMetricsRules(levels, observed([3]))[0]).toMatchObject({
      status: 'passed',
      message: 'queue_depth{shard="0"} is 3, short of every level (warn > 10, fail > 100)',
      series: [{ series: 'queue_depth{shard="0"}', value: 3 }],
      warnings: []
    })
  })

  it('several series are summed up by their range', () => {
    const failOnly = spec(undefined, level('>', 100, '> 100'))
    expect(judgeMetricsRules(failOnly, observed([7, 2, 40]))[0]?.message).toBe(
      '3 series, from 2 to 40, short of every level (fail > 100)'
    )
  })

  it('values are written in the unit of the bound, the fail level first, else the warn level', () => {
    const memory = spec(level('>', 1024 ** 2, '> 1MiB', 'bytes'))
    expect(judgeMetricsRules(memory, observed([2 * 1024 ** 2]))[0]).toMatchObject({
      status: 'warning',
      message: 'queue_depth{shard="0"} is 2 MiB: warn level > 1MiB'
    })
    const ratio = spec(level('>', 0.5, '> 50%', 'bytes'), level('>', 0.8, '> 80%', 'ratio'))
    expect(judgeMetricsRules(ratio, observed([0.6]))[0]?.message).toBe(
      'queue_depth{shard="0"} is 60%: warn level > 50%'
    )
  })

  it('each offending series says which level it reached; a series short of them reaches none', () => {
    const levels = spec(level('>', 10, '> 10'), level('>', 100, '> 100'))
    expect(judgeMetricsRules(levels, observed([500, 50, 5]))[0]?.series).toEqual([
      { series: 'queue_depth{shard="0"}', value: 500, reached: 'fail' },
      { series: 'queue_depth{shard="1"}', value: 50, reached: 'warn' },
      { series: 'queue_depth{shard="2"}', value: 5 }
    ])
  })

  it('NaN fails even a rule with only a warn level', () => {
    const warnOnly = spec(level('>', 10, '> 10'))
    expect(judgeMetricsRules(warnOnly, observed([NaN]))[0]).toMatchObject({
      status: 'failed',
      series: [{ series: 'queue_depth{shard="0"}', reached: 'fail' }]
    })
  })

  it('names exactly five offending series without counting more', () => {
    const levels = spec(level('>', 10, '> 10'))
    const message = judgeMetricsRules(levels, observed([20, 20, 20, 20, 20]))[0]?.message
    expect(message?.split('; ')).toHaveLength(5)
    expect(message).not.toMatch(/more series/)
  })

  it('only samples the rule selects are judged, and no data is never a pass', () => {
    const levels = spec(level('>', 10, '> 10'))
    const other: MetricsObservation = {
      kind: 'metrics',
      samples: [{ name: 'queue_size', labels: {}, value: 50 }],
      durationMs: 1
    }
    expect(judgeMetricsRules(levels, other)[0]).toMatchObject({
      status: 'failed',
      message: 'no data: no sample of queue_depth in the exposition',
      series: []
    })
  })

  it('an exposition that could not be read fails every rule with its reason', () => {
    const one = spec(level('>', 10, '> 10'))
    const two: MetricsProbeSpec = { ...one, rules: [...one.rules, { ...one.rules[0]!, name: 'other' }] }
    const verdicts = judgeMetricsRules(two, observed([1], { error: 'connection refused' }))
    expect(verdicts.map(({ status, message, series }) => ({ status, message, series }))).toEqual(
      Array(2).fill({ status: 'failed', message: 'connection refused', series: [] })
    )
  })
})

describe('judging a Prometheus query', () => {
  const rule: MetricRule = {
    name: 'error_ratio',
    expression: 'sum(rate(errors[5m])) / sum(rate(requests[5m]))',
    source,
    warn: level('>', 0.01, '> 1%', 'ratio'),
    fail: level('>', 0.05, '> 5%', 'ratio')
  }
  const prometheus: PrometheusProbeSpec = {
    kind: 'prometheus',
    url: 'http://127.0.0.1:9090',
    headers: {},
    rules: [rule]
  }
  const answered = (answer: Partial<QueryAnswer>, extra: Partial<PrometheusObservation> = {}) =>
    judgePrometheusRules(prometheus, {
      kind: 'prometheus',
      durationMs: 1,
      answers: { error_ratio: { series: [], warnings: [], ...answer } },
      ...extra
    })[0]

  it('a series without labels is named by the rule', () => {
    expect(answered({ series: [{ labels: {}, value: 0.002 }] })).toMatchObject({
      status: 'passed',
      message: 'error_ratio is 0.2%, short of every level (warn > 1%, fail > 5%)'
    })
    expect(answered({ series: [{ labels: {}, value: 0.2 }] })?.message).toBe(
      'error_ratio is 20%: fail level > 5%'
    )
  })

  it('a series with labels is named by its labels', () => {
    expect(answered({ series: [{ labels: { job: 'api' }, value: 0.02 }] })).toMatchObject({
      status: 'warning',
      message: '{job="api"} is 2%: warn level > 1%',
      series: [{ series: '{job="api"}', value: 0.02, reached: 'warn' }]
    })
  })

  it('an answer with warnings is at best a warning, and says what Prometheus warned', () => {
    expect(
      answered({ series: [{ labels: {}, value: 0 }], warnings: ['partial data', 'slow'] })
    ).toMatchObject({
      status: 'warning',
      message:
        'error_ratio is 0%, short of every level (warn > 1%, fail > 5%); Prometheus warned: partial data; slow',
      warnings: ['partial data', 'slow']
    })
    expect(answered({ series: [{ labels: {}, value: 1 }], warnings: ['partial data'] })?.status).toBe(
      'failed'
    )
  })

  it('no series, an error, or no answer at all fail', () => {
    expect(answered({})).toMatchObject({ status: 'failed', message: 'no data: the query returned no series' })
    expect(answered({ error: 'bad_data: parse error', warnings: ['w'] })).toMatchObject({
      status: 'failed',
      message: 'bad_data: parse error; Prometheus warned: w',
      series: []
    })
    const unanswered = (extra: Partial<PrometheusObservation>) =>
      judgePrometheusRules(prometheus, { kind: 'prometheus', durationMs: 1, answers: {}, ...extra })[0]
    expect(unanswered({ error: 'connection refused' })).toMatchObject({
      status: 'failed',
      message: 'connection refused'
    })
    expect(unanswered({})?.message).toBe('the query was not run')
  })
})
