// Rollback through the bundled action, as the runner runs it: a deploy replaces a healthy service
// (v1, a loopback server process) with a broken one (v2); the verdict fails; the rollback step
// restores v1 to the release the Deployments API knows as the last good one; the verification
// proves it; the job still fails, because the deploy was bad.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runAction } from '../../tools/run-action.mjs'
import { GitHubEmulator } from '../support/github-emulator.js'
import { unusedPort } from '../support/loopback.js'
import { reportSchemaErrors } from '../support/report-schema.js'

const SERVER = fileURLToPath(new URL('../support/release-server.mjs', import.meta.url))
const GOOD_SHA = 'feedc0de00000000000000000000000000000001'
let github: GitHubEmulator
let workspace: string

beforeAll(async () => {
  github = await GitHubEmulator.start()
  // The release before this deploy: deployed and marked successful.
  github.deployments.push({ id: 77, sha: GOOD_SHA, ref: 'refs/tags/v1', environment: 'production' })
  github.deploymentStatuses.push({ deployment_id: 77, state: 'success' })
  workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-rollback-'))
})

afterAll(async () => {
  await github.close()
  // The release left running by the last test.
  try {
    process.kill(Number(readFileSync(join(workspace, 'app.pid'), 'utf8')), 'SIGKILL')
  } catch {
    // Already gone.
  }
})

/** Stops the running release (by its pid file) and starts `version` in the background. */
const release = (version: string, indent: string) =>
  [
    'pid=$(cat app.pid)',
    'kill "$pid"',
    `node "\${SERVER}" "\${APP_PORT}" ${version} app.pid > ${version}.log 2>&1 &`
  ].join(`\n${indent}`)

const CONFIG = `version: 1
environment: production
variables:
  APP_PORT: { required: true }
  SERVER: { required: true }
defaults:
  timeout: 2s
  retry: { attempts: 2, initial_delay: 100ms, max_delay: 100ms }
  startup_budget: 5s
deploy:
  - name: Release v2
    run: |
      ${release('v2', '      ')}
services:
  app:
    http: { url: "http://127.0.0.1:\${APP_PORT}/health", expect: { json: { $.version: v1 } } }
rollback:
  mode: auto
  on: [services]
  steps:
    - name: Restore previous release
      run: |
        echo "restoring $DEPLOY_VERIFY_ROLLBACK_SHA ($DEPLOY_VERIFY_ROLLBACK_SOURCE)"
        ${release('v1', '        ')}
    - name: Restore database
      run: echo never
      when: [services.database]
  verify: [app]
  manual: Run ./restore-v1.sh on the host by hand.
`

async function deployAndVerify(port: number) {
  await writeFile(join(workspace, 'env.yml'), CONFIG)
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'env.yml', 'github-token': 'test-token', 'github-deployment-id': 'create' },
    env: { APP_PORT: String(port), SERVER, GITHUB_API_URL: github.url }
  })
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  expect(reportSchemaErrors(report)).toEqual([])
  return { ...result, report }
}

test('a broken deploy is rolled back to the last good release, verified healthy, and the job still fails', async () => {
  const port = await unusedPort()
  // v1 runs before the deploy, as it would in production.
  spawn(process.execPath, [SERVER, String(port), 'v1', join(workspace, 'app.pid')], {
    detached: true,
    stdio: 'ignore'
  }).unref()
  await untilHealthy(port)

  const { exitCode, outputs, report, summary, log } = await deployAndVerify(port)

  expect(report.errors).toEqual([])
  expect(report.status).toBe('failed')
  expect(report.services.app.status).toBe('failed')
  expect(outputs.status).toBe('failed')
  expect(outputs['rollback-state']).toBe('succeeded')
  expect(exitCode).toBe(1)
  expect(report.rollback).toMatchObject({
    state: 'succeeded',
    mode: 'auto',
    trigger: ['services.app'],
    target: {
      sha: GOOD_SHA,
      ref: 'refs/tags/v1',
      deployment: '77',
      source: expect.stringContaining('the Deployments API')
    },
    // The database step repairs services.database, which did not fail.
    steps: [{ id: 'restore-previous-release', status: 'passed', exit_code: 0 }],
    verification: { status: 'passed', services: { app: { status: 'passed' } } },
    manual: null
  })
  // The step got the target in its environment, never pasted into its script.
  expect(report.rollback.steps[0].output_tail.join('\n')).toContain(
    `restoring ${GOOD_SHA} (the Deployments API`
  )
  // v1 answers again.
  const answer = await fetch(`http://127.0.0.1:${port}/health`).then(response => response.json())
  expect(answer).toEqual({ status: 'ok', version: 'v1' })

  expect(summary).toContain(
    `↩️ **Rolled back** to ${GOOD_SHA.slice(0, 12)} refs/tags/v1 from the Deployments API`
  )
  expect(summary).toContain('Verification after the rollback: **passed** (`app` passed).')
  // Under the verdict, before the checks that need attention.
  expect(summary.indexOf('Rolled back')).toBeGreaterThan(summary.indexOf('## ❌ failed'))
  expect(summary.indexOf('Rolled back')).toBeLessThan(summary.indexOf('### Needs attention'))
  expect(log).not.toContain('The rollback failed')

  // The check run shows the rollback under the verdict, as the summary does.
  const checkRun = github.checkRuns.find(run => run.id === Number(outputs['check-run-id']))
  const shown = checkRun?.output.summary ?? ''
  expect(shown).toContain(
    `↩️ **Rolled back** to ${GOOD_SHA.slice(0, 12)} refs/tags/v1 from the Deployments API`
  )
  expect(shown).toContain('| Restore previous release | passed | 1 | 0 |')
  expect(shown.indexOf('Rolled back')).toBeGreaterThan(shown.indexOf('## ❌ failed'))
  expect(shown.indexOf('Rolled back')).toBeLessThan(shown.indexOf('### Needs attention'))

  // The Deployments page is the history: the bad deploy failed, the restored release succeeded after it.
  const [bad, restored] = github.deployments.slice(1)
  expect(bad).toMatchObject({ ref: '0123456789abcdef0123456789abcdef01234567', environment: 'production' })
  expect(restored).toMatchObject({ ref: GOOD_SHA, sha: GOOD_SHA, environment: 'production' })
  const states = (id: number | undefined) =>
    github.deploymentStatuses.filter(status => status.deployment_id === id).map(status => status.state)
  expect(states(bad?.id)).toEqual(['in_progress', 'failure'])
  expect(states(restored?.id)).toEqual(['success'])
  expect(github.deploymentStatuses.at(-1)).toMatchObject({
    deployment_id: restored?.id,
    state: 'success',
    description: `Restored by the rollback after ${report.deployment_id} failed`,
    log_url: 'https://github.com/acme/shop/actions/runs/4242'
  })
}, 90_000)

