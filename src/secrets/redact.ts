// Redaction of everything the action writes: the log, the summary, the report and its formats, and
// every payload sent to GitHub. `core.setSecret` only masks the runner's log, and only the value as
// given, so every channel goes through one redactor that knows the forms a secret takes on its way
// out: quoted in JSON, in a query string, echoed back in base64 or hex by a hostile server, or cut
// off where a long text was shortened.
import { urlPasswords, type Span } from './url-password.js'

export const MASK = '***'
/** Ends every shortened text (see `clip`): a secret cut there is masked from its 6th character on. */
export const CUT_MARK = '…'
/** The shortest start of a secret masked before a cut mark. */
const MIN_CUT_PREFIX = 6
const CUT_CODE = CUT_MARK.charCodeAt(0)
/** The shortest value masked: the runner masks a registered value everywhere in the job's log. */
export const MIN_SECRET_LENGTH = 6
/** The fewest digits of a value made of digits only: shorter numbers are ids, ports, counts, dates. */
export const MIN_SECRET_DIGITS = 10

/**
 * Whether a value can be masked without destroying the run's own facts: masking `1` or `true` would
 * hide every count, time and id in the log, the summary and the report (`::add-mask::1`).
 */
export function maskable(value: string): boolean {
  const trimmed = value.trim()
  if (trimmed.length < MIN_SECRET_LENGTH) return false
  return !/^\d+$/.test(trimmed) || trimmed.length >= MIN_SECRET_DIGITS
}

export interface Redactor {
  text(s: string): string
  /**
   * A JSON-like value with object keys and strings redacted: the parts that hold nothing to mask are
   * the value's own (shared, not copied); the original is never changed.
   */
  deep<T>(value: T): T
}

export function createRedactor(secrets: readonly string[]): Redactor {
  return new Secrets(secrets)
}

/** The secrets of a run, growing as they are found; redacts with all of those known so far. */
export class Secrets implements Redactor {
  private readonly values: string[] = []
  private matcher?: FormMatcher

  constructor(values: readonly string[] = []) {
    this.add(values)
  }

  /** Adds values (one too short or too common to mask is left out); returns those not known before. */
  add(values: readonly string[]): string[] {
    const fresh = [...new Set(values)].filter(value => maskable(value) && !this.values.includes(value))
    if (fresh.length) {
      this.values.push(...fresh)
      this.matcher = undefined
    }
    return fresh
  }

  text(s: string): string {
    this.matcher ??= new FormMatcher(this.values.flatMap(formsOf))
    // Most strings of a report hold no secret: they are returned as they are, without copies.
    const found = this.matcher.spans(s)
    const passwords = urlPasswords(s)
    if (!found.length && !passwords.length) return s
    const spans = merged([...found, ...passwords])
    let masked = ''
    let at = 0
    for (const { start, end } of spans) {
      masked += s.slice(at, start) + MASK
      at = end
    }
    return masked + s.slice(at)
  }

  deep<T>(value: T): T {
    // Copying a whole report costs more than scanning it: a part that holds no secret is kept as it
    // is, and what holds one is copied from its first change on.
    const redact = (item: unknown): unknown => {
      if (typeof item === 'string') return this.text(item)
      if (Array.isArray(item)) {
        let copy: unknown[] | undefined
        // By index, not forEach: a hole keeps its place in the copy (as undefined, written null).
        for (let index = 0; index < item.length; index++) {
          const each: unknown = item[index]
          const redacted = redact(each)
          if (!copy && redacted !== each) copy = item.slice(0, index)
          copy?.push(redacted)
        }
        return copy ?? item
      }
      if (item === null || typeof item !== 'object') return item
      const record = item as Record<string, unknown>
      const keys = Object.keys(record)
      const prototype: unknown = Object.getPrototypeOf(item)
      // Any other object (an instance of a class) becomes a plain object of its own enumerable keys.
      let copy =
        prototype === Object.prototype || prototype === null ? undefined : ([] as [string, unknown][])
      keys.forEach((key, index) => {
        const name = this.text(key)
        const redacted = redact(record[key])
        if (!copy && (name !== key || redacted !== record[key]))
          copy = keys.slice(0, index).map(kept => [kept, record[kept]])
        copy?.push([name, redacted])
      })
      return copy ? Object.fromEntries(copy) : item
    }
    return redact(value) as T
  }
}

/**
 * Every form a secret may take in what the action writes. Lines of a multi-line secret (a PEM key)
 * are secrets of their own, as logs and command output split them. An encoded form shorter than the
 * value it encodes is left out: it would mask unrelated text.
 */
export function formsOf(secret: string): string[] {
  const lines = secret.includes('\n') ? secret.split(/\r?\n/).map(line => line.trim()) : []
  const forms = new Set<string>()
  for (const value of [secret, ...lines]) {
    if (!maskable(value)) continue
    forms.add(value)
    for (const encoded of [
      value,
      ...percentEncodings(value),
      ...base64Encodings(value),
      ...hexEncodings(value)
    ]) {
      for (const form of [encoded, ...jsonEscapes(encoded)]) if (form.length >= value.length) forms.add(form)
    }
  }
  return [...forms]
}

