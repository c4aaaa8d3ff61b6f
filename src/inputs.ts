// The action's inputs, read once, typed and validated up front. The reader is handed a getter so the
// action (core.getInput) and the CLI (command-line flags) share the same names, defaults and checks.
import { didYouMean } from './config/suggest.js'
import { DEFAULT_BASELINE_PATH } from './report/baseline-document.js'

export const MODES = ['verify', 'baseline', 'rollback', 'merge'] as const
export const FAIL_ON = ['failure', 'warning', 'never'] as const

export type Mode = (typeof MODES)[number]
export type FailOn = (typeof FAIL_ON)[number]

export interface Inputs {
  config: string
  environment?: string
  mode: Mode
  baseline?: string
  /** Verify mode: also record the environment as the baseline, to this file, when all of it passed. */
  recordBaseline?: string
  failOn: FailOn
  githubToken?: string
  checkName: string
  /** Undefined means the default: on for pull requests. */
  comment?: boolean
  artifactName?: string
  retentionDays?: number
  workingDirectory: string
  githubDeploymentId?: string
  /** False turns the rollback dispatch off for this workflow; the environment file's is used otherwise. */
  rollbackDispatch: boolean
  /** mode rollback: the failed run's JSON report, whose failed checks choose the rollback steps. */
  failedReport?: string
}

/** An input that cannot be used as given: it has a name, not a line of YAML. */
export interface InputProblem {
  /** The input's action.yml name: `fail-on`. */
  input: string
  message: string
}

export interface InputsRead {
  /** Every input, the defaults in place of the invalid ones, so that the run can still report. */
  inputs: Inputs
  problems: InputProblem[]
}

export const DEFAULT_INPUTS: Inputs = {
  config: '.github/deploy-verify.yml',
  mode: 'verify',
  failOn: 'failure',
  checkName: 'deploy-verify',
  workingDirectory: '.',
  rollbackDispatch: true
}

/** Reads every input, collecting every problem rather than stopping at the first. */
export function readInputs(get: (name: string) => string): InputsRead {
  const problems: InputProblem[] = []
  const problem = (input: string, message: string) => problems.push({ input, message })
  const text = (name: string) => get(name).trim() || undefined

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = text(name)
    if (value === undefined) return fallback
    if ((allowed as readonly string[]).includes(value)) return value as T
    problem(name, `'${value}' is not one of ${allowed.join(', ')}${didYouMean(value, allowed, '')}`)
    return fallback
  }

  const mode = oneOf('mode', MODES, DEFAULT_INPUTS.mode)
  // Mode rollback without it reads the failed run from the event: the engine says when there is none.
  const failedReport = text('failed-report')

  const baseline = text('baseline')
  if (mode === 'baseline' && baseline === 'artifact')
    problem(
      'baseline',
      "in mode baseline this is the file to write (default deploy-verify-baseline.json), not 'artifact'"
    )

  const recordBaseline = readRecordBaseline(text('record-baseline'), mode, problem)

  const failOn = oneOf('fail-on', FAIL_ON, DEFAULT_INPUTS.failOn)

  const trueOrFalse = (name: string): boolean | undefined => {
    const value = text(name)
    if (value === 'true' || value === 'false') return value === 'true'
    if (value !== undefined) problem(name, `'${value}' is not true or false`)
    return undefined
  }
  const comment = trueOrFalse('comment')

  const retentionText = text('retention-days')
  let retentionDays: number | undefined
  if (retentionText !== undefined) {
    const days = Number(retentionText)
    if (Number.isInteger(days) && days >= 0 && days <= 400) retentionDays = days
    else
      problem(
        'retention-days',
        `'${retentionText}' is not a whole number of days from 0 (the repository default) to 400`
      )
  }

  const deployment = text('github-deployment-id')
  if (deployment !== undefined && deployment !== 'create' && !/^[1-9]\d*$/.test(deployment))
    problem('github-deployment-id', `'${deployment}' is not a deployment id (a number) or create`)

  const inputs: Inputs = {
    config: text('config') ?? DEFAULT_INPUTS.config,
    environment: text('environment'),
    mode,
    baseline,
    recordBaseline,
    failOn,
    githubToken: text('github-token'),
    checkName: text('check-name') ?? DEFAULT_INPUTS.checkName,
    comment,
    artifactName: text('artifact-name'),
    retentionDays,
    workingDirectory: text('working-directory') ?? DEFAULT_INPUTS.workingDirectory,
    githubDeploymentId: deployment,
    rollbackDispatch: trueOrFalse('rollback-dispatch') ?? DEFAULT_INPUTS.rollbackDispatch,
    failedReport
  }
  return { inputs, problems }
}

/** `record-baseline`: false (or empty), true (the default file) or a file; only verify mode takes it. */
function readRecordBaseline(
  value: string | undefined,
  mode: Mode,
  problem: (input: string, message: string) => void
): string | undefined {
  if (value === undefined || value === 'false') return undefined
  if (mode !== 'verify') {
    problem(
      'record-baseline',
      mode === 'baseline'
        ? 'mode baseline records anyway, to the file the baseline input names: leave record-baseline out'
        : `is for mode verify, not ${mode}`
    )
    return undefined
  }
  if (value === 'artifact') {
    problem(
      'record-baseline',
      `'artifact' is not a file: say true (the file ${DEFAULT_BASELINE_PATH}, uploaded as the baseline artifact) or a file name`
    )
    return undefined
  }
  return value === 'true' ? DEFAULT_BASELINE_PATH : value
}

/** `input fail-on: 'sometimes' is not one of failure, warning, never` */
export function describeInputProblem({ input, message }: InputProblem): string {
  return `input ${input}: ${message}`
}
