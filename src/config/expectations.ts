// What a probe's observation is compared with: matchers, latency bounds and HTTP status codes.
import { PATTERN_SYNTAX, patternProblem } from './pattern.js'
import type { Cursor } from './cursor.js'
import { defined } from './document.js'
import { DURATION_FORMS, parseDuration } from './duration.js'
import type { LatencyBound, Matcher, StatusExpectation } from './model.js'

const LATENCY = /^(<=?)?\s*(.+)$/
const STATUS_CODE = /^[1-5]\d\d$/
const STATUS_CLASS = /^[1-5]xx$/i

export function readMatcher(cursor: Cursor): Matcher | undefined {
  const { value } = cursor
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as Matcher
  if (!cursor.exists || Array.isArray(value)) return undefined
  const matches = cursor.get('matches')
  const pattern = matches.text()
  const problem = pattern === undefined ? undefined : patternProblem(pattern)
  if (problem !== undefined) {
    matches.report(
      `${matches.where} is not a regular expression this action runs (${problem}): write ${PATTERN_SYNTAX}`
    )
  }
  return defined({
    equals: cursor.get('equals').value,
    contains: cursor.get('contains').text(),
    matches: pattern,
    exists: cursor.get('exists').boolean(),
    lt: cursor.get('lt').number(),
    lte: cursor.get('lte').number(),
    gt: cursor.get('gt').number(),
    gte: cursor.get('gte').number()
  })
}

/** `< 1000ms`, `<= 2s`; a bare duration means `<=`. */
export function readLatency(cursor: Cursor): LatencyBound | undefined {
  const text = cursor.text()
  if (text === undefined) return undefined
  const [, op = '<=', duration = ''] = LATENCY.exec(text) ?? []
  const ms = parseDuration(duration)
  if (ms !== undefined) return { op: op === '<' ? '<' : '<=', ms }
  cursor.report(
    `${cursor.where} must be a bound such as < 1000ms or <= 2s, with ${DURATION_FORMS}; not '${text}'`
  )
  return undefined
}

/** A status code, a class such as 2xx, or a list of them; codes written as text become numbers. */
export function readStatus(cursor: Cursor): StatusExpectation | undefined {
  if (!cursor.exists) return undefined
  const statuses: StatusExpectation = []
  for (const item of cursor.oneOrMany()) {
    const text = item.scalarText()
    if (text === undefined) continue
    if (STATUS_CODE.test(text)) statuses.push(Number(text))
    else if (STATUS_CLASS.test(text)) statuses.push(text.toLowerCase())
    else item.report(`${item.where} must be a status code such as 200 or a class such as 2xx, not '${text}'`)
  }
  return statuses
}
