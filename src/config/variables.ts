// Declared variables and their values: from the environment, else the declared default, else ''.
// An empty value counts as unset, because GitHub passes a missing secret to env: as ''.
import type { Cursor } from './cursor.js'
import { defined } from './document.js'
import type { VariableConfig } from './model.js'
import { CAPTURED_PREFIX } from './steps.js'

export interface Variables {
  declared: VariableConfig[]
  values: Map<string, string>
  /** The values of `secret: true` variables. */
  secrets: string[]
}

/** Variables every runner sets, usable without a declaration ('' where unset, as outside Actions). */
export function isGithubDefault(name: string): boolean {
  return name === 'CI' || name.startsWith('GITHUB_') || name.startsWith('RUNNER_')
}

export function resolveVariables(section: Cursor, env: Record<string, string | undefined>): Variables {
  const variables: Variables = { declared: [], values: new Map(), secrets: [] }
  for (const entry of section.entries()) {
    const { name } = entry
    if (name.startsWith(CAPTURED_PREFIX)) {
      entry.report(
        `variable ${name}: names starting with ${CAPTURED_PREFIX} are kept for captured values (${CAPTURED_PREFIX}<ID>_<NAME>); rename it`,
        'key'
      )
    }
    const required = entry.get('required').boolean() ?? false
    const secret = entry.get('secret').boolean() ?? false
    const fallback = entry.get('default').scalarText()
    if (required && fallback !== undefined) {
      entry
        .get('default')
        .report(
          `variable ${name} is required, so its default would never be used: remove one of the two`,
          'key'
        )
    }
    const fromEnv = env[name] || undefined
    if (required && fromEnv === undefined) {
      entry.report(`variable ${name} is required but not set: add it to the step's env:`, 'key')
    }
    const value = fromEnv ?? fallback ?? ''
    variables.values.set(name, value)
    if (secret && value !== '') variables.secrets.push(value)
    const description = entry.get('description').text()
    variables.declared.push(
      defined({ name, required, secret, default: fallback, description, source: entry.source() })
    )
  }
  return variables
}
