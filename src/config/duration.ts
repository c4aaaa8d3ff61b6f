// Durations are written `250ms`, `10s`, `5m`, `1h` or combined from largest to smallest unit
// (`1m30s`, `1h30m`); whole numbers only. The schema's duration pattern is the same grammar.
import type { Cursor } from './cursor.js'

const DURATION = /^(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/
const UNIT_MS = [3_600_000, 60_000, 1_000, 1]

export const DURATION_FORMS = 'a duration such as 250ms, 10s, 5m, 1h or 1m30s'

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text)
  if (!match) return undefined
  return UNIT_MS.reduce((total, unit, index) => total + Number(match[index + 1] ?? 0) * unit, 0)
}

/** The duration at `cursor` in milliseconds, reporting text that is not one. */
export function readDuration(cursor: Cursor, { positive = false } = {}): number | undefined {
  const text = cursor.text()
  if (text === undefined) return undefined
  const ms = parseDuration(text)
  if (ms === undefined) cursor.report(`${cursor.where} must be ${DURATION_FORMS}, not '${text}'`)
  else if (positive && ms === 0) cursor.report(`${cursor.where} must be longer than 0`)
  return positive && ms === 0 ? undefined : ms
}
