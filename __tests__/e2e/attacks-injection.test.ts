// Hostile values through the bundled action, run as the runner runs it. Whatever a variable, a
// branch name, an extended file or a server's answer holds, it reaches a script or a query as data
// only; and the runner's own tokens reach neither a command nor any output.
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { runAction } from '../../tools/run-action.mjs'
import { GitHubEmulator } from '../support/github-emulator.js'
import { startHttp } from '../support/loopback.js'
import { ADMIN_URL } from '../support/postgres.js'
import { ResultsService } from '../support/results-service.js'

/** Every way a value could turn into script: substitution, backticks, both quotes, a new line. */
const HOSTILE = `feat$(touch pwned)\`touch pwned\`'; touch pwned; '"; touch pwned; "\ntouch pwned\n$(touch\${IFS}pwned)`

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'dv-e2e-injection-'))
  for (const [name, text] of Object.entries(files)) await writeFile(join(workspace, name), text)
  return workspace
}

async function reportOf(outputs: Record<string, string>) {
  return JSON.parse(await readFile(outputs['report-path'] ?? '', 'utf8')) as {
    checks: Array<{ id: string; status: string; message: string }>
  }
}

describe('a hostile value', () => {
  let server: Awaited<ReturnType<typeof startHttp>>
  beforeAll(async () => {
    server = await startHttp((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: HOSTILE }))
    })
  })
  afterAll(() => server.close())

  /** printf of each source's value into `<place>-<source>.txt`: the script only ever reads variables. */
  const writes = (place: string) =>
    ['FROM_ENV', 'GITHUB_HEAD_REF', 'LAYERED']
      .map(name => `printf '%s' "\${${name}}" > ${place}-${name}.txt`)
      .join('\n')

  test('from a variable, GITHUB_HEAD_REF, an extended file or a server answer reaches deploy, probe and smoke scripts as data', async () => {
    const workspace = await workspaceWith({
      'base.yml': `version: 1\nvariables:\n  LAYERED: { default: ${JSON.stringify(HOSTILE)} }\n`,
      'env.yml': `version: 1
extends: ./base.yml
variables:
  FROM_ENV: { required: true }
  SERVER: { required: true }
defaults: { retry: { attempts: 1 } }
deploy:
  - name: Deploy
    run: |
${indent(writes('deploy'), 6)}
services:
  probe:
    command:
      run: |
${indent(writes('probe'), 8)}
smoke:
  - name: Sign in
    id: login
    http: { url: '\${SERVER}/login', capture: { token: $.token } }
  - name: Use the token
    env: { TOKEN: '\${steps.login.token}' }
    run: |
${indent(writes('smoke'), 6)}
      printf '%s' "\${STEPS_LOGIN_TOKEN}" > smoke-captured.txt
      printf '%s' "$TOKEN" > smoke-captured-env.txt
`
    })
    const { exitCode, outputs } = await runAction({
      cwd: workspace,
      inputs: { config: 'env.yml' },
      env: { FROM_ENV: HOSTILE, GITHUB_HEAD_REF: HOSTILE, SERVER: server.url }
    })
    const report = await reportOf(outputs)

    expect(report.checks.map(check => `${check.id} ${check.status}`)).toEqual([
      'deploy.deploy passed',
      'services.probe passed',
      'smoke.login passed',
      'smoke.use-the-token passed'
    ])
    expect(exitCode).toBe(0)
    expect(existsSync(join(workspace, 'pwned'))).toBe(false)
    const files = [
      ...['deploy', 'probe', 'smoke'].flatMap(place =>
        ['FROM_ENV', 'GITHUB_HEAD_REF', 'LAYERED'].map(name => `${place}-${name}.txt`)
      ),
      'smoke-captured.txt',
      'smoke-captured-env.txt'
    ]
    for (const file of files)
      expect([file, await readFile(join(workspace, file), 'utf8')]).toEqual([file, HOSTILE])
  })

  test('in a query is a bind parameter: SQL inside it is compared as text and creates no table', async () => {
    const table = `dv_pwned_${process.pid}`
    const tenant = `'); create table ${table}(x int); --`
    const workspace = await workspaceWith({
      'env.yml': `version: 1
variables:
  TENANT: { required: true }
  DATABASE_URL: { required: true }
defaults: { retry: { attempts: 1 } }
services:
  database:
    postgres:
      url: \${DATABASE_URL}
      query:
        sql: select $1::text as tenant
        params: ['\${TENANT}']
        expect: { '$[0].tenant': '\${TENANT}' }
`
    })
    const { exitCode, outputs } = await runAction({
      cwd: workspace,
      inputs: { config: 'env.yml' },
      env: { TENANT: tenant, DATABASE_URL: ADMIN_URL }
    })

    expect((await reportOf(outputs)).checks.map(check => `${check.id} ${check.status}`)).toEqual([
      'services.database passed'
    ])
    expect(exitCode).toBe(0)
    const client = new pg.Client({ connectionString: ADMIN_URL })
    await client.connect()
    try {
      expect((await client.query('SELECT to_regclass($1) AS t', [table])).rows[0].t).toBeNull()
    } finally {
      await client.end()
    }
  })

  test('cannot be written into sql or pasted into run: both are config errors at their line, showing the safe form', async () => {
    const workspace = await workspaceWith({
      'env.yml': `version: 1
variables: { TENANT: { default: acme } }
services:
  database:
    postgres:
      url: postgres://postgres@127.0.0.1:5432/test
      query: { sql: "select 1 where '\${TENANT}' = 'acme'" }
smoke:
  - name: Sign in
    id: login
    http: { url: 'http://127.0.0.1:9/login', capture: { token: $.token } }
  - name: Use it
    run: touch ran && echo "\${steps.login.token}"
`
    })
    const { exitCode, outputs, log } = await runAction({ cwd: workspace, inputs: { config: 'env.yml' } })

    expect(exitCode).toBe(1)
    expect(outputs.status).toBe('error')
    expect(log).toContain(
      `::error file=env.yml,line=7,col=21::services.database.postgres.query.sql has '\${TENANT}': a value never becomes SQL text; write $1 in the SQL and give the value as params: ["\${TENANT}"]`
    )
    expect(log).toContain(
      `::error file=env.yml,line=13,col=10::smoke[1].run has '\${steps.login.token}': a captured value never becomes script text; write \${STEPS_LOGIN_TOKEN}`
    )
    expect(existsSync(join(workspace, 'ran'))).toBe(false)
  })
})

