// A `matches:` pattern, as the user wrote it, run by RE2: the time to match grows with the length
// of the text alone, whatever the pattern, so that no pattern and no answer can hang a run.
// RE2 is loaded only by a run whose configuration may hold a pattern: most hold none, and loading it
// (building its Unicode tables) is about a twentieth of a start-up.
import type { RE2JS } from 're2js'
import { errorMessage } from '../model/errors.js'
import { isMapping } from './document.js'

/** What messages and docs say about the accepted syntax. */
export const PATTERN_SYNTAX =
  'RE2 syntax, as in JavaScript but without backreferences (\\1) and lookaround ((?=, (?!, (?<=, (?<!)'

let engine: typeof RE2JS | undefined

/** Loads RE2, once. Every function below that compiles a pattern needs it loaded. */
export async function loadPatternEngine(): Promise<void> {
  engine ??= (await import('re2js')).RE2JS
}

/**
 * Whether a configuration document may hold a pattern: a `matches` key (a matcher's) or a selector's
 * `=~` / `!~` in a key or a value. It may say yes where there is none (a JSON path named `matches`),
 * never no where there is one: a configuration read without RE2 loaded holds no pattern.
 */
export function mayHoldPatterns(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('=~') || value.includes('!~')
  if (Array.isArray(value)) return value.some(mayHoldPatterns)
  if (!isMapping(value)) return false
  return Object.entries(value).some(
    ([key, item]) => key === 'matches' || mayHoldPatterns(key) || mayHoldPatterns(item)
  )
}

/** Compiled patterns, by their text: a check compares the same pattern on every attempt. */
const compiled = new Map<string, RE2JS>()

/** Why RE2 refuses `pattern`, in its words; undefined when it accepts it. */
export function patternProblem(pattern: string): string | undefined {
  const re2 = loaded()
  try {
    compile(re2, pattern)
    return undefined
  } catch (error) {
    return errorMessage(error).replace(/^error parsing regexp: /, '')
  }
}

/** Whether `pattern` matches anywhere in `text`, like RegExp.test. */
export function matchesPattern(pattern: string, text: string): boolean {
  return compile(loaded(), pattern).test(text)
}

/** RE2, which the configuration's reader loaded: its absence is a bug in deploy-verify, not a bad pattern. */
function loaded(): typeof RE2JS {
  if (!engine) throw new Error('RE2 is not loaded: loadPatternEngine() must run before a pattern is read')
  return engine
}

function compile(re2: typeof RE2JS, pattern: string): RE2JS {
  let regex = compiled.get(pattern)
  if (!regex) {
    regex = re2.compile(pattern)
    compiled.set(pattern, regex)
  }
  return regex
}
