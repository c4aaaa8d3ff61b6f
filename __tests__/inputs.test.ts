import { describeInputProblem, readInputs } from '../src/inputs.js'

const from = (values: Record<string, string>) => (name: string) => values[name] ?? ''
const valid = (values: Record<string, string>) => {
  const { inputs, problems } = readInputs(from(values))
  expect(problems).toEqual([])
  return inputs
}
const problemsOf = (values: Record<string, string>) => readInputs(from(values)).problems.map(p => p.message)

describe('action inputs', () => {
  test('every input is optional, with the documented defaults', () => {
    expect(valid({})).toEqual({
      config: '.github/deploy-verify.yml',
      environment: undefined,
      mode: 'verify',
      baseline: undefined,
      recordBaseline: undefined,
      failOn: 'failure',
      githubToken: undefined,
      checkName: 'deploy-verify',
      comment: undefined,
      artifactName: undefined,
      retentionDays: undefined,
      workingDirectory: '.',
      githubDeploymentId: undefined,
      rollbackDispatch: true
    })
  })

  test('rollback-dispatch: false turns the dispatch off; anything but true or false is refused', () => {
    expect(valid({ 'rollback-dispatch': 'false' }).rollbackDispatch).toBe(false)
    expect(problemsOf({ 'rollback-dispatch': 'no' })).toEqual(["'no' is not true or false"])
  })

  test('values are trimmed and typed', () => {
    const inputs = valid({ 'fail-on': ' never ', comment: 'false', 'retention-days': '30' })
    expect(inputs).toMatchObject({ failOn: 'never', comment: false, retentionDays: 30 })
  })

  test('all bad inputs are reported together, each naming its input, with defaults in their place', () => {
    const { inputs, problems } = readInputs(
      from({ 'fail-on': 'sometimes', comment: 'yes', 'retention-days': '-1' })
    )
    expect(problems.map(p => p.input)).toEqual(['fail-on', 'comment', 'retention-days'])
    expect(problems[0]?.message).toBe("'sometimes' is not one of failure, warning, never")
    expect(problems[0] && describeInputProblem(problems[0])).toBe(
      "input fail-on: 'sometimes' is not one of failure, warning, never"
    )
    expect(inputs.failOn).toBe('failure')
  })

  test('a mistyped value gets the nearest allowed one', () => {
    expect(problemsOf({ mode: 'baseilne' })).toEqual([
      "'baseilne' is not one of verify, baseline, rollback, merge: did you mean 'baseline'?"
    ])
  })

  test("mode rollback takes the failed run's report file, or reads the failed run from its event", () => {
    expect(problemsOf({ mode: 'rollback' })).toEqual([])
    expect(valid({ mode: 'rollback', 'failed-report': 'failed/report.json' }).failedReport).toBe(
      'failed/report.json'
    )
  })

  test('github-deployment-id is a deployment id or create', () => {
    expect(valid({ 'github-deployment-id': '1234' }).githubDeploymentId).toBe('1234')
    expect(valid({ 'github-deployment-id': 'create' }).githubDeploymentId).toBe('create')
    expect(problemsOf({ 'github-deployment-id': 'latest' })).toEqual([
      "'latest' is not a deployment id (a number) or create"
    ])
  })

  test('the baseline input is the file to compare with, or to write in baseline mode', () => {
    expect(valid({ baseline: 'artifact' }).baseline).toBe('artifact')
    expect(valid({ mode: 'baseline', baseline: 'baselines/prod.json' })).toMatchObject({
      mode: 'baseline',
      baseline: 'baselines/prod.json'
    })
    expect(problemsOf({ mode: 'baseline', baseline: 'artifact' })).toEqual([
      "in mode baseline this is the file to write (default deploy-verify-baseline.json), not 'artifact'"
    ])
  })

  test('record-baseline, in verify mode only, is off, the default file, or a file', () => {
    expect(valid({ 'record-baseline': 'false' }).recordBaseline).toBeUndefined()
    expect(valid({ 'record-baseline': 'true' }).recordBaseline).toBe('deploy-verify-baseline.json')
    expect(valid({ 'record-baseline': 'baselines/prod.json', baseline: 'artifact' })).toMatchObject({
      baseline: 'artifact',
      recordBaseline: 'baselines/prod.json'
    })
    expect(problemsOf({ mode: 'baseline', 'record-baseline': 'true' })).toEqual([
      'mode baseline records anyway, to the file the baseline input names: leave record-baseline out'
    ])
    expect(problemsOf({ mode: 'merge', 'record-baseline': 'true' })).toEqual([
      'is for mode verify, not merge'
    ])
    expect(problemsOf({ 'record-baseline': 'artifact' })).toEqual([
      "'artifact' is not a file: say true (the file deploy-verify-baseline.json, uploaded as the baseline artifact) or a file name"
    ])
  })
})
