// The rollback: section: triggers, steps run like deploy steps with their own defaults, the
// services verified afterwards, and a clear error at the line of each mistake.
import { cleanup, problems, workspace, yaml } from './helpers.js'
import { loadEnvironment } from '../../src/config/load.js'

afterAll(cleanup)

const problemsOf = (text: string) => problems({ 'env.yml': text })

describe('the rollback section', () => {
  it('reads the steps with the section defaults (5m, 3 attempts, 10s), their when: and the verify: services', async () => {
    const directory = await workspace({
      'env.yml': yaml`
        version: 1
        services:
          api: { http: { url: 'http://127.0.0.1:1/health' } }
        rollback:
          on: [services, smoke.sign-in]
          steps:
            - name: Restore previous release
              run: ./rollback.sh
            - name: Restore database
              run: ./restore-db.sh
              when: [services.database, baseline]
              attempts: 5
              delay: 1s
              timeout: 30s
          verify: [api]
          manual: Restore the snapshot by hand.
          dispatch: deploy-verify-rollback
      `
    })
    const { rollback } = await loadEnvironment({
      configPath: 'env.yml',
      workingDirectory: directory,
      env: {}
    })
    expect(rollback).toEqual({
      mode: 'auto',
      on: ['services', 'smoke.sign-in'],
      steps: [
        {
          id: 'restore-previous-release',
          name: 'Restore previous release',
          run: './rollback.sh',
          env: {},
          workingDirectory: directory,
          timeoutMs: 300_000,
          attempts: 3,
          delayMs: 10_000,
          when: [],
          source: { file: 'env.yml', line: 7, column: 7 }
        },
        {
          id: 'restore-database',
          name: 'Restore database',
          run: './restore-db.sh',
          env: {},
          workingDirectory: directory,
          timeoutMs: 30_000,
          attempts: 5,
          delayMs: 1000,
          when: ['services.database', 'baseline'],
          source: { file: 'env.yml', line: 9, column: 7 }
        }
      ],
      verify: ['api'],
      manual: 'Restore the snapshot by hand.',
      dispatch: 'deploy-verify-rollback',
      dispatchFromPullRequests: false
    })
  })

  it('names the file and line of a trigger, a service or a mode that cannot be', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        services:
          api: { http: { url: 'http://127.0.0.1:1/health' } }
        rollback:
          mode: sometimes
          on: [servics]
          steps:
            - name: Undo
              run: ./undo.sh
              when: [deploy.apply, nonsense.x]
          verify: [apy]
      `)
    ).toStrictEqual([
      'env.yml:5:9: rollback.mode must be "auto" or "workflow", not \'sometimes\'',
      "env.yml:6:8: rollback.on[0] 'servics' names no category of checks: did you mean 'services'?",
      "env.yml:10:28: rollback.steps[0].when[1] 'nonsense.x' names no category of checks: use one of deploy, services, metrics, smoke, security, baseline, monitor, or a check id such as services.api",
      "env.yml:11:12: 'apy' is not a service: did you mean 'api'?"
    ])
  })

  it("gives a step the section's own timeout, attempts and delay when it has none", async () => {
    const directory = await workspace({
      'env.yml':
        'version: 1\nrollback:\n  timeout: 2m\n  attempts: 2\n  delay: 5s\n  steps: [{ name: Undo, run: ./undo.sh }]\n'
    })
    const { rollback } = await loadEnvironment({
      configPath: 'env.yml',
      workingDirectory: directory,
      env: {}
    })
    expect(rollback.steps).toMatchObject([{ id: 'undo', timeoutMs: 120_000, attempts: 2, delayMs: 5000 }])
  })

  it('refuses a timeout of 0, for the section and for a step', async () => {
    expect(
      await problemsOf(
        'version: 1\nrollback:\n  timeout: 0s\n  steps: [{ name: Undo, run: ./undo.sh, timeout: 0ms }]\n'
      )
    ).toStrictEqual([
      'env.yml:3:12: rollback.timeout must be longer than 0',
      'env.yml:4:50: rollback.steps[0].timeout must be longer than 0'
    ])
  })

  it('reports a trigger that is not text once, as the schema words it', async () => {
    expect(await problemsOf('version: 1\nrollback:\n  on: [services, 5]\n')).toStrictEqual([
      'env.yml:3:18: rollback.on[1] must be text, not 5'
    ])
  })

  it('mode auto needs steps to run', async () => {
    expect(await problemsOf('version: 1\nrollback:\n  mode: auto\n')).toStrictEqual([
      'env.yml:3:9: rollback.mode is auto but rollback.steps is empty: add the steps that restore the last good release'
    ])
  })

  it('is not refused any more: steps and the dispatch of a rollback workflow are both accepted', async () => {
    const directory = await workspace({
      'env.yml':
        'version: 1\nrollback:\n  mode: workflow\n  dispatch: deploy-verify-rollback\n  steps: [{ name: Undo, run: ./undo.sh }]\n'
    })
    const { rollback } = await loadEnvironment({
      configPath: 'env.yml',
      workingDirectory: directory,
      env: {}
    })
    expect(rollback).toMatchObject({
      mode: 'workflow',
      dispatch: 'deploy-verify-rollback',
      steps: [{ id: 'undo' }]
    })
  })

  it('keeps a step script as written: values and the target release reach it as environment variables', async () => {
    const directory = await workspace({
      'env.yml': yaml`
        version: 1
        variables:
          REGION: { default: eu-west-1 }
        rollback:
          steps:
            - name: Restore
              run: ./rollback.sh "\${REGION}" "\${DEPLOY_VERIFY_ROLLBACK_SHA}" "\${DEPLOY_VERIFY_ROLLBACK_REF}"
      `
    })
    const { rollback } = await loadEnvironment({
      configPath: 'env.yml',
      workingDirectory: directory,
      env: {}
    })
    expect(rollback.steps[0]?.run).toBe(
      './rollback.sh "${REGION}" "${DEPLOY_VERIFY_ROLLBACK_SHA}" "${DEPLOY_VERIFY_ROLLBACK_REF}"'
    )
    expect(
      await problemsOf(
        'version: 1\nrollback:\n  steps:\n    - { name: Restore, run: "./r.sh ${TARGET}", shell: "${SH}" }\n'
      )
    ).toStrictEqual([
      'env.yml:4:29: rollback.steps[0].run uses ${TARGET}, which is not declared: declare it under variables: (for example TARGET: { required: true })',
      "env.yml:4:56: rollback.steps[0].shell has '${SH}': the shell is named as written (bash, sh, pwsh), never from a value"
    ])
  })
})
