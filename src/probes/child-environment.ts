// The environment a command runs with: the one place it is made. The action's own environment, less
// what belongs to the runner or to this action's step; then the values the config hands the
// command (exported, so that the shell expands ${NAME} itself and no value becomes script text);
// then the step's own env:, which the user wrote for this command and which wins.

/**
 * Runner internals: ACTIONS_* holds the runtime, results, cache and OIDC tokens and URLs
 * (ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN, ...); INPUT_* the action's inputs,
 * github-token among them.
 */
const RUNNER_INTERNAL = /^(ACTIONS_|INPUT_)/
/**
 * The token, when a workflow put it in the action's environment, and the files through which this
 * step speaks to the runner (outputs, state, summary, the next steps' environment and PATH): a
 * command writing there would speak for the action.
 */
const ACTION_ONLY = new Set([
  'GITHUB_TOKEN',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_ENV',
  'GITHUB_PATH'
])

/**
 * `inherited` is the action's environment (process.env); `exported` the declared variables' values
 * and captured values; `stepEnv` the step's env:. A name scrubbed from `inherited` still reaches
 * the command when the config names it (a variable declared GITHUB_TOKEN, or env: { GITHUB_TOKEN: ... }).
 */
export function childEnvironment(
  inherited: Readonly<Record<string, string | undefined>>,
  exported: Readonly<Record<string, string>>,
  stepEnv: Readonly<Record<string, string>>
): Record<string, string> {
  const kept = Object.entries(inherited).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && !RUNNER_INTERNAL.test(entry[0]) && !ACTION_ONLY.has(entry[0])
  )
  return { ...Object.fromEntries(kept), ...exported, ...stepEnv }
}
