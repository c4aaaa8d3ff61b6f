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
  /**
   * Required variables without a value, left as written (`${NAME}`) where used: only in a file read
   * to compare with, whose variables the run does not set (`unsetAllowed`).
   */
  unset: Set<string>
}

/** Variables every runner sets, usable without a declaration ('' where unset, as outside Actions). */
export function isGithubDefault(name: string): boolean {
  return name === 'CI' || name.startsWith('GITHUB_') || name.startsWith('RUNNER_')
}

/**
 * Runner internals: ACTIONS_* holds the runtime, results, cache and OIDC tokens and URLs
 * (ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN, ...); INPUT_* the action's inputs,
 * github-token among them.
 */
const RUNNER_INTERNAL = /^(ACTIONS_|INPUT_)/
/**
 * The token, when a workflow put it in the action's environment, and the files through which the
 * action's step speaks to the runner (outputs, state, summary, the next steps' environment and
 * PATH): a command writing there would speak for the action.
 */
const ACTION_ONLY = new Set([
  'GITHUB_TOKEN',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_ENV',
  'GITHUB_PATH'
])

/** Variables of the action's environment that a command does not inherit (it gets them only when the config names them). */
export function isWithheldFromCommands(name: string): boolean {
  return RUNNER_INTERNAL.test(name) || ACTION_ONLY.has(name)
}

export function resolveVariables(
  section: Cursor,
  env: Record<string, string | undefined>,
  unsetAllowed = false
): Variables {
  const variables: Variables = { declared: [], values: new Map(), secrets: [], unset: new Set() }
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
    if (required && fromEnv === undefined && fallback === undefined && unsetAllowed) variables.unset.add(name)
    else if (required && fromEnv === undefined) {
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