/** Inside a JSON string, once or twice (a JSON body quoted in a message), and with `\uXXXX` for non-ASCII. */
function jsonEscapes(value: string): string[] {
  const once = JSON.stringify(value).slice(1, -1)
  const twice = JSON.stringify(once).slice(1, -1)
  const ascii = once.replace(/[^\x20-\x7e]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return [
    once,
    twice,
    ascii,
    ascii.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`)
  ]
}

/** What stays unencoded: encodeURIComponent's set, the form encoding's (URLSearchParams), a URL query's. */
const URI_COMPONENT_SAFE = /[A-Za-z0-9\-_.!~*'()]/
const FORM_SAFE = /[A-Za-z0-9*\-._]/
const QUERY_SAFE = /^[!$%&(-;=?-~]$/

/**
 * A value in a query string as clients send it: encodeURIComponent's form, the form encoding of
 * URLSearchParams (space as `+`), and what a WHATWG URL leaves of a raw query; each with upper- and
 * lower-case hex digits.
 */
function percentEncodings(value: string): string[] {
  const forms = [
    percentEncode(value, c => URI_COMPONENT_SAFE.test(c)),
    percentEncode(value, c => FORM_SAFE.test(c), '+'),
    percentEncode(value, c => QUERY_SAFE.test(c))
  ]
  return [...forms, ...forms.map(form => form.replace(/%[0-9A-F]{2}/g, hex => hex.toLowerCase()))]
}

const utf8 = new TextEncoder()

function percentEncode(value: string, safe: (c: string) => boolean, space = '%20'): string {
  let encoded = ''
  for (const c of value) {
    if (c === ' ') encoded += space
    else if (safe(c)) encoded += c
    else for (const byte of utf8.encode(c)) encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return encoded
}

/**
 * Base64 (standard and URL-safe, padded or not) of the value alone, and of the value inside longer
 * data, where it may start at any of three offsets of a 3-byte group: then only the characters that
 * depend on the value's bytes alone are its form.
 */
function base64Encodings(value: string): string[] {
  const bytes = utf8.encode(value)
  const forms: string[] = []
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    forms.push(encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6)))
    if (offset === 0) forms.push(encoded, encoded.replace(/=+$/, ''))
  }
  return forms.flatMap(form => [form, form.replaceAll('+', '-').replaceAll('/', '_')])
}

function hexEncodings(value: string): string[] {
  const hex = Buffer.from(utf8.encode(value)).toString('hex')
  return [hex, hex.toUpperCase()]
}

/**
 * Finds many literal strings in one pass (Aho-Corasick): time grows with the text, not with the
 * number of forms, whatever the secrets hold.
 */
class FormMatcher {
  private readonly next: Array<Map<number, number>> = [new Map()]
  private readonly fail: number[] = [0]
  private readonly depth: number[] = [0]
  /** The length of the longest form ending at a node, its own or through its fail links; 0 if none. */
  private readonly longest: number[] = [0]

  constructor(forms: readonly string[]) {
    for (const form of forms) this.insert(form)
    // Breadth first, so that a node's fail link is settled before its children's.
    const queue = [...(this.next[0]?.values() ?? [])]
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i] ?? 0
      for (const [code, child] of this.next[node] ?? []) {
        let fallback = this.fail[node] ?? 0
        while (fallback && !this.next[fallback]?.has(code)) fallback = this.fail[fallback] ?? 0
        const target = this.next[fallback]?.get(code)
        // The fallback is shallower than node, so target is never child itself.
        this.fail[child] = target ?? 0
        this.longest[child] ||= this.longest[this.fail[child] ?? 0] ?? 0
        queue.push(child)
      }
    }
  }

  private insert(form: string): void {
    let node = 0
    for (let i = 0; i < form.length; i++) {
      const code = form.charCodeAt(i)
      let child = this.next[node]?.get(code)
      if (child === undefined) {
        child = this.next.length
        this.next.push(new Map())
        this.fail.push(0)
        this.depth.push((this.depth[node] ?? 0) + 1)
        this.longest.push(0)
        this.next[node]?.set(code, child)
      }
      node = child
    }
    this.longest[node] = form.length
  }

  /** Where forms occur, and the start of a form (6+ characters) that runs into a cut mark. */
  spans(text: string): Span[] {
    const { next, fail, depth, longest } = this
    const spans: Span[] = []
    // No secrets known yet: nothing to find, and no need to read the text.
    if (!next[0]?.size) return spans
    let node = 0
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      const reached = depth[node] ?? 0
      if (code === CUT_CODE && reached >= MIN_CUT_PREFIX) spans.push({ start: i - reached, end: i })
      for (;;) {
        const child = next[node]?.get(code)
        if (child !== undefined) {
          node = child
          break
        }
        if (!node) break
        node = fail[node] ?? 0
      }
      const length = longest[node] ?? 0
      if (length) spans.push({ start: i + 1 - length, end: i + 1 })
    }
    return spans
  }
}

/** Overlapping or touching spans as one, in order. */
function merged(spans: Span[]): Span[] {
  const sorted = spans.sort((a, b) => a.start - b.start)
  const result: Span[] = []
  for (const span of sorted) {
    const last = result.at(-1)
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end)
    else result.push({ ...span })
  }
  return result
}
