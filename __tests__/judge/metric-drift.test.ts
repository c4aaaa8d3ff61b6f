// The pure judge of a metric rule against its baseline values: how much of the room to its level a
// series used since the baseline; never a failure.
import type { MetricLevel, MetricRule } from '../../src/config/model.js'
import { judgeMetricDrift, recordedMetric } from '../../src/judge/metric-drift.js'

const source = { file: 'env.yml', line: 7, column: 9 }

function rule(levels: { warn?: MetricLevel; fail?: MetricLevel }): MetricRule {
  return { name: 'memory', expression: 'memory_ratio', source, ...levels }
}

function level(op: MetricLevel['op'], bound: number): MetricLevel {
  return { op, bound, family: 'ratio', text: `${op} ${bound * 100}%` }
}

const now = (values: Record<string, number>) =>
  Object.entries(values).map(([series, value]) => ({ series, value }))

describe('a metric rule against its baseline', () => {
  const rising = rule({ warn: level('>', 0.7), fail: level('>', 0.8) })
  const recorded = { expression: 'memory_ratio', series: { '{node="a"}': 0.4, '{node="b"}': 0.4 } }

  it('passes a move within half the room to the fail level, and warns past it, naming the series', () => {
    expect(judgeMetricDrift(rising, recorded, now({ '{node="a"}': 0.59, '{node="b"}': 0.3 }))).toEqual({
      status: 'passed',
      message: 'since the baseline: {node="a"} 40% → 59%, {node="b"} 40% → 30%'
    })
    expect(judgeMetricDrift(rising, recorded, now({ '{node="a"}': 0.61, '{node="b"}': 0.4 }))).toEqual({
      status: 'warning',
      message:
        '{node="a"} 40% → 61%: more than 50% of the room to the fail level > 80% used since the baseline'
    })
  })

  it('measures the room downwards for a lower level, and against the warn level when there is no fail level', () => {
    const falling = rule({ warn: level('<', 0.2) })
    const free = { expression: 'memory_ratio', series: { '{}': 0.6 } }
    expect(judgeMetricDrift(falling, free, now({ '{}': 0.45 })).status).toBe('passed')
    expect(judgeMetricDrift(falling, free, now({ '{}': 0.35 }))).toEqual({
      status: 'warning',
      message: 'memory 60% → 35%: more than 50% of the room to the warn level < 20% used since the baseline'
    })
    // Up is away from a lower level, however far.
    expect(judgeMetricDrift(falling, free, now({ '{}': 0.99 })).status).toBe('passed')
  })

  it('shows an equality level’s change without judging a direction', () => {
    const exact = rule({ fail: level('!=', 1) })
    expect(
      judgeMetricDrift(exact, { expression: 'memory_ratio', series: { '{}': 1 } }, now({ '{}': 1 }))
    ).toEqual({
      status: 'passed',
      message: 'since the baseline: memory 100% → 100%'
    })
  })

  it('names series that are new or gone since the baseline', () => {
    expect(judgeMetricDrift(rising, recorded, now({ '{node="a"}': 0.4, '{node="c"}': 0.9 }))).toEqual({
      status: 'passed',
      message:
        'since the baseline: {node="a"} 40% → 40%; not in the baseline: {node="c"}; gone since the baseline: {node="b"}'
    })
    expect(judgeMetricDrift(rising, recorded, now({ '{node="c"}': 0.5 })).message).toBe(
      'no series in common with the baseline; not in the baseline: {node="c"}; gone since the baseline: {node="a"}, {node="b"}'
    )
  })

  it('does not compare a rule whose expression changed since the recording', () => {
    expect(
      judgeMetricDrift({ ...rising, expression: 'other_ratio' }, recorded, now({ '{node="a"}': 0.9 }))
    ).toEqual({
      status: 'warning',
      message: "not compared: the rule was 'memory_ratio' when the baseline was recorded"
    })
  })

  it('records finite values only: NaN and infinities have no JSON form and judge nothing', () => {
    expect(
      recordedMetric(rising, now({ '{node="a"}': 0.4, '{node="b"}': Number.NaN, '{node="c"}': Infinity }))
    ).toEqual({
      expression: 'memory_ratio',
      series: { '{node="a"}': 0.4 }
    })
  })

  it('shows a rule without levels in plain numbers, and never warns about it', () => {
    const plain = { name: 'queue', expression: 'memory_ratio', source }
    expect(
      judgeMetricDrift(plain, { expression: 'memory_ratio', series: { '{}': 0.4 } }, now({ '{}': 2500.4 }))
    ).toEqual({ status: 'passed', message: 'since the baseline: queue 0.4 → 2500' })
  })

  it('does not measure room from a value recorded at or past the level, nor to a value now infinite', () => {
    const atLevel = { expression: 'memory_ratio', series: { '{}': 0.8 } }
    expect(judgeMetricDrift(rising, atLevel, now({ '{}': 0.99 })).status).toBe('passed')
    const free = { expression: 'memory_ratio', series: { '{}': 0.4 } }
    expect(judgeMetricDrift(rising, free, now({ '{}': Infinity }))).toEqual({
      status: 'passed',
      message: 'since the baseline: memory 40% → Infinity'
    })
    // At or past the level is the levels' to judge; a move of exactly half the room passes.
    expect(judgeMetricDrift(rule({ fail: level('>=', 0.6) }), free, now({ '{}': 0.5 })).status).toBe('passed')
    expect(judgeMetricDrift(rule({ fail: level('>=', 0.6) }), free, now({ '{}': 0.51 })).status).toBe(
      'warning'
    )
    expect(judgeMetricDrift(rule({ fail: level('<=', 0.2) }), free, now({ '{}': 0.29 })).status).toBe(
      'warning'
    )
  })

  it('measures no room to an equality level, whichever side of it the value was', () => {
    const free = { expression: 'memory_ratio', series: { '{}': 0.6 } }
    expect(judgeMetricDrift(rule({ fail: level('!=', 0.2) }), free, now({ '{}': 0.25 })).status).toBe(
      'passed'
    )
    expect(judgeMetricDrift(rule({ fail: level('==', 0.2) }), free, now({ '{}': 0.25 })).status).toBe(
      'passed'
    )
  })

  it('names five series and counts the rest', () => {
    const five = Object.fromEntries([1, 2, 3, 4, 5].map(n => [`{n="${n}"}`, 0.4]))
    expect(judgeMetricDrift(rising, { expression: 'memory_ratio', series: five }, now(five)).message).toBe(
      'since the baseline: {n="1"} 40% → 40%, {n="2"} 40% → 40%, {n="3"} 40% → 40%, {n="4"} 40% → 40%, {n="5"} 40% → 40%'
    )
    const many = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map(n => [`{n="${n}"}`, 0.4]))
    const moved = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map(n => [`{n="${n}"}`, 0.7]))
    expect(judgeMetricDrift(rising, { expression: 'memory_ratio', series: many }, now(moved))).toEqual({
      status: 'warning',
      message:
        '{n="1"} 40% → 70%, {n="2"} 40% → 70%, {n="3"} 40% → 70%, {n="4"} 40% → 70%, {n="5"} 40% → 70% and 2 more: more than 50% of the room to the fail level > 80% used since the baseline'
    })
  })
})
