// Small wording helpers shared by the one-line summary and the markdown summary.

/** `1 check`, `7 checks`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** At most `max` characters (code points, so no emoji is cut in half), `…` marking a cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** Whitespace runs, newlines included, become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** A fraction as a percentage to one decimal: 0.125 -> `12.5%`. */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`
}
