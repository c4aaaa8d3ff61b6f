// ${NAME} in string values: declared variables, GitHub defaults, inline defaults, escapes, and the
// secrets that must never be shown.
import type { HttpProbeSpec, TcpProbeSpec } from '../../src/config/model.js'
import { cleanup, failure, load, problems, yaml } from './helpers.js'

afterAll(cleanup)

/** The URL the single http service of `file` resolves to. */
async function urlOf(file: string, env: Record<string, string> = {}): Promise<string> {
  const config = await load({ 'env.yml': file }, { env })
  return (config.services[0]?.probe as HttpProbeSpec).url
}

describe('values', () => {
  const file = yaml`
    version: 1
    variables:
      HOST: { default: default.example.com }
      PATH_PART: {}
    services:
      api:
        http: { url: 'https://\${HOST}/\${PATH_PART:-health}' }
  `

  it('come from the environment first', async () => {
    expect(await urlOf(file, { HOST: 'env.example.com', PATH_PART: 'ready' })).toBe(
      'https://env.example.com/ready'
    )
  })

  it('fall back to the declared default, then to the inline default', async () => {
    expect(await urlOf(file)).toBe('https://default.example.com/health')
  })

  it('count an empty environment value as unset', async () => {
    expect(await urlOf(file, { HOST: '', PATH_PART: '' })).toBe('https://default.example.com/health')
  })

  it('are empty for an optional variable with no default', async () => {
    const config = await load(
      {
        'env.yml': yaml`
          version: 1
          variables: { SUFFIX: }
          services:
            api: { tcp: { host: 'cache\${SUFFIX}', port: 6379 } }
        `
      },
      { env: {} }
    )
    expect((config.services[0]?.probe as TcpProbeSpec).host).toBe('cache')
  })

  it('include GitHub default variables without a declaration, empty where unset', async () => {
    const file = yaml`
      version: 1
      services:
        api: { http: { url: 'https://ci.example.com/\${GITHUB_SHA}/\${RUNNER_OS}/\${CI}' } }
    `
    expect(await urlOf(file, { GITHUB_SHA: 'abc123', CI: 'true' })).toBe(
      'https://ci.example.com/abc123//true'
    )
  })

  it('leave $${...} as a literal ${...} and ${steps.<id>.<name>} as written', async () => {
    const config = await load(
      {
        'env.yml': yaml`
          version: 1
          smoke:
            - name: login
              http: { url: 'https://x.example.com/login', capture: { token: $.token } }
            - name: use
              http: { url: 'https://x.example.com/$\${HOME}/\${steps.login.token}' }
        `
      },
      { env: { HOME: '/root' } }
    )
    const use = config.smoke[1]?.check
    expect(use?.kind === 'http' && use.url).toBe('https://x.example.com/${HOME}/${steps.login.token}')
  })

  it('are not interpolated under variables:', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        variables:
          TEMPLATE: { default: '\${NOT_DECLARED}', description: 'uses \${NOT_DECLARED}' }
      `
    })
    expect(config.variables[0]).toMatchObject({
      default: '${NOT_DECLARED}',
      description: 'uses ${NOT_DECLARED}'
    })
  })

  it('are interpolated under a key named variables anywhere but at the top', async () => {
    const config = await load(
      {
        'env.yml': yaml`
          version: 1
          variables: { TOKEN: {} }
          services:
            api: { http: { url: 'https://api.example.com/', headers: { variables: '\${TOKEN}' } } }
        `
      },
      { env: { TOKEN: 'tok-123' } }
    )
    expect((config.services[0]?.probe as HttpProbeSpec).headers).toStrictEqual({ variables: 'tok-123' })
  })

  it('fill number and boolean fields, which accept the text of a number or of true/false', async () => {
    const config = await load(
      {
        'env.yml': yaml`
          version: 1
          variables: { PORT: {}, ATTEMPTS: {}, CRITICAL: {}, JITTER: {} }
          defaults: { retry: { attempts: '\${ATTEMPTS}', jitter: '\${JITTER}' } }
          services:
            cache:
              critical: \${CRITICAL}
              tcp:
                host: localhost
                port: \${PORT}
        `
      },
      { env: { PORT: '6380', ATTEMPTS: '7', CRITICAL: 'true', JITTER: '0.5' } }
    )
    const [cache] = config.services
    expect(cache?.probe).toMatchObject({ port: 6380 })
    expect(cache?.critical).toBe(true)
    expect(config.defaults.retry).toMatchObject({ attempts: 7, jitter: 0.5 })
  })
})

describe('problems', () => {
  it('a number field whose variable is not a number', async () => {
    expect(
      await problems(
        {
          'env.yml': yaml`
            version: 1
            variables: { PORT: {} }
            services:
              cache: { tcp: { host: localhost, port: '\${PORT}' } }
          `
        },
        { env: { PORT: 'six' } }
      )
    ).toStrictEqual(["env.yml:4:42: services.cache.tcp.port must be a whole number, not 'six'"])
  })

  it('an undeclared variable, with the nearest declared name when there is one', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          variables: { API_URL: {} }
          services:
            api:
              http:
                url: \${API_ULR}/health
                headers: { Authorization: 'Bearer \${TOKEN}' }
        `
      })
    ).toStrictEqual([
      "env.yml:6:12: services.api.http.url uses ${API_ULR}, which is not declared: did you mean 'API_URL'?",
      'env.yml:7:33: services.api.http.headers.Authorization uses ${TOKEN}, which is not declared: declare it under variables: (for example TOKEN: { required: true })'
    ])
  })

  it('the target release variables outside the scripts of rollback steps, which alone get them', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          deploy:
            - { name: ship, run: 'echo \${DEPLOY_VERIFY_ROLLBACK_SHA}' }
          rollback:
            steps:
              - { name: 'back to \${DEPLOY_VERIFY_ROLLBACK_REF}', run: 'git checkout \${DEPLOY_VERIFY_ROLLBACK_SHA}' }
        `
      })
    ).toStrictEqual([
      'env.yml:3:24: deploy[0].run uses ${DEPLOY_VERIFY_ROLLBACK_SHA}, which is not declared: declare it under variables: (for example DEPLOY_VERIFY_ROLLBACK_SHA: { required: true })',
      'env.yml:6:15: rollback.steps[0].name uses ${DEPLOY_VERIFY_ROLLBACK_REF}, which is not declared: declare it under variables: (for example DEPLOY_VERIFY_ROLLBACK_REF: { required: true })'
    ])
  })

  it('in a smoke step, an undeclared variable in its script and a captured value outside it', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          smoke:
            - name: login
              http: { url: 'https://x.example.com/login', capture: { token: $.token } }
            - name: 'use \${STEPS_LOGIN_TOKEN}'
              run: 'curl -H "Authorization: \${STEPS_LOGIN_TOKEN}" https://x.example.com/\${UNDECLARED}'
        `
      })
    ).toStrictEqual([
      // Not "declare it": a variable named STEPS_ is refused.
      'env.yml:5:11: smoke[1].name uses ${STEPS_LOGIN_TOKEN}, but captured values reach only the commands (run:) of smoke steps',
      'env.yml:6:10: smoke[1].run uses ${UNDECLARED}, which is not declared: declare it under variables: (for example UNDECLARED: { required: true })'
    ])
  })

  it('a required variable that is unset, at its declaration', async () => {
    expect(
      await problems(
        {
          'env.yml': yaml`
            version: 1
            variables:
              API_URL: { required: true }
              DATABASE_URL: { required: true, secret: true }
          `
        },
        { env: { API_URL: 'https://api.example.com', DATABASE_URL: '' } }
      )
    ).toStrictEqual(["env.yml:4:3: variable DATABASE_URL is required but not set: add it to the step's env:"])
  })

  it('a required variable with a default', async () => {
    expect(
      await problems(
        { 'env.yml': 'version: 1\nvariables:\n  REGION: { required: true, default: eu }\n' },
        { env: { REGION: 'us' } }
      )
    ).toStrictEqual([
      'env.yml:3:29: variable REGION is required, so its default would never be used: remove one of the two'
    ])
  })

  it('references that are not variable references', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          services:
            api:
              http:
                url: 'https://\${ host }/x'
                headers: { A: '\${{ secrets.TOKEN }}', B: 'Bearer \${TOKEN' }
        `
      })
    ).toStrictEqual([
      "env.yml:5:12: services.api.http.url has '${ host }', which is not a variable reference: write ${NAME} or ${NAME:-default}, or $${ for a literal ${",
      'env.yml:6:21: services.api.http.headers.A uses a ${{ }} expression, which only workflow files evaluate: pass the value in env: and write ${NAME}',
      "env.yml:6:48: services.api.http.headers.B has '${TOKEN' without a closing }: write ${NAME}, or $${ for a literal ${"
    ])
  })
})

describe('secrets', () => {
  const file = yaml`
    version: 1
    variables:
      DATABASE_URL: { secret: true }
      TOKEN: { secret: true }
      UNSET: { secret: true }
      PLAIN: {}
      PASSWORD: {}
    services:
      database: { postgres: { url: '\${DATABASE_URL}' } }
      api:
        http:
          url: 'https://smoke:\${PASSWORD}@api.example.com/health'
          headers: { Authorization: 'Bearer \${TOKEN}', X-Plain: '\${PLAIN}' }
  `
  const env = {
    DATABASE_URL: 'postgres://app:db%2Fpass@db:5432/app',
    TOKEN: 'tok-123',
    PASSWORD: 'hunter2',
    PLAIN: 'visible'
  }

  it('are the values of secret variables, the passwords of URLs as written and decoded, and the Basic auth they make', async () => {
    const config = await load({ 'env.yml': file }, { env })
    const basic = (credentials: string) => Buffer.from(credentials).toString('base64')
    expect([...config.secrets].sort()).toStrictEqual(
      [
        env.DATABASE_URL,
        env.TOKEN,
        'db%2Fpass',
        'db/pass',
        basic('app:db/pass'),
        'hunter2',
        basic('smoke:hunter2')
      ].sort()
    )
  })

  it('are given with a ConfigError found on normalizing, and nothing else with them', async () => {
    const error = await failure(
      {
        'env.yml': yaml`
          version: 1
          variables: { TOKEN: { secret: true } }
          services:
            api: { http: { url: 'https://api.example.com/', headers: { Authorization: 'Bearer \${TOKEN}' } } }
          rollback: { mode: auto }
        `
      },
      { env: { TOKEN: 'tok-123' } }
    )
    expect(error.problems.map(problem => problem.message)).toStrictEqual([
      'rollback.mode is auto but rollback.steps is empty: add the steps that restore the last good release'
    ])
    expect(error.secrets).toStrictEqual(['tok-123'])
  })

  it('are given with a ConfigError, and no problem message quotes them', async () => {
    const expectations =
      "      expect: { json: { $.token: { lt: '${TOKEN}' } }, body: { gte: '${DATABASE_URL}' } }\n"
    const error = await failure({ 'env.yml': file + expectations }, { env })
    expect(error.secrets).toEqual(expect.arrayContaining([env.TOKEN, env.DATABASE_URL, 'hunter2']))
    expect(error.problems.map(problem => problem.message)).toStrictEqual([
      'services.api.http.expect.json["$.token"].lt must be a number, not \'***\'',
      "services.api.http.expect.body.gte must be a number, not '***'"
    ])
    for (const secret of error.secrets) expect(error.message).not.toContain(secret)
  })
})

describe('URL passwords in long values', () => {
  it('are looked for in time that grows with the value: a 100 KB value is read within 5 s', async () => {
    const started = Date.now()
    const long = `${'a'.repeat(50_000)}://${'b'.repeat(50_000)}`
    const config = await load(
      {
        'env.yml': yaml`
          version: 1
          services:
            api: { http: { url: 'https://u:pw@api.example.com/', headers: { X-Long: '${long}' } } }
        `
      },
      { env: {} }
    )
    expect(Date.now() - started).toBeLessThan(5000)
    expect(config.secrets).toContain('pw')
  })
})
