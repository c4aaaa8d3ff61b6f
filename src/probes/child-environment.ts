// The environment a command runs with: the one place it is made. The action's own environment, less
// what belongs to the runner or to this action's step; then the values the config hands the
// command (exported, so that the shell expands ${NAME} itself and no value becomes script text);
// then the step's own env:, which the user wrote for this command and which wins.
import { isWithheldFromCommands } from '../config/variables.js'

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
    (entry): entry is [string, string] => entry[1] !== undefined && !isWithheldFromCommands(entry[0])
  )
  return { ...Object.fromEntries(kept), ...exported, ...stepEnv }
}
