// "Did you mean": the nearest candidate by edit distance, when it is near enough to be a typo.
import { closest, distance } from 'fastest-levenshtein'

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
