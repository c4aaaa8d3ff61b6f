// Publishing through the bundled action, run as the runner runs it, against a loopback GitHub API
// (every request checked against GitHub's OpenAPI description) and a loopback artifact backend that
// the real @actions/artifact uploads to.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { GitHubEmulator } from '../support/github-emulator.js'
import { startHttp } from '../support/loopback.js'
import { reportSchemaErrors } from '../support/report-schema.js'
import { ResultsService } from '../support/results-service.js'

const PR_HEAD = 'feedfacefeedfacefeedfacefeedfacefeedface'
const TOKEN = 'ghs_e2eTokenThatMustNeverBePrinted'
let api: Awaited<ReturnType<typeof startHttp>>
let apiUrl: string
let github: GitHubEmulator
let results: ResultsService
let workspace: string

beforeAll(async () => {
  api = await startHttp((request, response) => {
    const ok = request.url === '/health'
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok }))
  })
  apiUrl = api.url
  ;[github, results] = await Promise.all([GitHubEmulator.start(), ResultsService.start()])
  workspace = await mkdtemp(join(tmpdir(), 'dv-e2e-publish-'))
  await writeFile(
    join(workspace, 'production.yml'),
    `version: 1
environment: production
variables:
  API_URL: { required: true }
defaults:
  retry: { attempts: 1 }
services:
  api:
    http: { url: '\${API_URL}/health' }
  admin:
    http: { url: '\${API_URL}/admin' }
rollback:
  dispatch: rollback-production
  dispatch_from_pull_requests: true
`
  )
  await writeFile(
    join(workspace, 'push-only.yml'),
    `version: 1
environment: production
variables:
  API_URL: { required: true }
defaults:
  retry: { attempts: 1 }
services:
  admin:
    http: { url: '\${API_URL}/admin' }
rollback:
  dispatch: rollback-production
`
  )
  await writeFile(
    join(workspace, 'healthy.yml'),
    `version: 1
environment: production
variables:
  API_URL: { required: true }
services:
  api:
    http: { url: '\${API_URL}/health' }
`
  )
})

afterAll(() => Promise.all([api.close(), github.close(), results.close()]))

/** A pull_request run (unless `env` says otherwise): GITHUB_SHA is the merge commit, the event names the PR's head. */
async function run(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const result = await runAction({
    cwd: workspace,
    inputs: { 'github-token': TOKEN, ...inputs },
    env: {
      API_URL: apiUrl,
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_NAME: 'pull_request',
      ...results.runnerEnv(),
      ...env
    },
    event: { pull_request: { number: 42, head: { sha: PR_HEAD } }, repository: { default_branch: 'main' } }
  })
  const { readFile } = await import('node:fs/promises')
  const report = JSON.parse(await readFile(result.outputs['report-path'] ?? '', 'utf8'))
  expect(reportSchemaErrors(report)).toEqual([])
  // The runner consumes `::add-mask::` commands; everything it shows or keeps must be clean.
  const shown = result.log
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  for (const text of [shown, result.summary, JSON.stringify(result.outputs)])
    expect(text).not.toContain(TOKEN)
  return { ...result, report }
}

