// Compares one observed value with a matcher and says, in one sentence, what did not hold.
import { isDeepStrictEqual } from 'node:util'
import type { Matcher } from '../config/model.js'
import { matchesPattern } from '../config/pattern.js'
import { clip } from '../model/wording.js'

const SHOWN_CHARS = 200

/** Null when the matcher holds; otherwise why not, naming `what` ("$.status", "header etag"). */
export function checkMatcher(actual: unknown, matcher: Matcher, what: string): string | null {
  if (matcher === null || typeof matcher !== 'object') {
    return equal(actual, matcher)
      ? null
      : `expected ${what} to equal ${show(matcher)}, got ${showActual(actual)}`
  }
  const failures: string[] = []
  const fail = (expectation: string) =>
    failures.push(`expected ${what} ${expectation}, got ${showActual(actual)}`)
  if (matcher.exists !== undefined && (actual !== undefined) !== matcher.exists) {
    failures.push(
      matcher.exists
        ? `expected ${what} to exist, it is missing`
        : `expected ${what} to be absent, it is present`
    )
  }
  if ('equals' in matcher && !equal(actual, matcher.equals)) fail(`to equal ${show(matcher.equals)}`)
  if (matcher.contains !== undefined && !contains(actual, matcher.contains))
    fail(`to contain ${show(matcher.contains)}`)
  if (
    matcher.matches !== undefined &&
    !(actual !== undefined && matchesPattern(matcher.matches, text(actual)))
  ) {
    fail(`to match /${matcher.matches}/`)
  }
  for (const [op, symbol, holds] of COMPARISONS) {
    const bound = matcher[op]
    if (bound === undefined) continue
    const value = numeric(actual)
    // Only version matchers hold text bounds, and they are judged part by part before this.
    if (value === undefined || !holds(value, Number(bound))) fail(`to be ${symbol} ${bound}`)
  }
  return failures.length ? failures.join('; ') : null
}

const COMPARISONS = [
  ['lt', '<', (a: number, b: number) => a < b],
  ['lte', '<=', (a: number, b: number) => a <= b],
  ['gt', '>', (a: number, b: number) => a > b],
  ['gte', '>=', (a: number, b: number) => a >= b]
] as const

/** Scalars written in YAML compare by value across types: header `5` equals the text "5". */
function equal(actual: unknown, expected: unknown): boolean {
  if (isDeepStrictEqual(actual, expected)) return true
  const scalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v)
  return scalar(actual) && scalar(expected) && String(actual) === String(expected)
}

function contains(actual: unknown, needle: string): boolean {
  if (Array.isArray(actual)) return actual.some(item => equal(item, needle))
  return actual !== undefined && actual !== null && text(actual).includes(needle)
}

/** A number, or a numeric string such as a header value or a version "15.4". */
export function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value)
}

function showActual(value: unknown): string {
  if (value === undefined) return 'nothing'
  // Its first SHOWN_CHARS characters, then the cut mark.
  return clip(show(value), SHOWN_CHARS + 1)
}
