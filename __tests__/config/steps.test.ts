// The deploy: and smoke: sections: steps in order, stable ids, and references between smoke steps.
import { cleanup, load, problems, workspace, yaml } from './helpers.js'
import { loadEnvironment } from '../../src/config/load.js'
import { capturedVariablesIn } from '../../src/config/steps.js'

afterAll(cleanup)

const problemsOf = (text: string, env: Record<string, string> = {}) => problems({ 'env.yml': text }, { env })

describe('deploy steps', () => {
  it('are read in order with their defaults, a slugged id and an absolute working directory', async () => {
    const directory = await workspace({
      'env.yml': yaml`
        version: 1
        variables:
          RELEASE: { required: true }
          TOKEN: { required: true, secret: true }
        deploy:
          - name: Apply release (v2)
            run: ./deploy.sh \${RELEASE}
          - name: Migrate
            id: db
            run: ./migrate.sh
            shell: sh
            env: { LEVEL: 3, TOKEN: "\${TOKEN}" }
            working_directory: ops
            timeout: 2m
            retries: 2
            retry_delay: 500ms
            always: true
      `
    })
    const config = await loadEnvironment({
      configPath: 'env.yml',
      workingDirectory: directory,
      env: { RELEASE: '42', TOKEN: 'tok-9' }
    })
    expect(config.deploy).toEqual([
      {
        id: 'apply-release-v2',
        name: 'Apply release (v2)',
        // As written: the shell expands ${RELEASE} from the command's environment.
        run: './deploy.sh ${RELEASE}',
        env: {},
        workingDirectory: directory,
        timeoutMs: 900_000,
        retries: 0,
        retryDelayMs: 10_000,
        always: false,
        source: { file: 'env.yml', line: 6, column: 5 }
      },
      {
        id: 'db',
        name: 'Migrate',
        run: './migrate.sh',
        shell: 'sh',
        env: { LEVEL: '3', TOKEN: 'tok-9' },
        workingDirectory: `${directory}/ops`,
        timeoutMs: 120_000,
        retries: 2,
        retryDelayMs: 500,
        always: true,
        source: { file: 'env.yml', line: 8, column: 5 }
      }
    ])
    expect(config.secrets).toStrictEqual(['tok-9'])
  })

  it('need a name and a command, and ids of their own', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        deploy:
          - name: Apply
            run: ./a.sh
          - name: apply
            run: ./b.sh
          - run: ./c.sh
          - name: Check
      `)
    ).toStrictEqual([
      "env.yml:5:11: deploy[1]: id 'apply' is used by an earlier step; give this step its own id",
      "env.yml:7:5: deploy[2] is missing 'name': add it",
      "env.yml:8:5: deploy[3] is missing 'run': add it"
    ])
  })

  it('and smoke steps take no timeout of 0', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        deploy:
          - { name: Apply, run: ./a.sh, timeout: 0s }
        smoke:
          - { name: Check, run: ./b.sh, timeout: 0ms }
      `)
    ).toStrictEqual([
      'env.yml:3:42: deploy[0].timeout must be longer than 0',
      'env.yml:5:42: smoke[0].timeout must be longer than 0'
    ])
  })
})

