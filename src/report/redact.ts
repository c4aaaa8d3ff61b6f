// Redaction of everything the action writes: the report, the summary, the log. `core.setSecret`
// only masks the runner's log, so files and API payloads are redacted here, before they leave.

export const MASK = '***'

export interface Redactor {
  text(s: string): string
  /** A redacted deep copy of a JSON-like value: object keys and strings are both redacted. */
  deep<T>(value: T): T
}

// `scheme://user:password@host`: the password is masked even when nobody declared it a secret.
// Quotes, angle brackets and whitespace end a URL in prose, JSON and HTML alike, so a match never
// runs into the next field; the greedy password still reaches the last `@` of the authority.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"'`<>]*:)[^\s/?#"'`<>]+@/gi

export function createRedactor(secrets: readonly string[]): Redactor {
  const pattern = secretPattern(secrets)
  const text = (s: string): string => {
    const masked = pattern ? s.replace(pattern, MASK) : s
    return masked.includes('://') ? masked.replace(URL_PASSWORD, `$1${MASK}@`) : masked
  }
  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value)
    if (Array.isArray(value)) return value.map(deep)
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), deep(item)]))
    }
    return value
  }
  return { text, deep: deep as <T>(value: T) => T }
}

/**
 * One alternation of every form a secret may take, longest first so that a secret containing
 * another is masked whole. Lines of a multi-line secret (a PEM key) are secrets of their own, as
 * logs and command output split them.
 */
function secretPattern(secrets: readonly string[]): RegExp | undefined {
  const forms = new Set<string>()
  for (const secret of secrets) {
    const lines = secret.includes('\n') ? secret.split(/\r?\n/).map(line => line.trim()) : []
    for (const form of [secret, ...lines]) {
      if (!form) continue
      forms.add(form)
      forms.add(encodeURIComponent(form))
    }
  }
  if (!forms.size) return undefined
  const sorted = [...forms].sort((a, b) => b.length - a.length)
  return new RegExp(sorted.map(escapeRegExp).join('|'), 'g')
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