/** Until the service answers its health check: v1 has started. */
async function untilHealthy(port: number): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      response => response.ok,
      () => false
    )
    if (ok) return
    await new Promise(resolve => setTimeout(resolve, 25))
  }
  throw new Error('v1 did not start')
}

test('a rollback step is retried as configured; one that always fails fails the job with its own message, and report, summary, check run and comment say what to do by hand', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-verify-rollback-'))
  await writeFile(
    join(dir, 'env.yml'),
    `version: 1
deploy:
  - name: Release
    run: exit 1
rollback:
  attempts: 1
  steps:
    - name: Flaky restore
      attempts: 3
      delay: 50ms
      run: |
        n=$(( $(cat tries 2>/dev/null || echo 0) + 1 )); echo "$n" > tries
        if [ "$n" -lt 3 ]; then echo "attempt $n: registry busy"; exit 2; fi
    - name: Restore
      run: exit 4
  manual: Run ./restore-v1.sh on the host by hand.
`
  )
  const deploymentsBefore = github.deployments.length
  // A preview environment's pull request: the check run and the comment carry the rollback too.
  const { exitCode, outputs, summary, log } = await runAction({
    cwd: dir,
    inputs: { config: 'env.yml', 'github-token': 'test-token' },
    env: { GITHUB_API_URL: github.url, GITHUB_EVENT_NAME: 'pull_request' },
    event: { pull_request: { number: 7, head: { sha: 'abcdef0123456789abcdef0123456789abcdef01' } } }
  })
  expect(exitCode).toBe(1)
  expect(outputs['rollback-state']).toBe('failed')
  const report = JSON.parse(await readFile(join(dir, 'deploy-verify-report.json'), 'utf8'))
  expect(reportSchemaErrors(report)).toEqual([])
  expect(report.rollback).toMatchObject({
    state: 'failed',
    // The first step is retried (its own attempts: 3) and holds on the third; the second fails.
    steps: [
      { id: 'flaky-restore', status: 'flaky', exit_code: 0 },
      { id: 'restore', status: 'failed', exit_code: 4 }
    ],
    verification: null,
    manual: 'Run ./restore-v1.sh on the host by hand.'
  })
  expect(report.rollback.steps[0].attempts.map((attempt: { ok: boolean }) => attempt.ok)).toEqual([
    false,
    false,
    true
  ])
  expect(report.rollback.steps[1].attempts).toHaveLength(1)
  expect(log).toContain(
    '::error::The rollback failed (rollback step restore failed): the environment may still run the bad release. Restore it by hand: Run ./restore-v1.sh on the host by hand.'
  )
  const checkRun = github.checkRuns.find(run => run.id === Number(outputs['check-run-id']))
  const comment = github.comments.find(each => each.issue === 7)
  for (const shown of [summary, checkRun?.output.summary ?? '', comment?.body ?? '']) {
    expect(shown).toContain('🚨 **Rollback failed** to an unknown release')
    expect(shown).toContain('| Restore | failed | 1 | 4 |')
    expect(shown).toContain('> Run ./restore-v1.sh on the host by hand.')
  }
  // Nothing was restored, so nothing is recorded as a successful deployment.
  expect(github.deployments.length).toBe(deploymentsBefore)
}, 60_000)