describe("the runner's tokens", () => {
  const GITHUB_TOKEN = 'ghs_injectionTestTokenNeverShown'
  const OIDC_TOKEN = 'oidc-request-token-never-shown'
  const OIDC_URL = 'http://127.0.0.1:9/oidc?secret=oidc-url-never-shown'
  let github: GitHubEmulator
  let results: ResultsService
  beforeAll(async () => {
    ;[github, results] = await Promise.all([GitHubEmulator.start(), ResultsService.start()])
  })
  afterAll(() => Promise.all([github.close(), results.close()]))

  test('reach no command, and appear in no report, summary, log, output or publication', async () => {
    const workspace = await workspaceWith({
      'env.yml': `version: 1
variables: { REGION: { default: eu-west-1 } }
deploy:
  - name: Show the environment
    run: env | sort > child-env.txt; env
`
    })
    const runner = results.runnerEnv()
    const { exitCode, outputs, log, summary } = await runAction({
      cwd: workspace,
      inputs: { config: 'env.yml', 'github-token': GITHUB_TOKEN },
      env: {
        ...runner,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_TOKEN,
        ACTIONS_ID_TOKEN_REQUEST_URL: OIDC_URL,
        GITHUB_API_URL: github.url
      }
    })
    const secrets = [GITHUB_TOKEN, runner.ACTIONS_RUNTIME_TOKEN ?? '', OIDC_TOKEN, OIDC_URL]

    expect(exitCode).toBe(0)
    const child = await readFile(join(workspace, 'child-env.txt'), 'utf8')
    const names = child.split('\n').flatMap(line => /^[A-Za-z_][^=]*(?==)/.exec(line)?.[0] ?? [])
    expect(
      names.filter(name => /^(ACTIONS_|INPUT_)|^GITHUB_(TOKEN|OUTPUT|STEP_SUMMARY|STATE)$/.test(name))
    ).toEqual([])
    // What the command is meant to get: GitHub's variables, and the declared ones with their defaults.
    expect(names).toEqual(expect.arrayContaining(['GITHUB_REPOSITORY', 'REGION']))
    for (const secret of secrets) expect(child).not.toContain(secret)

    // The runner consumes `::add-mask::` commands; everything it shows or keeps must be clean.
    const shown = log
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    const report = await readFile(outputs['report-path'] ?? '', 'utf8')
    const published = JSON.stringify([github.checkRuns, github.comments, github.deploymentStatuses])
    const uploaded = JSON.stringify(results.artifacts.map(artifact => results.files(artifact.name)))
    expect(results.artifacts.length).toBeGreaterThan(0)
    for (const secret of secrets) {
      for (const [where, text] of Object.entries({ shown, report, summary, published, uploaded })) {
        expect([where, text.includes(secret)]).toEqual([where, false])
      }
      expect(JSON.stringify(outputs)).not.toContain(secret)
    }
  })
})

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map(line => ' '.repeat(spaces) + line)
    .join('\n')
}
