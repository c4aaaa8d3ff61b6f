// rollback.mode workflow through the bundled action: the verifying run fails and sends the rollback
// dispatch (recorded in its report); a rollback workflow then runs the action with mode rollback,
// reading the failed run from its event (the workflow_run's report artifact, or the dispatch's
// client_payload), runs only the steps for what failed there, verifies, and records the restored
// release as a successful deployment. What the event carries is hostile: a payload or artifact that
// is not what deploy-verify sends is refused, naming where it came from, and no step runs.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { GitHubEmulator } from '../support/github-emulator.js'
import { startHttp } from '../support/loopback.js'
import { reportSchemaErrors } from '../support/report-schema.js'
import { ResultsService } from '../support/results-service.js'

const GOOD_SHA = 'feedc0de00000000000000000000000000000001'
const ARTIFACT = 'deploy-verify-report-production'
let github: GitHubEmulator
let results: ResultsService
let api: Awaited<ReturnType<typeof startHttp>>
let healthy = false
let workspace: string

const CONFIG = `version: 1
environment: production
variables:
  API_URL: { required: true }
defaults:
  retry: { attempts: 1 }
services:
  api:
    http: { url: '\${API_URL}/health' }
rollback:
  mode: workflow
  on: [services]
  dispatch: deploy-verify-rollback
  steps:
    - name: Restart api
      run: echo "restarting api at $DEPLOY_VERIFY_ROLLBACK_SHA"
      when: [services.api]
    - name: Restore database
      run: echo "restoring the database"
      when: [services.database]
  verify: [api]
`

beforeAll(async () => {
  ;[github, results] = await Promise.all([GitHubEmulator.start(), ResultsService.start()])
  api = await startHttp((_request, response) => {
    response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end('{}')
  })
  // The release before the bad deploy: deployed and marked successful.
  github.deployments.push({ id: 77, sha: GOOD_SHA, ref: 'refs/tags/v1', environment: 'production' })
  github.deploymentStatuses.push({ deployment_id: 77, state: 'success' })
  workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-rollback-workflow-'))
  await writeFile(join(workspace, 'production.yml'), CONFIG)
})

afterAll(() => Promise.all([github.close(), results.close(), api.close()]))

async function run(inputs: Record<string, string>, eventName: string, event: object) {
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'production.yml', 'github-token': 'test-token', ...inputs },
    env: {
      API_URL: api.url,
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_NAME: eventName,
      ...results.runnerEnv()
    },
    event
  })
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  expect(reportSchemaErrors(report)).toEqual([])
  return { ...result, report }
}

/** The failed run's report JSON, as the verifying run wrote it. */
let failedReport: string
let failed: Awaited<ReturnType<typeof run>>

beforeAll(async () => {
  healthy = false
  failed = await run({}, 'push', {})
  failedReport = await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8')
}, 60_000)

describe('the verifying run', () => {
  test('fails and leaves the rollback to the workflow, dispatching it', () => {
    expect(failed.exitCode).toBe(1)
    expect(failed.report.status).toBe('failed')
    expect(github.dispatches).toHaveLength(1)
    expect(github.dispatches[0]).toMatchObject({
      event_type: 'deploy-verify-rollback',
      client_payload: { environment: 'production', status: 'failed', failed_checks: ['services.api'] }
    })
  })

  test('records the sent dispatch in its report, outputs, log and summary', () => {
    const keys = Object.keys(github.dispatches[0]?.client_payload as object)
    expect(keys).toEqual([
      'environment',
      'status',
      'deployment_id',
      'sha',
      'ref',
      'run_url',
      'failed_checks',
      'failed_count',
      'summary'
    ])
    expect(failed.report.rollback).toMatchObject({
      state: 'dispatched',
      message: 'a rollback workflow was started by the repository_dispatch deploy-verify-rollback',
      trigger: ['services.api'],
      steps: [],
      dispatch: { event_type: 'deploy-verify-rollback', payload_keys: keys }
    })
    expect(failed.outputs['rollback-state']).toBe('dispatched')
    expect(failed.outputs['rollback-dispatched']).toBe('true')
    expect(failed.log).toContain(
      `Rollback dispatched (repository_dispatch deploy-verify-rollback) with the client_payload keys ${keys.join(', ')}.`
    )
    const line = '↩️ **Rollback dispatched** (repository_dispatch `deploy-verify-rollback`)'
    expect(failed.summary).toContain(line)
    expect(failed.summary.split(line)).toHaveLength(2)
  })
})

