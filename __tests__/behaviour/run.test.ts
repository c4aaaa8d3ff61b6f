// Whole runs through the engine on src/ (not the bundle), with commands only and a clock whose
// sleeps return at once: the behaviours a reader of the report relies on, each seen from outside.
import { existsSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ValidationRun } from '../../src/engine.js'
import type { Logger } from '../../src/log.js'
import type { Clock } from '../../src/phases/context.js'
import { fromInputs } from '../support/run-request.js'

const instantClock: Clock = { now: () => 0, sleep: async () => undefined, random: () => 0.5 }
const SECRET = 'tok-Never-Logged-7'

/** Every line the run logs, by the logger method that received it. */
function recordingLogger() {
  const lines: Array<{ kind: string; text: string }> = []
  const log = (kind: string) => (text: string) => void lines.push({ kind, text })
  const logger: Logger = {
    info: log('info'),
    warning: log('warning'),
    error: log('error'),
    debug: log('debug'),
    group: (name, fn) => (log('group')(name), fn()),
    mask: () => undefined
  }
  return { logger, lines }
}

async function run(files: Record<string, string>, inputs: Record<string, string> = {}) {
  const workspace = await mkdtemp(join(tmpdir(), 'dv-behaviour-'))
  for (const [name, text] of Object.entries(files)) await writeFile(join(workspace, name), text)
  const { logger, lines } = recordingLogger()
  const env = { API_TOKEN: SECRET }
  const validation = new ValidationRun({
    ...fromInputs({ config: 'env.yml', ...inputs }, env),
    env,
    workspace,
    logger,
    clock: instantClock
  })
  const report = await validation.execute()
  return { report, lines, workspace, validation }
}

const check = (report: { checks: Array<{ id: string }> }, id: string) =>
  report.checks.find(each => each.id === id)

test('a failed deploy step stops the steps after it: they are skipped and never run', async () => {
  const { report, workspace } = await run({
    'env.yml': `version: 1
deploy:
  - { id: build, name: Build, run: 'touch built' }
  - { id: migrate, name: Migrate, run: 'exit 3' }
  - { id: release, name: Release, run: 'touch released' }
services:
  api:
    command: { run: 'true' }
`
  })
  expect(existsSync(join(workspace, 'built'))).toBe(true)
  expect(existsSync(join(workspace, 'released'))).toBe(false)
  expect(check(report, 'deploy.migrate')).toMatchObject({ status: 'failed' })
  expect(check(report, 'deploy.release')).toMatchObject({
    status: 'skipped',
    message: expect.stringContaining('deploy step Migrate failed')
  })
  expect(report.deploy?.failed_step).toBe('migrate')
  expect(report.status).toBe('failed')
})

test("a secret a deploy step prints is redacted in the log's info lines", async () => {
  const { report, lines } = await run({
    'env.yml': `version: 1
variables:
  API_TOKEN: { required: true, secret: true }
deploy:
  - { id: announce, name: Announce, run: 'echo "using token $API_TOKEN"' }
services:
  api:
    command: { run: 'true' }
`
  })
  expect(report.status).toBe('passed')
  const info = lines.filter(line => line.kind === 'info').map(line => line.text)
  expect(info.some(text => text.startsWith('using token ') && !text.includes(SECRET))).toBe(true)
  expect(lines.map(line => line.text).join('\n')).not.toContain(SECRET)
})

test('a check that could not be evaluated keeps a baseline from being recorded', async () => {
  const { report, validation, workspace } = await run(
    {
      'env.yml': `version: 1
services:
  api:
    command: { run: 'true' }
smoke:
  - name: Sign in
    id: login
    http: { url: 'http://127.0.0.1:1/login', capture: { token: $.token } }
  # Runs after the failure, but has nothing to read: it cannot be evaluated.
  - name: Use the token
    id: use
    always: true
    run: echo "\${STEPS_LOGIN_TOKEN}"
`
    },
    { mode: 'baseline', baseline: 'recorded.json' }
  )
  expect(check(report, 'smoke.use')).toMatchObject({ status: 'error' })
  expect(check(report, 'baseline.record')).toMatchObject({
    status: 'failed',
    message: expect.stringContaining('smoke.use')
  })
  expect(existsSync(join(workspace, 'recorded.json'))).toBe(false)
  expect(validation.baselinePath).toBeUndefined()
})
