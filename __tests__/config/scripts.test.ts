// Values never become script or SQL text: run: is used as written and only checked, captured values
// reach it as STEPS_<ID>_<NAME>, SQL takes bind parameters, and every misuse is an error at its line.
import type { CommandProbeSpec, PostgresProbeSpec } from '../../src/config/model.js'
import { cleanup, load, problems, yaml } from './helpers.js'

afterAll(cleanup)

const HOSTILE = `$(touch pwned)'; touch pwned; '"`

describe('run:', () => {
  it('is kept as written, with a hostile value only in the values exported to commands', async () => {
    const config = await load(
      {
        'env.yml': yaml`
          version: 1
          variables:
            RELEASE: { required: true }
            REGION: { default: eu-west-1 }
          deploy:
            - name: Apply
              run: ./deploy.sh "\${RELEASE}" "\${REGION}" "\${GITHUB_HEAD_REF}" "\${REGION:-x}" "$\${LOCAL}"
              env: { TARGET: "\${RELEASE}" }
          services:
            probe: { command: { run: 'test -n "\${RELEASE}"' } }
        `
      },
      { env: { RELEASE: HOSTILE, GITHUB_HEAD_REF: HOSTILE } }
    )
    expect(config.deploy[0]?.run).toBe(
      './deploy.sh "${RELEASE}" "${REGION}" "${GITHUB_HEAD_REF}" "${REGION:-x}" "${LOCAL}"'
    )
    // env: values are data: filled in as before.
    expect(config.deploy[0]?.env).toEqual({ TARGET: HOSTILE })
    expect((config.services[0]?.probe as CommandProbeSpec).run).toBe('test -n "${RELEASE}"')
    expect(config.values).toEqual({ RELEASE: HOSTILE, REGION: 'eu-west-1' })
  })

  it('still fails at load on a ${NAME} that is not declared, with a suggestion', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          variables: { RELEASE: { default: '1' } }
          deploy:
            - name: Apply
              run: ./deploy.sh "\${RELASE}"
        `
      })
    ).toStrictEqual([
      "env.yml:5:10: deploy[0].run uses ${RELASE}, which is not declared: did you mean 'RELEASE'?"
    ])
  })

  it('refuses ${steps.<id>.<name>} in a smoke script, showing the environment variable to write', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          smoke:
            - name: Sign in
              id: login
              http: { url: https://x.example.com/login, capture: { token: $.token, user-id: $.id } }
            - name: Use it
              run: ./use.sh "\${steps.login.token}" "\${steps.login.user-id}"
        `
      })
    ).toStrictEqual([
      "env.yml:7:10: smoke[1].run has '${steps.login.token}': a captured value never becomes script text; write ${STEPS_LOGIN_TOKEN}, which the command gets in its environment",
      "env.yml:7:10: smoke[1].run has '${steps.login.user-id}': a captured value never becomes script text; write ${STEPS_LOGIN_USER_ID}, which the command gets in its environment"
    ])
  })

  it('accepts ${STEPS_<ID>_<NAME>} of an earlier capture in a smoke script, and nowhere else', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        smoke:
          - name: Sign in
            id: login
            http: { url: https://x.example.com/login, capture: { token: $.token } }
          - name: Use it
            run: ./use.sh "\${STEPS_LOGIN_TOKEN}"
      `
    })
    expect(config.smoke[1]?.check).toMatchObject({ run: './use.sh "${STEPS_LOGIN_TOKEN}"' })
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          deploy:
            - { name: Apply, run: './deploy.sh "\${STEPS_LOGIN_TOKEN}"' }
        `
      })
    ).toStrictEqual([
      'env.yml:3:25: deploy[0].run uses ${STEPS_LOGIN_TOKEN}, but captured values reach only the commands (run:) of smoke steps'
    ])
  })

  it('refuses two captures that would meet in one variable, and variables named STEPS_', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          variables: { STEPS_OWN: {} }
          smoke:
            - name: a-b
              http: { url: https://x.example.com, capture: { c: $.c } }
            - name: a
              http: { url: https://x.example.com, capture: { b_c: $.c } }
        `
      })
    ).toStrictEqual([
      'env.yml:2:14: variable STEPS_OWN: names starting with STEPS_ are kept for captured values (STEPS_<ID>_<NAME>); rename it',
      'env.yml:7:52: smoke[1].http.capture.b_c: ${steps.a.b_c} would reach run: as STEPS_A_B_C, like ${steps.a-b.c}: rename one of them'
    ])
  })

  it('refuses a GitHub variable that commands do not inherit, unless it is declared', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          deploy:
            - { name: Apply, run: 'gh release create "\${GITHUB_TOKEN}"' }
        `
      })
    ).toStrictEqual([
      "env.yml:3:25: deploy[0].run uses ${GITHUB_TOKEN}, which commands do not inherit: declare it under variables: (GITHUB_TOKEN: { secret: true }) to hand it over, or give it in the step's env:"
    ])
    const config = await load(
      {
        'env.yml': yaml`
          version: 1
          variables: { GITHUB_TOKEN: { secret: true } }
          deploy:
            - { name: Apply, run: 'gh release create "\${GITHUB_TOKEN}"' }
        `
      },
      { env: { GITHUB_TOKEN: 'ghs_declared' } }
    )
    expect(config.values).toEqual({ GITHUB_TOKEN: 'ghs_declared' })
  })

  it('takes no ${NAME} in shell:, which names the program', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          variables: { SHELL_PATH: { default: bash } }
          deploy:
            - { name: Apply, run: ./deploy.sh, shell: "\${SHELL_PATH}" }
        `
      })
    ).toStrictEqual([
      "env.yml:4:45: deploy[0].shell has '${SHELL_PATH}': the shell is named as written (bash, sh, pwsh), never from a value"
    ])
  })
})

describe('postgres.query', () => {
  it('takes values as bind parameters, filled in as data', async () => {
    const config = await load(
      {
        'env.yml': yaml`
          version: 1
          variables: { TENANT: { required: true } }
          services:
            db:
              postgres:
                url: postgres://127.0.0.1/app
                query: { sql: 'select count(*) from jobs where tenant = $1 and n > $2', params: ['\${TENANT}', 3] }
        `
      },
      { env: { TENANT: HOSTILE } }
    )
    expect((config.services[0]?.probe as PostgresProbeSpec).query).toEqual({
      sql: 'select count(*) from jobs where tenant = $1 and n > $2',
      params: [HOSTILE, '3'],
      expect: {}
    })
  })

  it('refuses ${NAME} inside sql, showing the params form', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          variables: { TENANT: { default: acme } }
          services:
            db:
              postgres:
                url: postgres://127.0.0.1/app
                query:
                  sql: select count(*) from jobs where tenant = '\${TENANT}'
        `
      })
    ).toStrictEqual([
      `env.yml:8:14: services.db.postgres.query.sql has '\${TENANT}': a value never becomes SQL text; write $1 in the SQL and give the value as params: ["\${TENANT}"] (the next one is $2)`
    ])
  })
})
