// The environment a command runs with: the action's own, less what belongs to the runner or to the
// action's step, plus the values the config hands the command, plus the step's env:.
import { childEnvironment } from '../../src/probes/child-environment.js'

/** What a runner gives a JavaScript action, beside the workflow's own env:. */
const RUNNER = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/runner',
  CI: 'true',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_HEAD_REF: 'feature/x',
  RUNNER_TEMP: '/tmp/runner',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token',
  ACTIONS_RUNTIME_URL: 'https://pipelines.example/',
  ACTIONS_RESULTS_URL: 'https://results.example/',
  ACTIONS_CACHE_URL: 'https://cache.example/',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/?audience=x',
  'INPUT_GITHUB-TOKEN': 'ghs_input_token',
  INPUT_CONFIG: 'env.yml',
  GITHUB_TOKEN: 'ghs_env_token',
  GITHUB_OUTPUT: '/runner/output',
  GITHUB_STATE: '/runner/state',
  GITHUB_STEP_SUMMARY: '/runner/summary',
  GITHUB_ENV: '/runner/env',
  GITHUB_PATH: '/runner/path',
  DATABASE_URL: 'postgres://app@db/app'
}

describe("a command's environment", () => {
  it("leaves out the runner's tokens and URLs, the action's inputs, GITHUB_TOKEN and the step's file commands", () => {
    expect(Object.keys(childEnvironment(RUNNER, {}, {})).sort()).toEqual([
      'CI',
      'DATABASE_URL',
      'GITHUB_HEAD_REF',
      'GITHUB_REPOSITORY',
      'HOME',
      'PATH',
      'RUNNER_TEMP'
    ])
  })

  it('keeps what the workflow gave the action and GitHub default variables, with their values', () => {
    expect(childEnvironment(RUNNER, {}, {})).toMatchObject({
      GITHUB_HEAD_REF: 'feature/x',
      DATABASE_URL: 'postgres://app@db/app',
      PATH: '/usr/bin:/bin'
    })
  })

  it("exports the config's values over the inherited ones, and the step's env: over both", () => {
    const environment = childEnvironment(
      { ...RUNNER, REGION: '' },
      { REGION: 'eu-west-1', STEPS_LOGIN_TOKEN: 'tok', LEVEL: 'exported' },
      { LEVEL: 'step' }
    )
    expect(environment).toMatchObject({ REGION: 'eu-west-1', STEPS_LOGIN_TOKEN: 'tok', LEVEL: 'step' })
  })

  it('hands a scrubbed name to the command when the config names it deliberately', () => {
    expect(childEnvironment(RUNNER, { GITHUB_TOKEN: 'declared' }, {}).GITHUB_TOKEN).toBe('declared')
    expect(childEnvironment(RUNNER, {}, { GITHUB_TOKEN: 'from-step-env' }).GITHUB_TOKEN).toBe('from-step-env')
  })

  it('passes values exactly as they are, whatever they hold', () => {
    const hostile = `$(touch pwned)\`id\`'; rm -rf /; '"\nnext line`
    expect(childEnvironment({}, { HOSTILE: hostile }, {}).HOSTILE).toBe(hostile)
  })
})
