// "Did you mean": the nearest candidate by edit distance, when it is near enough to be a typo.
import { closest, distance } from 'fastest-levenshtein'

/**
 * Edit distances one list of candidates may cost over all the words looked up in it: a file with
 * thousands of unknown names among thousands of declared ones would otherwise take minutes.
 */
const COMPARISONS_PER_LIST = 1_000_000

export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined
  const nearest = closest(word, candidates)
  // Short words need a near match, or every short word would resemble every other.
  const allowed = word.length <= 4 ? 1 : Math.ceil(word.length * 0.4)
  return distance(word, nearest) <= allowed ? nearest : undefined
}

/** `: did you mean 'timeout'?`, or `fallback` when nothing is near. */
export function didYouMean(word: string, candidates: readonly string[], fallback: string): string {
  const nearest = suggest(word, candidates)
  return nearest === undefined ? fallback : `: did you mean '${nearest}'?`
}

/**
 * didYouMean for many words against one list of candidates; once the list has cost
 * COMPARISONS_PER_LIST edit distances, the words after get `fallback`.
 */
export function didYouMeanAmong(candidates: readonly string[]): (word: string, fallback: string) => string {
  let spent = 0
  return (word, fallback) => {
    spent += candidates.length
    return spent > COMPARISONS_PER_LIST ? fallback : didYouMean(word, candidates, fallback)
  }
}