describe('smoke steps', () => {
  it('are read in order: http steps with their captures, run steps, references left for run time', async () => {
    const directory = await workspace({
      'env.yml': yaml`
        version: 1
        variables:
          API_URL: { required: true }
          PASSWORD: { required: true, secret: true }
        defaults: { timeout: 5s }
        smoke:
          - name: Sign in
            id: login
            http:
              method: post
              url: \${API_URL}/login
              json: { user: smoke, password: "\${PASSWORD}" }
              expect: { status: 200 }
              capture: { token: $.token, request: "header:X-Request-Id" }
          - name: Upload
            http:
              url: \${API_URL}/upload
              headers: { authorization: "Bearer \${steps.login.token}" }
              expect: { status: 201 }
            retries: 1
          - name: Clean up
            run: ./cleanup.sh "\${STEPS_LOGIN_REQUEST}"
            shell: sh
            env: { TOKEN: "\${steps.login.token}", API: "\${API_URL}" }
            working_directory: ./ops
            expect: { stdout: { contains: done } }
            timeout: 2m
            retry_delay: 250ms
            always: true
            critical: true
      `
    })
    const config = await loadEnvironment({
      configPath: 'env.yml',
      workingDirectory: directory,
      env: { API_URL: 'https://api.example.com', PASSWORD: 'pw-123' }
    })
    const request = {
      headers: {},
      tls: { insecureSkipVerify: false },
      followRedirects: true,
      maxRedirects: 5,
      maxBodyBytes: 1_048_576
    }
    expect(config.smoke).toStrictEqual([
      {
        id: 'login',
        name: 'Sign in',
        timeoutMs: 5_000,
        retries: 0,
        retryDelayMs: 1_000,
        always: false,
        critical: false,
        check: {
          kind: 'http',
          method: 'POST',
          url: 'https://api.example.com/login',
          ...request,
          json: { user: 'smoke', password: 'pw-123' },
          expect: { status: [200] },
          capture: {
            token: { from: '$.token', secret: true },
            request: { from: 'header:x-request-id', secret: false }
          }
        },
        source: { file: 'env.yml', line: 7, column: 5 }
      },
      {
        id: 'upload',
        name: 'Upload',
        timeoutMs: 5_000,
        retries: 1,
        retryDelayMs: 1_000,
        always: false,
        critical: false,
        check: {
          kind: 'http',
          method: 'GET',
          url: 'https://api.example.com/upload',
          ...request,
          headers: { authorization: 'Bearer ${steps.login.token}' },
          expect: { status: [201] },
          capture: {}
        },
        source: { file: 'env.yml', line: 15, column: 5 }
      },
      {
        id: 'clean-up',
        name: 'Clean up',
        timeoutMs: 120_000,
        retries: 0,
        retryDelayMs: 250,
        always: true,
        critical: true,
        check: {
          kind: 'command',
          run: './cleanup.sh "${STEPS_LOGIN_REQUEST}"',
          shell: 'sh',
          env: { TOKEN: '${steps.login.token}', API: 'https://api.example.com' },
          workingDirectory: `${directory}/ops`,
          expect: { exitCode: 0, stdout: { contains: 'done' } }
        },
        source: { file: 'env.yml', line: 21, column: 5 }
      }
    ])
    expect(config.secrets).toStrictEqual(['pw-123'])
  })

  it('need a name, and ids of their own that a name or an id gives', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        variables:
          BLANK: { default: '' }
        smoke:
          - { name: Sign in, run: ./a.sh }
          - { name: sign-in, run: ./b.sh }
          - { name: Other, id: sign-in, run: ./c.sh }
          - { id: nameless, run: ./d.sh }
          - { name: '!!!', run: ./e.sh }
          - { name: Bad id, id: Login, run: ./f.sh }
          - { name: "\${BLANK}", run: ./g.sh }
      `)
    ).toStrictEqual([
      "env.yml:6:13: smoke[1]: id 'sign-in' is used by an earlier step; give this step its own id",
      "env.yml:7:24: smoke[2]: id 'sign-in' is used by an earlier step; give this step its own id",
      "env.yml:8:5: smoke[3] is missing 'name': add it",
      "env.yml:9:13: smoke[4].name '!!!' gives no id: add an id of letters and digits",
      "env.yml:10:25: smoke[5].id must be an id of lower-case letters, digits, - and _ that starts with a letter or digit, not 'Login'",
      "env.yml:11:13: smoke[6].name '' gives no id: add an id of letters and digits"
    ])
  })

  it('refer only to values an earlier step captures', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        smoke:
          - name: early
            http: { url: "https://x.example.com/\${steps.login.token}" }
          - name: login
            http: { url: https://x.example.com/login, capture: { token: $.token } }
          - name: typo
            http: { url: "https://x.example.com/\${steps.login.tokn}" }
          - name: itself
            http: { url: "https://x.example.com/\${steps.itself.token}", capture: { token: $.token } }
          - name: worker
            run: ./worker.sh
          - name: unknown
            run: echo \${steps.worker.out} \${steps.nobody.token}
          - name: in a script
            run: echo "\${STEPS_LOGIN_TOKEN}" "\${STEPS_LOGIN_TOKN:-none}" "\${STEPS_LATER_TOKEN}"
          - name: later
            http: { url: https://x.example.com/login, capture: { token: $.token } }
      `)
    ).toStrictEqual([
      "env.yml:4:18: smoke[0].http.url: ${steps.login.token} names no earlier smoke step with id 'login'",
      "env.yml:8:18: smoke[2].http.url: ${steps.login.tokn}: step login captures no 'tokn'; it captures token",
      "env.yml:10:18: smoke[3].http.url: ${steps.itself.token} names no earlier smoke step with id 'itself'",
      "env.yml:14:10: smoke[5].run has '${steps.worker.out}': a captured value never becomes script text; write ${STEPS_WORKER_OUT}, which the command gets in its environment",
      "env.yml:14:10: smoke[5].run has '${steps.nobody.token}': a captured value never becomes script text; write ${STEPS_NOBODY_TOKEN}, which the command gets in its environment",
      'env.yml:16:10: smoke[6].run: ${STEPS_LOGIN_TOKN} is not a value an earlier smoke step captures; earlier steps capture STEPS_LOGIN_TOKEN, STEPS_ITSELF_TOKEN',
      'env.yml:16:10: smoke[6].run: ${STEPS_LATER_TOKEN} is not a value an earlier smoke step captures; earlier steps capture STEPS_LOGIN_TOKEN, STEPS_ITSELF_TOKEN'
    ])
  })

  it('say what an earlier step captures when a reference names something else, or that it captures nothing', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        smoke:
          - name: script
            run: echo "\${STEPS_LOGIN_TOKEN}"
          - name: worker
            run: ./worker.sh
          - name: login
            http: { url: https://x.example.com/login, capture: { token: $.token, user: $.user } }
          - name: use
            http: { url: "https://x.example.com/\${steps.worker.out}/\${steps.login.id}" }
      `)
    ).toStrictEqual([
      'env.yml:4:10: smoke[0].run: ${STEPS_LOGIN_TOKEN} is not a value an earlier smoke step captures; no earlier step captures anything',
      "env.yml:10:18: smoke[3].http.url: ${steps.worker.out}: step worker captures no 'out'; it captures nothing",
      "env.yml:10:18: smoke[3].http.url: ${steps.login.id}: step login captures no 'id'; it captures token, user"
    ])
  })

  it('leave a reference in a variable to be judged where the variable is used', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        variables:
          UNUSED: { default: "\${steps.login.token}" }
      `
    })
    expect(config.smoke).toStrictEqual([])
  })

  it('are the only place a captured value can be used', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        environment: "prod-\${steps.login.token}"
        deploy:
          - { name: a, run: "echo \${steps.login.token}" }
        services:
          api: { http: { url: "https://x.example.com/\${steps.login.token}" } }
        report: { path: "\${steps.login.token}.json" }
      `)
    ).toStrictEqual([
      'env.yml:2:14: environment: ${steps.…} can only be used in smoke steps, not in environment',
      'env.yml:4:21: deploy[0].run: ${steps.…} can only be used in smoke steps, not in deploy',
      'env.yml:6:23: services.api.http.url: ${steps.…} can only be used in smoke steps, not in services',
      'env.yml:7:17: report.path: ${steps.…} can only be used in smoke steps, not in report'
    ])
  })

  it('have exactly one of http and run, and captures that say where to read', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        smoke:
          - name: both
            run: ./a.sh
            http: { url: https://x.example.com, capture: { token: $.token } }
          - name: neither
          - name: capture
            http: { url: https://x.example.com, capture: { token: token, id: "header:x id", ok: "header:X-Id" } }
          - name: http with run keys
            http: { url: https://x.example.com }
            shell: sh
            env: { A: b }
            working_directory: ops
            expect: { exit_code: 0 }
          - name: after
            run: echo \${STEPS_BOTH_TOKEN}
      `)
    ).toStrictEqual([
      'env.yml:3:5: smoke[0] has both http and run: give it exactly one of them',
      'env.yml:6:5: smoke[1] has neither http nor run: give it exactly one of them',
      "env.yml:8:59: smoke[2].http.capture.token must be a JSONPath such as $.token, or header:<name>, not 'token'",
      "env.yml:8:70: smoke[2].http.capture.id must be a JSONPath such as $.token, or header:<name>, not 'header:x id'",
      'env.yml:11:5: smoke[3].shell is for run steps: remove it here',
      'env.yml:12:5: smoke[3].env is for run steps: remove it here',
      'env.yml:13:5: smoke[3].working_directory is for run steps: remove it here',
      "env.yml:14:5: smoke[3].expect is for run steps: an http step's expect goes under http"
    ])
  })
})

