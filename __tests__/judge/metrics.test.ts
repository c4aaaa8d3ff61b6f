// The pure judge of metric rules: levels, the worst series deciding, and what is never a pass.
import type { MetricLevel, MetricsProbeSpec } from '../../src/config/model.js'
import { judgeMetricsRules } from '../../src/judge/metrics.js'
import type { Sample } from '../../src/metrics/exposition.js'
import type { MetricsObservation } from '../../src/model/observation.js'

const source = { file: 'env.yml', line: 7, column: 9 }

function level(op: MetricLevel['op'], bound: number, text: string): MetricLevel {
  return { op, bound, family: 'number', text }
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
    expect(verdict?.message).toMatch(/; and 2 more series$/)
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