describe('a failing run on a pull request', () => {
  let result: Awaited<ReturnType<typeof run>>
  beforeAll(async () => {
    result = await run({ config: 'production.yml', 'github-deployment-id': 'create' })
  }, 60_000)

  test('completes a check run on the PR head with the verdict and an annotation on the failing line', () => {
    const checkRun = github.checkRuns.find(r => r.id === Number(result.outputs['check-run-id']))
    expect(checkRun).toMatchObject({
      name: 'deploy-verify',
      head_sha: PR_HEAD,
      status: 'completed',
      conclusion: 'failure'
    })
    expect(checkRun?.annotations).toEqual([
      expect.objectContaining({
        path: 'production.yml',
        start_line: 10,
        annotation_level: 'failure',
        title: 'services.admin'
      })
    ])
    // The run was created in progress before the checks, then completed.
    const create = github.requests.find(r => r.operationId === 'checks/create')
    const update = github.requests.find(r => r.operationId === 'checks/update')
    expect(github.requests.indexOf(create!)).toBeLessThan(github.requests.indexOf(update!))
  })

  test('uploads the report artifact, names it in the outputs and links it from the summary', () => {
    const artifactId = result.outputs['artifact-id']
    expect(artifactId).toMatch(/^\d+$/)
    const files = results.files('deploy-verify-report-production')
    expect(Object.keys(files).sort()).toEqual([
      'deploy-verify-report.json',
      'deploy-verify-report.md',
      'deploy-verify-report.xml'
    ])
    expect(JSON.parse(files['deploy-verify-report.json'] ?? '').deployment_id).toBe(
      result.outputs['deployment-id']
    )
    expect(result.summary).toContain(`https://github.com/acme/shop/actions/runs/4242/artifacts/${artifactId}`)
  })

  test('comments on the pull request', () => {
    expect(github.comments.filter(c => c.issue === 42)).toEqual([
      expect.objectContaining({
        body: expect.stringMatching(/^<!-- deploy-verify:production -->\n## ❌ failed · production/)
      })
    ])
  })

  test('creates the deployment and sets its statuses, in progress then failure', () => {
    const [deployment] = github.deployments
    expect(deployment).toMatchObject({ environment: 'production' })
    expect(
      github.deploymentStatuses.filter(s => s.deployment_id === deployment?.id).map(s => s.state)
    ).toEqual(['in_progress', 'failure'])
    expect(github.deploymentStatuses.at(-1)).toMatchObject({
      environment_url: apiUrl,
      log_url: 'https://github.com/acme/shop/actions/runs/4242'
    })
  })

  test('dispatches the rollback event with the failed check, as the file asks even from a pull request', () => {
    expect(github.dispatches).toEqual([
      expect.objectContaining({
        event_type: 'rollback-production',
        client_payload: expect.objectContaining({ failed_checks: ['services.admin'], sha: PR_HEAD })
      })
    ])
  })

  test('logs the dispatch with its payload keys and sets rollback-dispatched and rollback-state', () => {
    const keys = Object.keys((github.dispatches[0]?.client_payload ?? {}) as object)
    expect(keys).toContain('failed_checks')
    expect(result.log).toContain(
      `Rollback dispatched (repository_dispatch rollback-production) with the client_payload keys ${keys.join(', ')}.`
    )
    expect(result.outputs['rollback-dispatched']).toBe('true')
    expect(result.outputs['rollback-state']).toBe('dispatched')
    expect(result.report.rollback).toMatchObject({
      state: 'dispatched',
      dispatch: { event_type: 'rollback-production', payload_keys: keys }
    })
  })

  test('says in the summary that the rollback was dispatched, and links the failing check to its line', () => {
    expect(result.summary).toContain('↩️ **Rollback dispatched** (repository_dispatch `rollback-production`)')
    expect(result.summary).toContain(
      `[\`services.admin\`](https://github.com/acme/shop/blob/${PR_HEAD}/production.yml#L10)`
    )
    // The dispatch is sent before the summary is written.
    const dispatch = github.requests.find(r => r.operationId === 'repos/create-dispatch-event')
    const comment = github.requests.find(r => r.operationId === 'issues/create-comment')
    expect(github.requests.indexOf(dispatch!)).toBeLessThan(github.requests.indexOf(comment!))
  })

  test('fails the job; every request passed GitHub’s description', () => {
    expect(result.exitCode).toBe(1)
    expect(github.requests.filter(r => r.status === 422 || r.status === 404)).toEqual([])
  })
})

describe('the rollback dispatch, where it is not wanted', () => {
  const dispatched = () => github.requests.filter(r => r.operationId === 'repos/create-dispatch-event').length

  test('is not sent from a pull request unless the file asks, and the summary, log and outputs say so', async () => {
    const before = dispatched()
    const { exitCode, outputs, summary, log } = await run({
      config: 'push-only.yml',
      'artifact-name': 'pr-run'
    })
    expect(exitCode).toBe(1)
    expect(dispatched()).toBe(before)
    expect(outputs['rollback-dispatched']).toBe('false')
    expect(summary).toContain(
      '↩️ **No rollback dispatched** (repository_dispatch `rollback-production`): a pull\\_request run validates a proposed change and rolls back nothing (set rollback.dispatch\\_from\\_pull\\_requests: true to dispatch from it).'
    )
    expect(log).toContain(
      'No rollback dispatched (repository_dispatch rollback-production): a pull_request run'
    )
  }, 60_000)

  test('is not sent from pull_request_target either', async () => {
    const before = dispatched()
    const { outputs } = await run(
      { config: 'push-only.yml', 'artifact-name': 'pr-target-run' },
      { GITHUB_EVENT_NAME: 'pull_request_target' }
    )
    expect(dispatched()).toBe(before)
    expect(outputs['rollback-dispatched']).toBe('false')
  }, 60_000)

  test('is sent from a push, and the rollback-dispatch input turns it off for one workflow', async () => {
    const before = dispatched()
    const sent = await run(
      { config: 'push-only.yml', 'artifact-name': 'push-run' },
      { GITHUB_EVENT_NAME: 'push' }
    )
    expect(sent.outputs['rollback-dispatched']).toBe('true')
    expect(dispatched()).toBe(before + 1)
    const off = await run(
      { config: 'push-only.yml', 'artifact-name': 'push-run-off', 'rollback-dispatch': 'false' },
      { GITHUB_EVENT_NAME: 'push' }
    )
    expect(dispatched()).toBe(before + 1)
    expect(off.exitCode).toBe(1)
    expect(off.outputs['rollback-dispatched']).toBe('false')
    expect(off.summary).toContain(
      '**No rollback dispatched** (repository_dispatch `rollback-production`): the rollback-dispatch input of this workflow is false.'
    )
  }, 60_000)
})

describe('a second run on the same pull request', () => {
  test('updates the comment in place instead of adding one', async () => {
    const before = github.comments.filter(c => c.issue === 42)
    const { exitCode } = await run({ config: 'healthy.yml', 'artifact-name': 'second-report' })
    expect(exitCode).toBe(0)
    const after = github.comments.filter(c => c.issue === 42)
    expect(after.map(c => c.id)).toEqual(before.map(c => c.id))
    expect(after[0]?.body).toMatch(/^<!-- deploy-verify:production -->\n## ✅ passed · production/)
  }, 60_000)
})

describe('a token without checks: write', () => {
  test('warns naming the permission; the summary, annotations, outputs and exit status are unchanged', async () => {
    github.fail('checks/create', { status: 403, body: { message: 'Resource not accessible by integration' } })
    const { exitCode, outputs, log, summary, report } = await run({
      config: 'production.yml',
      'artifact-name': 'third-report'
    })
    expect(exitCode).toBe(1)
    expect(outputs.status).toBe('failed')
    expect(outputs['check-run-id']).toBe('')
    expect(report.status).toBe('failed')
    expect(log).toMatch(/::warning::Could not create the check run: GitHub answered 403 .*`checks: write`/)
    expect(log).toContain('::error file=production.yml,line=10')
    expect(summary).toContain('services.admin')
  }, 60_000)

  test('without contents: write, the summary says the rollback was not dispatched and why', async () => {
    github.fail('repos/create-dispatch-event', {
      status: 403,
      body: { message: 'Resource not accessible by integration' }
    })
    const { summary } = await run({ config: 'production.yml', 'artifact-name': 'fourth-report' })
    expect(summary).toContain(
      '↩️ **No rollback dispatched** (repository_dispatch `rollback-production`): GitHub did not accept it'
    )
  }, 60_000)
})

describe('outside a pull request, without a token or artifact runtime', () => {
  test('publishes nothing and says so, with the verdict unchanged', async () => {
    const before = github.requests.length
    const result = await runAction({
      cwd: workspace,
      inputs: { config: 'healthy.yml', 'github-token': '' },
      env: { API_URL: apiUrl, GITHUB_API_URL: github.url }
    })
    expect(result.exitCode).toBe(0)
    expect(github.requests.length).toBe(before)
    expect(result.log).toContain(
      'Not publishing to GitHub (check run, comment, deployment status): no github-token.'
    )
    expect(result.log).toContain('not uploaded: no artifact runtime')
    expect(result.outputs['artifact-id']).toBe('')
  }, 60_000)
})

describe('baseline: artifact', () => {
  test('uploads the recorded baseline, and a later run finds it through the API and compares with it', async () => {
    const recorded = await run({
      config: 'healthy.yml',
      mode: 'baseline',
      'artifact-name': 'baseline-run-report'
    })
    expect(recorded.exitCode).toBe(0)
    const uploaded = results.artifacts.find(a => a.name === 'deploy-verify-baseline-production')
    expect(Object.keys(results.files('deploy-verify-baseline-production'))).toEqual([
      'deploy-verify-baseline.json'
    ])

    // What GitHub's API shows a later run: the artifact, of a successful run on the default branch.
    github.artifacts.push({
      id: uploaded!.id,
      name: 'deploy-verify-baseline-production',
      size_in_bytes: uploaded!.size ?? 0,
      expired: false,
      workflow_run: { id: 4242, head_branch: 'main', head_sha: '0123456789abcdef' },
      location: results.downloadUrl(uploaded!)
    })
    github.runs.set(4242, { id: 4242, conclusion: 'success' })

    const { exitCode, report } = await run({
      config: 'healthy.yml',
      baseline: 'artifact',
      'artifact-name': 'verify-run-report'
    })
    expect(exitCode).toBe(0)
    expect(report.checks.find((c: { id: string }) => c.id === 'baseline.source')).toMatchObject({
      status: 'passed',
      message: expect.stringContaining(
        `comparing with the baseline artifact deploy-verify-baseline-production (id ${uploaded!.id}) of run 4242 on main at 0123456`
      )
    })
    expect(report.baseline.latency.api).toMatchObject({
      status: 'passed',
      baseline: { count: expect.any(Number) }
    })
  }, 60_000)
})

describe('steps of one job', () => {
  test('verify with record-baseline compares and records in one pass, and no artifact name collides', async () => {
    // Its own artifact service: a workflow run of its own, where these are the only uploads.
    const job = await ResultsService.start()
    const inJob = (inputs: Record<string, string>) =>
      runAction({
        cwd: workspace,
        inputs,
        env: { API_URL: apiUrl, ...job.runnerEnv() }
      })
    try {
      const recorded = await inJob({ config: 'healthy.yml', 'record-baseline': 'true' })
      expect(recorded.exitCode).toBe(0)
      expect(recorded.outputs['baseline-path']).toBe(join(workspace, 'deploy-verify-baseline.json'))
      expect(Object.keys(job.files('deploy-verify-baseline-production'))).toEqual([
        'deploy-verify-baseline.json'
      ])
      // A second verification of the same environment in the same run (after a rollback, say).
      const again = await inJob({ config: 'healthy.yml' })
      expect(again.exitCode).toBe(0)
      expect(job.artifacts.filter(a => a.finalized).map(a => a.name)).toEqual([
        'deploy-verify-baseline-production',
        'deploy-verify-report-production',
        'deploy-verify-report-production-2'
      ])
      const second = job.artifacts.find(a => a.name === 'deploy-verify-report-production-2')
      expect(again.outputs['artifact-id']).toBe(String(second?.id))
      expect(again.log).not.toContain('::warning::')
      // Recording twice in one run would leave two baselines of one name: refused, saying what to do.
      const twice = await inJob({ config: 'healthy.yml', mode: 'baseline' })
      expect(twice.exitCode).toBe(0)
      expect(twice.log).toContain(
        "::warning::Could not upload the artifact deploy-verify-baseline-production: this workflow run already holds an artifact of that name: record each environment's baseline once per workflow run"
      )
      expect(job.artifacts.map(a => a.name)).toContain('deploy-verify-report-production-baseline')
    } finally {
      await job.close()
    }
  }, 90_000)
})

describe('merge mode', () => {
  const report = (environment: string, status: string, failing: string[], checkStatus = 'failed') => ({
    'deploy-verify-report.json': JSON.stringify({
      report_version: 1,
      deployment_id: 'deploy_20261122_100000',
      environment,
      status,
      timestamp: '2026-11-22T10:00:00.000Z',
      duration_seconds: 1,
      mode: 'verify',
      summary: `${status}: ${environment}`,
      config_files: [`${environment}.yml`],
      git: {
        sha: PR_HEAD,
        ref: null,
        repository: 'acme/shop',
        run_id: '4242',
        run_url: null,
        pull_request: 42
      },
      deploy: null,
      services: {},
      smoke_tests: {},
      security: null,
      baseline: null,
      monitor: null,
      rollback: null,
      checks: failing.map(id => ({
        id,
        category: 'services',
        name: id,
        status: checkStatus,
        critical: false,
        message: 'down',
        duration_ms: 1,
        attempts: 1,
        file: `${environment}.yml`,
        line: 5,
        column: 3
      })),
      errors: []
    })
  })

  test('combines the report artifacts of the run into one report, summary and check run', async () => {
    const matrix = await ResultsService.start()
    try {
      matrix.seed('deploy-verify-report-eu-west', report('eu-west', 'passed', []))
      matrix.seed('deploy-verify-report-us-east', report('us-east', 'failed', ['services.api']))
      const result = await runAction({
        cwd: workspace,
        inputs: { 'github-token': TOKEN, mode: 'merge' },
        env: { GITHUB_API_URL: github.url, ...matrix.runnerEnv() },
        event: { pull_request: { number: 43, head: { sha: PR_HEAD } } }
      })
      expect(result.exitCode).toBe(1)
      expect(result.outputs.status).toBe('failed')
      expect(JSON.parse(result.outputs['failed-checks'] ?? '')).toEqual(['us-east/services.api'])
      expect(result.summary).toContain('| eu-west | ✅ passed |')
      expect(result.summary).toContain('| us-east | ❌ failed |')
      const checkRun = github.checkRuns.find(r => r.id === Number(result.outputs['check-run-id']))
      expect(checkRun).toMatchObject({ conclusion: 'failure', head_sha: PR_HEAD })
      expect(checkRun?.annotations.map(a => a.title)).toEqual(['us-east/services.api'])
      expect(Object.keys(matrix.files('deploy-verify-report-merged'))).toContain('deploy-verify-report.json')
    } finally {
      await matrix.close()
    }
  }, 60_000)

  test('surfaces a merged report that fails its own schema as a bug: an error, not a quiet pass', async () => {
    const matrix = await ResultsService.start()
    try {
      // A matrix job's report whose check has a status this version does not know; the job passed.
      matrix.seed('deploy-verify-report-eu-west', report('eu-west', 'passed', ['services.api'], 'unknown'))
      const result = await runAction({
        cwd: workspace,
        inputs: { 'github-token': TOKEN, mode: 'merge' },
        env: { GITHUB_API_URL: github.url, ...matrix.runnerEnv() }
      })
      const bug =
        'deploy-verify made a report that fails its own schema (/checks/0/status must be equal to one of the allowed values): this is a bug in deploy-verify'
      expect(result.exitCode).toBe(1)
      expect(result.outputs.status).toBe('error')
      expect(result.log).toContain(`::error::${bug}`)
      expect(result.summary).toContain('### Problems to fix')
      expect(result.summary).toContain(bug)
      const written = JSON.parse(await readFile(result.outputs['report-path'] ?? '', 'utf8'))
      expect(written.status).toBe('error')
      expect(written.errors.map((error: { message: string }) => error.message)).toEqual([
        expect.stringContaining(bug)
      ])
    } finally {
      await matrix.close()
    }
  }, 60_000)
})
