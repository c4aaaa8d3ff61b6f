// `${NAME}` and `${NAME:-default}` in every string value, except under `variables:` (whose defaults
// are literal) and in sections this version does not read. `$${` is a literal `${`, and
// `${steps.<id>.<name>}` is left as written for the smoke steps that will capture it.
//
// A script or SQL text never gets a value pasted in (GitHub's script-injection rule): in `run:` the
// references are only checked, and the shell expands them from the command's environment; in SQL
// and in `shell` a reference is an error, as values go in as bind parameters or not at all.
import { TARGET_VARIABLES } from '../model/rollback.js'
import { asStepReference } from '../model/step-reference.js'
import { dotted, isMapping, type Mapping, type Path } from './document.js'
import type { Finding } from './findings.js'
import { percentDecoded, urlPasswords } from '../secrets/url-password.js'
import { capturedVariable, CAPTURED_PREFIX } from './steps.js'
import { didYouMeanAmong } from './suggest.js'
import { isGithubDefault, isWithheldFromCommands, type Variables } from './variables.js'

const REFERENCE = /\$\$\{|\$\{([^}]*)(\}?)/g
const VARIABLE = /^([A-Za-z_]\w*)(?::-(.*))?$/s
/** Top-level sections taken as written. */
const NOT_INTERPOLATED = new Set(['variables'])
const TARGET_NAMES = new Set<string>(Object.values(TARGET_VARIABLES))

/** What a string value is to the program that reads it; `*` stands for any one key or index. */
type TextKind = 'data' | 'script' | 'sql' | 'program'
const KINDS: Array<[TextKind, Path]> = [
  ['script', ['deploy', '*', 'run']],
  ['script', ['services', '*', 'command', 'run']],
  ['script', ['smoke', '*', 'run']],
  ['script', ['rollback', 'steps', '*', 'run']],
  ['program', ['deploy', '*', 'shell']],
  ['program', ['services', '*', 'command', 'shell']],
  ['program', ['smoke', '*', 'shell']],
  ['program', ['rollback', 'steps', '*', 'shell']],
  ['sql', ['services', '*', 'postgres', 'query', 'sql']]
]

export interface Interpolated {
  document: Mapping
  /** Passwords found in URLs, as written and decoded, and the credentials as Basic auth sends them. */
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

  const substitute = (text: string, path: Path): string => {
    const report = (message: string): void => {
      findings.push({ path, anchor: 'value', message: `${dotted(path)} ${message}` })
    }
    const kind = textKind(path)
    return text.replace(REFERENCE, (match: string, body: string | undefined, close: string) => {
      if (body === undefined) return '${'
      const reference = asStepReference(match)
      if (body.startsWith('{')) {
        report(
          'uses a ${{ }} expression, which only workflow files evaluate: pass the value in env: and write ${NAME}'
        )
      } else if (!close) {
        report(`has '${match}' without a closing }: write \${NAME}, or $\${ for a literal \${`)
      } else if (kind === 'sql') {
        report(
          `has '${match}': a value never becomes SQL text; write $1 in the SQL and give the value as params: ["${match}"] (the next one is $2)`
        )
      } else if (kind === 'program') {
        report(`has '${match}': the shell is named as written (bash, sh, pwsh), never from a value`)
      } else if (reference) {
        // Outside smoke steps nothing has captured it: steps.ts says so.
        if (kind === 'script' && path[0] === 'smoke') {
          report(
            `has '${match}': a captured value never becomes script text; write \${${capturedVariable(reference.id, reference.name)}}, which the command gets in its environment`
          )
        }
      } else {
        const variable = VARIABLE.exec(body)
        const name = variable?.[1]
        if (!variable || name === undefined) {
          report(
            `has '${match}', which is not a variable reference: write \${NAME} or \${NAME:-default}, or $\${ for a literal \${`
          )
          return match
        }
        const value = variables.values.get(name) ?? (isGithubDefault(name) ? (env[name] ?? '') : undefined)
        if (value !== undefined && kind === 'script') {
          // The shell expands the reference itself, from the exported or inherited variable.
          if (variables.values.has(name) || !isWithheldFromCommands(name)) return match
          report(
            `uses \${${name}}, which commands do not inherit: declare it under variables: (${name}: { secret: true }) to hand it over, or give it in the step's env:`
          )
          return match
        }
        if (value === '' && variable[2] === undefined && variables.unset.has(name)) return match
        if (value !== undefined) return value === '' && variable[2] !== undefined ? variable[2] : value
        // A rollback step gets the target release in its environment.
        if (kind === 'script' && path[0] === 'rollback' && TARGET_NAMES.has(name)) return match
        // Captured values are checked against the steps that capture them (steps.ts).
        if (kind === 'script' && name.startsWith(CAPTURED_PREFIX) && path[0] === 'smoke') return match
        report(
          // Never "declare it": names starting with STEPS_ are refused under variables:.
          name.startsWith(CAPTURED_PREFIX)
            ? `uses \${${name}}, but captured values reach only the commands (run:) of smoke steps`
            : `uses \${${name}}, which is not declared` +
                didYouMean(name, `: declare it under variables: (for example ${name}: { required: true })`)
        )
      }
      return match
    })
  }

  const resolve = (text: string, path: Path): string => {
    // Most values hold no reference: they are taken as they are, unclassified.
    const result = text.includes('${') ? substitute(text, path) : text
    for (const { start, end } of urlPasswords(result)) {
      const password = result.slice(start, end)
      // A password left as written (`${DB_PASSWORD}`, unset in a file read to compare with) is no value.
      if ([...variables.unset].some(name => password.includes(`\${${name}}`))) continue
      secrets.add(password)
      secrets.add(percentDecoded(password))
      // The credentials as Basic auth sends them (base64 of `user:password`), for HTTP URLs.
      const user = result.slice(result.lastIndexOf('//', start) + 2, start - 1)
      secrets.add(Buffer.from(`${percentDecoded(user)}:${percentDecoded(password)}`).toString('base64'))
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
        const skip = path.length === 0 && NOT_INTERPOLATED.has(key)
        return [key, skip ? item : walk(item, itemPath)]
      })
    )
  }

  return { document: walk(document, []) as Mapping, secrets: [...secrets] }
}

function textKind(path: Path): TextKind {
  const found = KINDS.find(
    ([, pattern]) =>
      pattern.length === path.length && pattern.every((key, index) => key === '*' || key === path[index])
  )
  return found?.[0] ?? 'data'
}