describe('a capture written in full', () => {
  it('reads from: and secret:, and says where a from: is not a JSONPath or header', async () => {
    const config = await load({
      'env.yml': yaml`
      version: 1
      smoke:
        - name: login
          http:
            url: https://x.example.com
            capture: { id: { from: $.id, secret: true }, api-key: { from: $.key, secret: false } }
      `
    })
    const [step] = config.smoke
    expect(step?.check.kind === 'http' && step.check.capture).toStrictEqual({
      id: { from: '$.id', secret: true },
      'api-key': { from: '$.key', secret: false }
    })
    expect(
      await problemsOf(yaml`
        version: 1
        smoke:
          - name: login
            http: { url: https://x.example.com, capture: { id: { from: id } } }
      `)
    ).toStrictEqual([
      "env.yml:4:64: smoke[0].http.capture.id.from must be a JSONPath such as $.token, or header:<name>, not 'id'"
    ])
  })
})

describe('a capture is a secret', () => {
  it('when its name, or the field or header it is read from, names a credential', async () => {
    const config = await load({
      'env.yml': yaml`
      version: 1
      smoke:
        - name: login
          http:
            url: https://x.example.com
            capture: { token: $.value, next: $.session, user: header:x-user }
      `
    })
    const [step] = config.smoke
    expect(step?.check.kind === 'http' && step.check.capture).toStrictEqual({
      token: { from: '$.value', secret: true },
      next: { from: '$.session', secret: true },
      user: { from: 'header:x-user', secret: false }
    })
  })
})

describe('the captured values a script uses', () => {
  it('are required unless the script gives a :- default', () => {
    expect(
      capturedVariablesIn('curl -H "${STEPS_LOGIN_TOKEN}" "${STEPS_LOGIN_NEXT:-}" ${STEPS_A_B:-none}')
    ).toStrictEqual([
      { variable: 'STEPS_LOGIN_TOKEN', required: true },
      { variable: 'STEPS_LOGIN_NEXT', required: false },
      { variable: 'STEPS_A_B', required: false }
    ])
  })
})
