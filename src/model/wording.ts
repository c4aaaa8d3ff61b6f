// Small wording helpers shared by every text a run writes: messages, the summaries, the log.
import { CUT_MARK } from '../secrets/redact.js'

/** `1 check`, `7 checks`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/**
 * At most `max` characters (code points, so no emoji is cut in half), `…` marking a cut: every text
 * is shortened here, so that the redactor knows where a secret may have been cut in half.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}${CUT_MARK}`
}

/** Whitespace runs, newlines included, become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** A fraction as a percentage to one decimal: 0.125 -> `12.5%`. */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`
}

/** `250 ms`, `1.5 s`, `2.5 min`: durations as people read them (whole milliseconds at most). */
export function formatMs(ms: number): string {
  if (ms < 999.5) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  return seconds < 120 ? `${Number(seconds.toFixed(1))} s` : `${Number((seconds / 60).toFixed(1))} min`
}
