// Secrets against hostile servers, through the bundled action run as the runner runs it: servers that
// echo a secret back JSON-escaped, in base64 or hex, a query string quoted back, a TCP echo, a
// message longer than any shortening, a PostgreSQL server quoting the password in base64 and hex, credentials in a URL, and a GitHub API whose errors quote a
// secret. Every output is then searched for every form of every canary: the log, the job summary,
// the step outputs, the JSON report, its JUnit and markdown formats, and what reached GitHub.
import { readFile, mkdtemp, writeFile } from 'node:fs/promises'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { GitHubEmulator } from '../support/github-emulator.js'
import { Servers, startHttp } from '../support/loopback.js'
import { CANARIES, findLeaks } from '../support/secret-forms.js'

const TOKEN = 'ghs_leakCanaryToken"With\\Quotes'
/** A URL password nobody declared a secret, percent-encoded as a URL holds it. */
const URL_PASSWORD = 'S3cr%C3%A9t%22pw'
const URL_PASSWORD_DECODED = 'S3crét"pw'
const BASIC = Buffer.from(`bot:${URL_PASSWORD_DECODED}`).toString('base64')
const SECRETS = [...Object.values(CANARIES), TOKEN, URL_PASSWORD, URL_PASSWORD_DECODED, BASIC]

const servers = new Servers()
let echo: Awaited<ReturnType<typeof startHttp>>
let github: GitHubEmulator
const authorizations: Array<string | undefined> = []

/**
 * A hostile PostgreSQL server: it asks for the password in clear text, then refuses it with an error
 * that quotes the password back in base64 and hex, as a server controlled by an attacker could.
 */
function fakePostgres(): import('node:net').Server {
  const message = (type: string, payload: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeInt32BE(payload.length + 4)
    return Buffer.concat([Buffer.from(type), length, payload])
  }
  return createNetServer(socket => {
    let received = Buffer.alloc(0)
    let greeted = false
    // Messages may arrive in pieces: each is handled once it is whole.
    socket.on('data', data => {
      received = Buffer.concat([received, data])
      if (!greeted) {
        // The startup message: its length, then the protocol and parameters.
        if (received.length < 4 || received.length < received.readInt32BE(0)) return
        received = received.subarray(received.readInt32BE(0))
        greeted = true
        // AuthenticationCleartextPassword
        socket.write(message('R', Buffer.from([0, 0, 0, 3])))
      }
      // PasswordMessage: 'p', its length, the password, NUL.
      if (received.length < 5 || received.length < 1 + received.readInt32BE(1)) return
      const password = received.subarray(5, 1 + received.readInt32BE(1) - 1)
      const fields = `SFATAL\0C28P01\0Mpassword ${password.toString('base64')} (${password.toString('hex')}) refused\0\0`
      socket.removeAllListeners('data')
      socket.end(message('E', Buffer.from(fields)))
    })
  })
}

