// The forms a secret may take on its way out of the action, written independently of the redactor
// so that tests check it against the encodings clients and servers really use, and a scanner that
// finds any of them in what the action wrote: plain, JSON-escaped, URL-encoded, base64 (also inside
// longer encoded data), hex, and the start of one cut off by shortening.

/** Canary secrets holding what breaks naive redaction: quotes, backslashes, `%`, `+`, `/`, spaces, non-ASCII. */
export const CANARIES = {
  quoted: 'c4n"ary\\Quote\'d',
  encoded: 'p%2Fss+w/rd 9 OK',
  unicode: 'clé "ünï cødé" ✓ 42'
} as const

export interface SecretForm {
  name: string
  form: string
}

/** Every form of `secret` a reader could decode back to it. */
export function secretForms(secret: string): SecretForm[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const base64 = Buffer.from(secret).toString('base64')
  const forms: SecretForm[] = [
    { name: 'plain', form: secret },
    { name: 'JSON-escaped', form: json },
    { name: 'JSON-escaped twice', form: JSON.stringify(json).slice(1, -1) },
    { name: 'JSON-escaped as ASCII', form: asciiJson(json) },
    { name: 'encodeURIComponent', form: encodeURIComponent(secret) },
    { name: 'form-encoded (URLSearchParams)', form: new URLSearchParams({ q: secret }).toString().slice(2) },
    { name: 'URL query (WHATWG)', form: new URL(`http://h/?${secret}`).search.slice(1) },
    { name: 'base64', form: base64 },
    { name: 'base64 unpadded', form: base64.replace(/=+$/, '') },
    { name: 'base64url', form: Buffer.from(secret).toString('base64url') },
    { name: 'hex', form: Buffer.from(secret).toString('hex') },
    { name: 'HEX', form: Buffer.from(secret).toString('hex').toUpperCase() }
  ]
  return forms.filter((each, index) => forms.findIndex(other => other.form === each.form) === index)
}

/**
 * What in `text` gives a secret away, described; empty when nothing does. Base64 and hex runs are
 * also decoded, at every alignment, so a secret inside longer encoded data is found too; and the
 * start (6+ characters) of any form just before a `…` counts as a leak.
 */
export function findLeaks(text: string, secrets: readonly string[]): string[] {
  const leaks: string[] = []
  const decoded = decodedRuns(text)
  for (const secret of secrets) {
    for (const { name, form } of secretForms(secret)) {
      if (text.includes(form)) leaks.push(`${name} of ${JSON.stringify(secret)}`)
      for (let length = 6; length < form.length; length++) {
        if (text.includes(`${form.slice(0, length)}…`))
          leaks.push(`the first ${length} characters of the ${name} form of ${JSON.stringify(secret)}`)
      }
    }
    if (decoded.some(run => run.includes(secret)))
      leaks.push(`${JSON.stringify(secret)} inside base64 or hex data`)
  }
  return leaks
}

function asciiJson(json: string): string {
  return json.replace(/[^\x20-\x7e]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Base64 and hex runs of the text, decoded from each possible starting character. */
function decodedRuns(text: string): string[] {
  const runs: string[] = []
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{8,}={0,2}/g)) {
    for (let skip = 0; skip < 4; skip++) runs.push(Buffer.from(run.slice(skip), 'base64').toString('utf8'))
  }
  for (const [run] of text.matchAll(/[0-9a-fA-F]{8,}/g)) {
    for (let skip = 0; skip < 2; skip++) runs.push(Buffer.from(run.slice(skip), 'hex').toString('utf8'))
  }
  return runs
}
