// A `matches:` pattern, as the user wrote it, run by RE2: the time to match grows with the length
// of the text alone, whatever the pattern, so that no pattern and no answer can hang a run.
import { RE2JS } from 're2js'
import { errorMessage } from '../model/errors.js'

/** What messages and docs say about the accepted syntax. */
export const PATTERN_SYNTAX =
  'RE2 syntax, as in JavaScript but without backreferences (\\1) and lookaround ((?=, (?!, (?<=, (?<!)'

/** Compiled patterns, by their text: a check compares the same pattern on every attempt. */
const compiled = new Map<string, RE2JS>()

/** Why RE2 refuses `pattern`, in its words; undefined when it accepts it. */
export function patternProblem(pattern: string): string | undefined {
  try {
    compile(pattern)
    return undefined
  } catch (error) {
    return errorMessage(error).replace(/^error parsing regexp: /, '')
  }
}

/** Whether `pattern` matches anywhere in `text`, like RegExp.test. */
export function matchesPattern(pattern: string, text: string): boolean {
  return compile(pattern).test(text)
}

function compile(pattern: string): RE2JS {
  let regex = compiled.get(pattern)
  if (!regex) {
    regex = RE2JS.compile(pattern)
    compiled.set(pattern, regex)
  }
  return regex
}
