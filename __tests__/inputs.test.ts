import { InputError, readInputs } from '../src/inputs.js'

const from = (values: Record<string, string>) => (name: string) => values[name] ?? ''

describe('action inputs', () => {
  test('every input is optional, with the documented defaults', () => {
    expect(readInputs(from({}))).toEqual({
      config: '.github/deploy-verify.yml',
      environment: undefined,
      mode: 'verify',
      baseline: undefined,
      failOn: 'failure',
      githubToken: undefined,
      checkName: 'deploy-verify',
      comment: undefined,
      artifactName: undefined,
      retentionDays: undefined,
      workingDirectory: '.',
      githubDeploymentId: undefined
    })
  })

  test('values are trimmed and typed', () => {
    const inputs = readInputs(from({ 'fail-on': ' never ', comment: 'false', 'retention-days': '30' }))
    expect(inputs).toMatchObject({ failOn: 'never', comment: false, retentionDays: 30 })
  })

  test('all bad inputs are reported together, each naming its input', () => {
    let caught: unknown
    try {
      readInputs(from({ 'fail-on': 'sometimes', comment: 'yes', 'retention-days': '-1' }))
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(InputError)
    const error = caught as InputError
    expect(error.problems.map(p => p.file)).toEqual([
      'input fail-on',
      'input comment',
      'input retention-days'
    ])
    expect(error.problems[0]?.message).toBe("'sometimes' is not one of failure, warning, never")
    expect(error.inputs.failOn).toBe('failure')
  })

  test('a mistyped value gets the nearest allowed one', () => {
    expect(() => readInputs(from({ mode: 'baseilne' }))).toThrow(
      "'baseilne' is not one of verify, baseline, rollback, merge: did you mean 'baseline'?"
    )
  })

  test('capabilities not built yet are refused, never silently ignored', () => {
    expect(() => readInputs(from({ mode: 'rollback' }))).toThrow('mode rollback is not supported yet')
  })

  test('github-deployment-id is a deployment id or create', () => {
    expect(readInputs(from({ 'github-deployment-id': '1234' })).githubDeploymentId).toBe('1234')
    expect(readInputs(from({ 'github-deployment-id': 'create' })).githubDeploymentId).toBe('create')
    expect(() => readInputs(from({ 'github-deployment-id': 'latest' }))).toThrow(
      "'latest' is not a deployment id (a number) or create"
    )
  })

  test('the baseline input is the file to compare with, or to write in baseline mode', () => {
    expect(readInputs(from({ baseline: 'artifact' })).baseline).toBe('artifact')
    expect(readInputs(from({ mode: 'baseline', baseline: 'baselines/prod.json' }))).toMatchObject({
      mode: 'baseline',
      baseline: 'baselines/prod.json'
    })
    expect(() => readInputs(from({ mode: 'baseline', baseline: 'artifact' }))).toThrow(
      "in mode baseline this is the file to write (default deploy-verify-baseline.json), not 'artifact'"
    )
  })
})
