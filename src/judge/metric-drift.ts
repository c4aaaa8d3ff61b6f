// A metric rule's values against those recorded in the baseline. A rule's levels already judge the
// value; what the baseline adds is how far it moved: a series that has used up more than half the
// room it had to its level since the baseline warns (memory at 40% with a fail level of 80% warns
// from 60%). Moving away from the level, or within half the room, passes. Never a failure: the
// levels decide that. Pure.
import type { MetricLevel, MetricRule } from '../config/model.js'
import { formatQuantity } from '../metrics/quantity.js'

/** What the baseline keeps of a rule: its expression and each series' finite value. */
export interface RecordedMetric {
  expression: string
  series: Record<string, number>
}

export interface MetricDrift {
  status: 'passed' | 'warning'
  message: string
}

/** Share of the recorded room to the level a series may use before the comparison warns. */
export const MAX_ROOM_USED = 0.5
/** Series a message names; the rest are counted. */
const NAMED = 5

/** The series values to record: finite ones only (JSON has no NaN or Infinity, and no bound judges NaN). */
export function recordedMetric(
  rule: MetricRule,
  series: ReadonlyArray<{ series: string; value: number }>
): RecordedMetric {
  return {
    expression: rule.expression,
    series: Object.fromEntries(series.filter(s => Number.isFinite(s.value)).map(s => [s.series, s.value]))
  }
}

export function judgeMetricDrift(
  rule: MetricRule,
  recorded: RecordedMetric,
  now: ReadonlyArray<{ series: string; value: number }>
): MetricDrift {
  if (recorded.expression !== rule.expression)
    return {
      status: 'warning',
      message: `not compared: the rule was '${recorded.expression}' when the baseline was recorded`
    }
  const level = rule.fail ?? rule.warn
  const family = level?.family ?? 'number'
  const show = (value: number) => formatQuantity(value, family)
  const compared = now.flatMap(({ series, value }) => {
    const then = recorded.series[series]
    return then === undefined ? [] : [{ series, then, value, used: roomUsed(level, then, value) }]
  })
  const moved = compared.filter(s => s.used !== undefined && s.used > MAX_ROOM_USED)
  const seen = new Set(now.map(s => s.series))
  const added = now.filter(s => !(s.series in recorded.series)).map(s => s.series)
  const gone = Object.keys(recorded.series).filter(series => !seen.has(series))
  const change = (s: (typeof compared)[number]) =>
    `${s.series === '{}' ? rule.name : s.series} ${show(s.then)} → ${show(s.value)}`
  const parts = [
    moved.length
      ? `${named(moved.map(change))}: more than ${MAX_ROOM_USED * 100}% of the room to the ${rule.fail ? 'fail' : 'warn'} level ${level?.text} used since the baseline`
      : compared.length
        ? `since the baseline: ${named(compared.map(change))}`
        : 'no series in common with the baseline',
    ...(added.length ? [`not in the baseline: ${named(added)}`] : []),
    ...(gone.length ? [`gone since the baseline: ${named(gone)}`] : [])
  ]
  return { status: moved.length ? 'warning' : 'passed', message: parts.join('; ') }
}

/**
 * How much of the room to the level a move used: 0.5 is half of it; negative is away from the
 * level. Undefined for an equality level (it has no direction) and for a value recorded at or past
 * the level (a baseline that was not within its levels has no room to measure with).
 */
function roomUsed(level: MetricLevel | undefined, then: number, now: number): number | undefined {
  if (level === undefined || !Number.isFinite(now)) return undefined
  const rising = level.op === '>' || level.op === '>='
  if (!rising && level.op !== '<' && level.op !== '<=') return undefined
  const room = rising ? level.bound - then : then - level.bound
  if (!(room > 0)) return undefined
  return (rising ? now - then : then - now) / room
}

function named(items: string[]): string {
  const shown = items.slice(0, NAMED).join(', ')
  return items.length > NAMED ? `${shown} and ${items.length - NAMED} more` : shown
}
