// The Slack notification through the bundled action, against a loopback incoming-webhook receiver
// and the loopback GitHub API: who is told what, that a failed notification never changes the
// verdict, and that the webhook URL (the credential) appears in no output.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { runAction } from '../../tools/run-action.mjs'
import { GitHubEmulator } from '../support/github-emulator.js'
import { startHttp } from '../support/loopback.js'

const TOKEN = 'ghs_e2eNotifyTokenThatMustNeverBePrinted'
/** The part of the webhook URL that is the credential. */
const HOOK_SECRET = 'T0001/B0001/hookSecretNeverPrinted'
const RUN_URL = 'https://github.com/acme/shop/actions/runs/4242'

/** What the receiver does with the next request: answer with a status, or never answer. */
let answer: number | 'never' = 200
const received: Array<{ path: string; contentType?: string; body: { text?: string } }> = []
const hanging: ServerResponse[] = []

let api: Awaited<ReturnType<typeof startHttp>>
let hook: Awaited<ReturnType<typeof startHttp>>
let github: GitHubEmulator
let workspace: string
/** The service the runs check: healthy or not, as the test sets it. */
let healthy = false

beforeAll(async () => {
  api = await startHttp((_request, response) => {
    response.writeHead(healthy ? 200 : 503).end()
  })
  hook = await startHttp((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        contentType: request.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: string }
      })
      if (answer === 'never') hanging.push(response)
      else response.writeHead(answer).end(answer === 200 ? 'ok' : 'no_service')
    })
  })
  github = await GitHubEmulator.start()
  workspace = await mkdtemp(join(tmpdir(), 'dv-e2e-notify-'))
  // The webhook's variable is not declared secret: the URL is redacted anyway.
  await writeFile(
    join(workspace, 'production.yml'),
    `version: 1
environment: production
variables:
  API_URL: { required: true }
  SLACK_WEBHOOK_URL: { required: true }
defaults:
  retry: { attempts: 1 }
services:
  api:
    http: { url: '\${API_URL}/health' }
notify:
  slack: \${SLACK_WEBHOOK_URL}
  timeout: 1s
`
  )
})

afterAll(async () => {
  for (const response of hanging) response.destroy()
  await Promise.all([api.close(), hook.close(), github.close()])
})

beforeEach(() => {
  received.length = 0
  answer = 200
})

/** A push run on main that records its verdict as a deployment status, as a deploy workflow would. */
async function run(inputs: Record<string, string> = {}) {
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'production.yml', 'github-token': TOKEN, 'github-deployment-id': 'create', ...inputs },
    env: {
      API_URL: api.url,
      SLACK_WEBHOOK_URL: `${hook.url}/services/${HOOK_SECRET}`,
      GITHUB_API_URL: github.url
    }
  })
  const report = await readFile(result.outputs['report-path'] ?? '', 'utf8')
  // The runner consumes `::add-mask::` commands; everything it shows or keeps must be clean.
  const shown = result.log
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  for (const text of [
    shown,
    result.summary,
    JSON.stringify(result.outputs),
    report,
    JSON.stringify(github.requests)
  ])
    expect(text).not.toContain(HOOK_SECRET)
  return result
}

describe('a failed verdict', () => {
  test('posts one short message with the summary and the run link to the webhook', async () => {
    healthy = false
    const { exitCode, outputs, log } = await run()
    expect(exitCode).toBe(1)
    expect(received).toEqual([
      {
        path: `/services/${HOOK_SECRET}`,
        contentType: 'application/json',
        body: {
          text: `❌ *production*: the deployment failed validation (${outputs.summary}). <${RUN_URL}|Open the run>`
        }
      }
    ])
    expect(log).toContain('Slack notified: failed.')
  }, 60_000)

  test('that the webhook refuses is a warning; the verdict, outputs and exit status are unchanged', async () => {
    healthy = false
    answer = 404
    const { exitCode, outputs, log } = await run()
    expect(received).toHaveLength(1)
    expect(exitCode).toBe(1)
    expect(outputs.status).toBe('failed')
    expect(log).toContain(
      '::warning::Could not send the Slack notification (failed): the webhook answered 404: the URL is no longer valid; create a new incoming webhook and update the secret. The verdict is unchanged.'
    )
  }, 60_000)
})

describe('a passing run', () => {
  test('after a failed deployment is a recovery, told once; the next passing run says nothing', async () => {
    healthy = true
    const recovered = await run()
    expect(recovered.exitCode).toBe(0)
    expect(received.map(r => r.body.text)).toEqual([
      `✅ *production*: recovered, the validation passes again (${recovered.outputs.summary}). <${RUN_URL}|Open the run>`
    ])
    const again = await run()
    expect(again.exitCode).toBe(0)
    expect(received).toHaveLength(1)
    expect(again.log).not.toContain('Slack notified')
  }, 60_000)

  test('whose notification gets no answer in notify.timeout passes all the same, with a warning', async () => {
    // The last deployment passed: fail one, so that the passing run after it owes a message.
    healthy = false
    await run()
    received.length = 0
    healthy = true
    answer = 'never'
    const { exitCode, outputs, log } = await run()
    expect(received).toHaveLength(1)
    expect(exitCode).toBe(0)
    expect(outputs.status).toBe('passed')
    expect(log).toContain(
      '::warning::Could not send the Slack notification (recovered): no answer within 1 s. The verdict is unchanged.'
    )
  }, 60_000)
})

describe('the webhook URL', () => {
  test('is masked for the runner, and the recorded configuration of a baseline holds it masked', async () => {
    healthy = true
    const { exitCode, log, outputs } = await run({ mode: 'baseline', 'github-deployment-id': '' })
    expect(exitCode).toBe(0)
    expect(log).toContain(`::add-mask::${hook.url}/services/${HOOK_SECRET}`)
    const baseline = await readFile(outputs['baseline-path'] ?? '', 'utf8')
    expect(baseline).not.toContain(HOOK_SECRET)
    expect(baseline).toContain('"slack": "***"')
  }, 60_000)
})
