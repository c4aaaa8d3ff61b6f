// The inputs part of a run request, from action inputs as a workflow step would give them.
import { readInputs } from '../../src/inputs.js'
import { gitInfo } from '../../src/model/run-identity.js'

export function fromInputs(values: Record<string, string>, env: Record<string, string | undefined> = {}) {
  const { inputs, problems } = readInputs(name => values[name] ?? '')
  return { inputs, inputProblems: problems, git: gitInfo(env, undefined) }
}
