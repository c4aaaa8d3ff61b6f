// Everything wrong with a configuration is collected and reported in one run, each problem with
// the file, line and column it concerns and what to do about it.

export interface ConfigProblem {
  /** Relative to the working directory, or the input name (`input fail-on`) for action inputs. */
  file: string
  line: number
  column: number
  message: string
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[]
  /** Secret values known when loading stopped, so that outputs of the failed run stay redacted. */
  readonly secrets: string[]

  constructor(problems: ConfigProblem[], secrets: string[] = []) {
    super(problems.map(formatProblem).join('\n'))
    this.name = 'ConfigError'
    this.problems = problems
    this.secrets = secrets
  }
}

export function formatProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`
}