describe('mode rollback', () => {
  test("started by workflow_run: reads the failed run's report artifact, runs the steps for its failures, and records the restored release", async () => {
    const stored = results.seed(ARTIFACT, { 'deploy-verify-report.json': failedReport }, 'failed-run')
    github.artifacts.push({
      id: stored.id,
      name: ARTIFACT,
      size_in_bytes: stored.size,
      expired: false,
      workflow_run: { id: 555, head_branch: 'main', head_sha: 'badc0de' },
      location: results.downloadUrl(stored)
    })
    healthy = true
    const deploymentsBefore = github.deployments.length

    const { exitCode, report, outputs, log, summary } = await run({ mode: 'rollback' }, 'workflow_run', {
      workflow_run: { id: 555, conclusion: 'failure', head_sha: 'bad' }
    })

    expect(report.errors).toEqual([])
    expect(report.rollback).toMatchObject({
      state: 'succeeded',
      mode: 'rollback',
      trigger: ['services.api'],
      target: { sha: GOOD_SHA, deployment: '77' },
      failed_run: {
        deployment_id: failed.report.deployment_id,
        status: 'failed',
        report: `the report artifact ${ARTIFACT} of run 555`
      },
      verification: { status: 'passed' }
    })
    // Only the step whose when: names what failed.
    expect(report.rollback.steps.map((step: { id: string }) => step.id)).toEqual(['restart-api'])
    expect(report.rollback.steps[0].output_tail).toEqual([`restarting api at ${GOOD_SHA}`])
    expect(log).not.toContain('restoring the database')
    expect(outputs['rollback-state']).toBe('succeeded')
    expect(exitCode).toBe(0)
    expect(summary).toContain('↩️ **Rolled back** to feedc0de0000 refs/tags/v1 from the Deployments API')
    expect(github.requests.map(r => r.operationId)).toContain('actions/list-workflow-run-artifacts')

    // The Deployments page is the history: the restored release, a new deployment, successful.
    const restored = github.deployments.slice(deploymentsBefore).find(d => d.ref === GOOD_SHA)
    expect(restored).toMatchObject({ environment: 'production', ref: GOOD_SHA })
    expect(github.deploymentStatuses.filter(s => s.deployment_id === restored?.id).map(s => s.state)).toEqual(
      ['success']
    )
    expect(log).toContain(`Recorded the restored release ${GOOD_SHA} as deployment ${restored?.id}`)
  }, 60_000)

  test('started by the dispatch: reads the failed run from its client_payload', async () => {
    healthy = true
    const sent = github.dispatches[0] as { event_type: string; client_payload: object }
    const { report, log } = await run({ mode: 'rollback' }, 'repository_dispatch', {
      action: sent.event_type,
      client_payload: sent.client_payload
    })
    expect(report.errors).toEqual([])
    expect(report.rollback).toMatchObject({
      state: 'succeeded',
      trigger: ['services.api'],
      failed_run: {
        deployment_id: failed.report.deployment_id,
        status: 'failed',
        report: 'the client_payload of the repository_dispatch deploy-verify-rollback'
      }
    })
    expect(report.rollback.steps.map((step: { id: string }) => step.id)).toEqual(['restart-api'])
    expect(log).not.toContain('restoring the database')
  }, 60_000)

  test.each([
    [
      'a payload of another environment',
      { environment: 'staging' },
      "the client_payload of the repository_dispatch deploy-verify-rollback is of the environment staging, and this run's is production: nothing is rolled back"
    ],
    [
      'a payload whose failed checks are not check ids',
      { failed_checks: ['services.api', { $gt: '' }] },
      'the client_payload of the repository_dispatch deploy-verify-rollback: failed_checks holds something that is not a check id'
    ],
    [
      'a payload without a verdict',
      { status: 'rolled; rm -rf /' },
      'the client_payload of the repository_dispatch deploy-verify-rollback: status is not one of passed, warning, failed, error'
    ]
  ])(
    'refuses %s, naming where it came from, and runs no step',
    async (_what, change, problem) => {
      const sent = github.dispatches[0] as { event_type: string; client_payload: object }
      const { exitCode, report, outputs, log } = await run({ mode: 'rollback' }, 'repository_dispatch', {
        action: sent.event_type,
        client_payload: { ...sent.client_payload, ...change }
      })
      expect(report.status).toBe('error')
      expect(report.errors).toEqual([{ message: `mode rollback has no failed run to act on: ${problem}` }])
      expect(report.rollback).toBeNull()
      expect(outputs['rollback-state']).toBe('not-triggered')
      expect(log).not.toContain('restarting api')
      expect(exitCode).toBe(1)
    },
    60_000
  )

  test('refuses a report artifact that is not a deploy-verify report, naming it', async () => {
    const stored = results.seed(ARTIFACT, { 'deploy-verify-report.json': '{"status": "failed"}' }, 'other')
    github.artifacts.push({
      id: stored.id,
      name: ARTIFACT,
      size_in_bytes: stored.size,
      expired: false,
      workflow_run: { id: 556, head_branch: 'main', head_sha: 'abc' },
      location: results.downloadUrl(stored)
    })
    const { report, log } = await run({ mode: 'rollback' }, 'workflow_run', { workflow_run: { id: 556 } })
    expect(report.status).toBe('error')
    expect(report.errors[0]?.message).toMatch(
      new RegExp(
        `^mode rollback has no failed run to act on: the report artifact ${ARTIFACT} of run 556: not a deploy-verify report: at `
      )
    )
    expect(log).not.toContain('restarting api')
  }, 60_000)

  test('says what to give when neither the input nor the event names a failed run', async () => {
    const { report } = await run({ mode: 'rollback' }, 'workflow_dispatch', {})
    expect(report.errors).toEqual([
      {
        message:
          "mode rollback has no failed run to act on: give the failed-report input, or start the workflow by workflow_run (the failed run's report artifact) or by the repository_dispatch of rollback.dispatch"
      }
    ])
  }, 60_000)
})
