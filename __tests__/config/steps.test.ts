// The deploy: and smoke: sections: steps in order, stable ids, and references between smoke steps.
import { cleanup, load, problems, workspace, yaml } from './helpers.js'
import { loadEnvironment } from '../../src/config/load.js'

afterAll(cleanup)

const problemsOf = (text: string, env: Record<string, string> = {}) => problems({ 'env.yml': text }, { env })

describe('deploy steps', () => {
  it('are read in order with their defaults, a slugged id and an absolute working directory', async () => {
    const directory = await workspace({
      'env.yml': yaml`
        version: 1
        variables:
          RELEASE: { required: true }
        deploy:
          - name: Apply release (v2)
            run: ./deploy.sh \${RELEASE}
          - name: Migrate
            id: db
            run: ./migrate.sh
            shell: sh
            env: { LEVEL: 3 }
            working_directory: ops
            timeout: 2m
            retries: 2
            retry_delay: 500ms
      `
    })
    const config = await loadEnvironment({
      configPath: 'env.yml',
      workingDirectory: directory,
      env: { RELEASE: '42' }
    })
    expect(config.deploy).toEqual([
      {
        id: 'apply-release-v2',
        name: 'Apply release (v2)',
        run: './deploy.sh 42',
        env: {},
        workingDirectory: directory,
        timeoutMs: 900_000,
        retries: 0,
        retryDelayMs: 10_000,
        source: { file: 'env.yml', line: 5, column: 5 }
      },
      {
        id: 'db',
        name: 'Migrate',
        run: './migrate.sh',
        shell: 'sh',
        env: { LEVEL: '3' },
        workingDirectory: `${directory}/ops`,
        timeoutMs: 120_000,
        retries: 2,
        retryDelayMs: 500,
        source: { file: 'env.yml', line: 7, column: 5 }
      }
    ])
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
      `)
    ).toStrictEqual([
      "env.yml:5:11: deploy[1]: id 'apply' is used by an earlier step; give this step its own id",
      "env.yml:7:5: deploy[2] is missing 'name': add it"
    ])
  })
})

describe('smoke steps', () => {
  const chain = yaml`
    version: 1
    variables:
      PASSWORD: { required: true, secret: true }
    smoke:
      - name: Sign in
        id: login
        http:
          method: post
          url: https://api.example.com/login
          json: { password: "\${PASSWORD}" }
          capture: { token: $.token, request: "header:X-Request-Id" }
      - name: Upload
        http:
          url: https://api.example.com/upload
          headers: { authorization: "Bearer \${steps.login.token}" }
          expect: { status: 201 }
        retries: 1
      - name: Clean up
        run: ./cleanup.sh
        expect: { stdout: { contains: done } }
        always: true
        critical: true
  `

  it('are read in order: http steps with their captures, run steps, references left for run time', async () => {
    const config = await load({ 'env.yml': chain }, { env: { PASSWORD: 'pw-123' } })
    expect(config.smoke.map(step => [step.id, step.check.kind, step.always, step.critical])).toEqual([
      ['login', 'http', false, false],
      ['upload', 'http', false, false],
      ['clean-up', 'command', true, true]
    ])
    const [login, upload, cleanupStep] = config.smoke
    expect(login?.check).toMatchObject({
      method: 'POST',
      json: { password: 'pw-123' },
      capture: { token: '$.token', request: 'header:x-request-id' }
    })
    expect(upload).toMatchObject({ timeoutMs: 10_000, retries: 1, retryDelayMs: 1_000 })
    expect(upload?.check).toMatchObject({
      headers: { authorization: 'Bearer ${steps.login.token}' },
      expect: { status: [201] }
    })
    expect(cleanupStep?.check).toMatchObject({
      run: './cleanup.sh',
      expect: { exitCode: 0, stdout: { contains: 'done' } }
    })
    expect(config.secrets).toContain('pw-123')
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
      `)
    ).toStrictEqual([
      "env.yml:4:18: smoke[0].http.url: ${steps.login.token} names no earlier smoke step with id 'login'",
      "env.yml:8:18: smoke[2].http.url: ${steps.login.tokn}: step login captures no 'tokn'; it captures token"
    ])
  })

  it('are the only place a captured value can be used', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        deploy:
          - { name: a, run: "echo \${steps.login.token}" }
        services:
          api: { http: { url: "https://x.example.com/\${steps.login.token}" } }
      `)
    ).toStrictEqual([
      'env.yml:3:21: deploy[0].run: ${steps.…} can only be used in smoke steps, not in deploy steps',
      'env.yml:5:23: services.api.http.url: ${steps.…} can only be used in smoke steps, not in services'
    ])
  })

  it('have exactly one of http and run, and captures that say where to read', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        smoke:
          - name: both
            run: ./a.sh
            http: { url: https://x.example.com }
          - name: neither
          - name: capture
            http: { url: https://x.example.com, capture: { token: token } }
      `)
    ).toStrictEqual([
      'env.yml:3:5: smoke[0] has both http and run: give it exactly one of them',
      'env.yml:6:5: smoke[1] has neither http nor run: give it exactly one of them',
      "env.yml:8:59: smoke[2].http.capture.token must be a JSONPath such as $.token, or header:<name>, not 'token'"
    ])
  })
})
