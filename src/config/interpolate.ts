// `${NAME}` and `${NAME:-default}` in every string value, except under `variables:` (whose defaults
// are literal) and in sections this version does not read. `$${` is a literal `${`, and
// `${steps.<id>.<name>}` is left as written for the smoke steps that will capture it.
import { dotted, isMapping, pointer, type Mapping, type Path } from './document.js'
import type { Finding } from './findings.js'
import { didYouMeanAmong } from './suggest.js'
import { isUnsupported } from './unsupported.js'
import { isGithubDefault, type Variables } from './variables.js'

const REFERENCE = /\$\$\{|\$\{([^}]*)(\}?)/g
const VARIABLE = /^([A-Za-z_]\w*)(?::-(.*))?$/s
const STEP_CAPTURE = /^steps\.[\w-]+\.[\w-]+$/
// `scheme://user:password@`; the greedy password reaches the last `@` of the authority.
const URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"'<>]*:([^\s/?#"'<>]+)@/gi
const NOT_INTERPOLATED = new Set([pointer(['variables'])])

export interface Interpolated {
  document: Mapping
  /** Passwords found in URLs, as written and decoded. */
  secrets: string[]
}

export function interpolate(
  document: Mapping,
  variables: Variables,
  env: Record<string, string | undefined>,
  findings: Finding[]
): Interpolated {
  const didYouMean = didYouMeanAmong([...variables.values.keys()])
  const secrets = new Set<string>()

  const resolve = (text: string, path: Path): string => {
    const report = (message: string): void => {
      findings.push({ path, anchor: 'value', message: `${dotted(path)} ${message}` })
    }
    const result = text.replace(REFERENCE, (match: string, body: string | undefined, close: string) => {
      if (body === undefined) return '${'
      if (body.startsWith('{')) {
        report(
          'uses a ${{ }} expression, which only workflow files evaluate: pass the value in env: and write ${NAME}'
        )
      } else if (!close) {
        report(`has '${match}' without a closing }: write \${NAME}, or $\${ for a literal \${`)
      } else if (!STEP_CAPTURE.test(body)) {
        const variable = VARIABLE.exec(body)
        const name = variable?.[1]
        if (!variable || name === undefined) {
          report(
            `has '${match}', which is not a variable reference: write \${NAME} or \${NAME:-default}, or $\${ for a literal \${`
          )
          return match
        }
        const value = variables.values.get(name) ?? (isGithubDefault(name) ? (env[name] ?? '') : undefined)
        if (value !== undefined) return value === '' && variable[2] !== undefined ? variable[2] : value
        report(
          `uses \${${name}}, which is not declared` +
            didYouMean(name, `: declare it under variables: (for example ${name}: { required: true })`)
        )
      }
      return match
    })
    for (const [, password] of result.matchAll(URL_PASSWORD)) {
      if (password === undefined) continue
      secrets.add(password)
      secrets.add(decoded(password))
    }
    return result
  }

  const walk = (value: unknown, path: Path): unknown => {
    if (typeof value === 'string') return resolve(value, path)
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]))
    if (!isMapping(value)) return value
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const itemPath = [...path, key]
        const skip = NOT_INTERPOLATED.has(pointer(itemPath)) || isUnsupported(itemPath)
        return [key, skip ? item : walk(item, itemPath)]
      })
    )
  }

  return { document: walk(document, []) as Mapping, secrets: [...secrets] }
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