/** The request's body, as text. */
async function body(request: import('node:http').IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

beforeAll(async () => {
  echo = await startHttp((request, response) => {
    void body(request).then(sent => {
      const url = new URL(request.url ?? '/', 'http://echo')
      const json = (value: unknown) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value))
      const text = (value: string) => response.writeHead(200, { 'content-type': 'text/plain' }).end(value)
      switch (url.pathname) {
        case '/json':
          return json({ got: (JSON.parse(sent) as { token: string }).token })
        case '/base64':
          return text(
            `std ${Buffer.from(sent).toString('base64')} url ${Buffer.from(sent).toString('base64url')}`
          )
        case '/hex':
          return text(Buffer.from(sent).toString('hex'))
        case '/query':
          return json({
            url: request.url,
            form: new URLSearchParams(url.searchParams).toString(),
            component: [...url.searchParams.values()].map(encodeURIComponent)
          })
        case '/long':
          return json({ v: `${'x'.repeat(189)}${request.headers['x-token'] ?? ''}` })
        case '/auth':
          authorizations.push(request.headers.authorization)
          return text(`you sent ${request.headers.authorization ?? 'nothing'}`)
        default:
          return text('unknown')
      }
    })
  })
  const tcpEcho = createNetServer(socket => {
    socket.on('data', data => socket.end(`${data.toString('base64')} ${data.toString('base64url')}\n`))
  })
  const tcpPort = await servers.listen(tcpEcho)
  const pgPort = await servers.listen(fakePostgres())
  github = await GitHubEmulator.start()
  const workspace = await mkdtemp(join(tmpdir(), 'dv-e2e-leaks-'))
  await writeFile(
    join(workspace, 'staging.yml'),
    `version: 1
environment: staging
variables:
  ECHO: { required: true }
  QUOTED: { secret: true }
  ENCODED: { secret: true }
  UNICODE: { secret: true }
  URL_PASSWORD: { required: true }
defaults:
  retry: { attempts: 1 }
services:
  json-echo:
    http:
      url: '\${ECHO}/json'
      method: POST
      json: { token: '\${QUOTED}' }
      expect: { json: { $.got: nope }, body: { contains: nope } }
  base64-echo:
    http: { url: '\${ECHO}/base64', method: POST, body: '\${ENCODED}', expect: { body: nope } }
  hex-echo:
    http: { url: '\${ECHO}/hex', method: POST, body: '\${UNICODE}', expect: { body: nope } }
  query:
    http: { url: '\${ECHO}/query?a=\${QUOTED}&b=\${UNICODE}', expect: { body: { contains: nope } } }
  long:
    http:
      url: '\${ECHO}/long'
      headers: { X-Token: '\${QUOTED}' }
      expect: { json: { $.v: nope } }
  basic-auth:
    http: { url: 'http://bot:\${URL_PASSWORD}@${echo.url.slice('http://'.length)}/auth', expect: { body: nope } }
  tcp-echo:
    tcp: { host: 127.0.0.1, port: ${tcpPort}, send: "AUTH \${UNICODE}\\n", expect: { response: { contains: nope } } }
  fake-postgres:
    postgres: { url: 'postgres://bot:\${URL_PASSWORD}@127.0.0.1:${pgPort}/app' }
report:
  formats: [junit, markdown, prometheus]
rollback:
  dispatch: rollback-staging
`
  )
  // GitHub's answers quote a secret back: the warnings that name them must not.
  github.fail('checks/create', {
    status: 422,
    body: { message: `Invalid name ${CANARIES.quoted} (${Buffer.from(CANARIES.unicode).toString('base64')})` }
  })
  github.fail('issues/list-comments', { status: 403, body: { message: `Bad credentials ${TOKEN}` } })
  result = await runAction({
    cwd: workspace,
    inputs: { config: 'staging.yml', 'github-token': TOKEN, 'github-deployment-id': 'create' },
    env: {
      ECHO: echo.url,
      QUOTED: CANARIES.quoted,
      ENCODED: CANARIES.encoded,
      UNICODE: CANARIES.unicode,
      URL_PASSWORD,
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_NAME: 'pull_request'
    },
    event: { pull_request: { number: 7, head: { sha: 'feedfacefeedfacefeedfacefeedfacefeedface' } } }
  })
  const reportPath = result.outputs['report-path'] ?? ''
  const [report, junit, markdown, prometheus] = await Promise.all(
    ['.json', '.xml', '.md', '.prom'].map(ext => readFile(reportPath.replace(/\.json$/, ext), 'utf8'))
  )
  files = { report: report ?? '', junit: junit ?? '', markdown: markdown ?? '', prometheus: prometheus ?? '' }
}, 60_000)

afterAll(async () => {
  await Promise.all([echo.close(), github.close(), servers.closeAll()])
})

let result: Awaited<ReturnType<typeof runAction>>
let files: Record<string, string>

/** The runner consumes `::add-mask::` commands: they are how a secret is given to it, never shown. */
function shownLog(): string {
  return result.log
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
}

test('every check met its hostile server and failed, so each secret was echoed into a message', () => {
  const report = JSON.parse(files.report ?? '{}') as { checks: Array<{ id: string; status: string }> }
  expect(report.checks.map(check => `${check.id} ${check.status}`)).toEqual([
    'services.json-echo failed',
    'services.base64-echo failed',
    'services.hex-echo failed',
    'services.query failed',
    'services.long failed',
    'services.basic-auth failed',
    'services.tcp-echo failed',
    'services.fake-postgres failed'
  ])
  expect(result.exitCode).toBe(1)
})

test.each([
  ['the log', () => shownLog()],
  ['the job summary', () => result.summary],
  ['the step outputs', () => JSON.stringify(result.outputs)],
  ['the JSON report', () => files.report ?? ''],
  ['the JUnit report', () => files.junit ?? ''],
  ['the markdown report', () => files.markdown ?? ''],
  ['the prometheus metrics', () => files.prometheus ?? ''],
  [
    'what reached GitHub (check run, comment, deployment statuses, dispatch)',
    () => JSON.stringify([github.checkRuns, github.comments, github.deploymentStatuses, github.dispatches])
  ]
])('%s holds no form of any secret', (_channel, text) => {
  expect(findLeaks(text(), SECRETS)).toEqual([])
})

test('messages still say what was seen, with the secrets masked', () => {
  const log = shownLog()
  expect(log).toContain('expected $.got to equal "nope", got "***"')
  expect(log).toMatch(/expected \$\.v to equal "nope", got "x{189}\*\*\*…/)
  expect(log).toContain('password *** (***) refused')
  const report = JSON.parse(files.report ?? '{}') as { checks: Array<{ id: string; target: string }> }
  expect(report.checks.find(check => check.id === 'services.basic-auth')?.target).toBe(
    `http://bot:***@${echo.url.slice('http://'.length)}/auth`
  )
})

test('credentials in a URL are sent as Basic auth, as curl sends them', () => {
  expect(authorizations).toEqual([`Basic ${BASIC}`])
})

test('GitHub errors that quote a secret are logged as warnings with the secret masked', () => {
  const log = shownLog()
  expect(log).toMatch(
    /::warning::Could not create the check run: GitHub answered 422 \(Invalid name \*\*\* \(\*\*\*\)/
  )
  expect(log).toMatch(/::warning::Could not .*comment.*: GitHub answered 403 \(Bad credentials \*\*\*\)/)
})
