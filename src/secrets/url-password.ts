// `scheme://user:password@host`: where the password is, found in one pass over the text. Used both
// to learn a config's URL passwords as secrets and to mask any URL's password in what is written,
// declared or not. A scanner, not a regex: a backtracking pattern took seconds on one long line.

export interface Span {
  start: number
  end: number
}

const SCHEME = /[a-z0-9+.-]/i
const LETTER = /[a-z]/i
const WHITESPACE = /\s/
/** A user name ends at these; so does a URL in prose, JSON or HTML. */
const USER_END = new Set([':', '/', '?', '#', '@', '"', "'", '<', '>'])
/** A password may hold `:` and `@`: it reaches the last `@` before the authority ends. */
const PASSWORD_END = new Set(['/', '?', '#', '"', "'", '<', '>'])

/**
 * The spans of every URL password in `text`, in order. Each character is looked at a bounded number
 * of times: a scheme is read back only to the previous match, the authority forward only to its end.
 */
export function urlPasswords(text: string): Span[] {
  const spans: Span[] = []
  let from = 0
  for (let mark = text.indexOf('://'); mark !== -1; mark = text.indexOf('://', Math.max(from, mark + 1))) {
    if (!hasScheme(text, mark, from)) continue
    let colon = mark + 3
    while (colon < text.length && !ends(text[colon], USER_END)) colon++
    if (text[colon] !== ':') continue
    let lastAt = -1
    for (let i = colon + 1; i < text.length && !ends(text[i], PASSWORD_END); i++)
      if (text[i] === '@') lastAt = i
    if (lastAt <= colon + 1) continue
    spans.push({ start: colon + 1, end: lastAt })
    from = lastAt + 1
  }
  return spans
}

/** `text` with every URL password replaced by `mask`. */
export function maskUrlPasswords(text: string, mask: string): string {
  let masked = ''
  let at = 0
  for (const { start, end } of urlPasswords(text)) {
    masked += text.slice(at, start) + mask
    at = end
  }
  return masked + text.slice(at)
}

/** Percent-decoded, or as written when it is not valid percent-encoding. */
export function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** A scheme (a letter, then letters, digits, `+`, `.`, `-`) ends at `mark`, after `from`. */
function hasScheme(text: string, mark: number, from: number): boolean {
  let letter = false
  for (let i = mark - 1; i >= from && SCHEME.test(text[i] ?? ''); i--) letter ||= LETTER.test(text[i] ?? '')
  return letter
}

function ends(char: string | undefined, set: ReadonlySet<string>): boolean {
  return char === undefined || set.has(char) || WHITESPACE.test(char)
}
