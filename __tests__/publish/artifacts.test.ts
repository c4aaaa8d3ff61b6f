// Artifacts for real: the real @actions/artifact client uploads to and downloads from a loopback
// artifact backend (Twirp calls and blob storage), and finds a baseline of another run through a
// loopback GitHub API.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { artifactName, downloadRunArtifacts, uploadArtifact } from '../../src/publish/artifacts.js'
import { baselineArtifactName, fetchBaselineArtifact } from '../../src/publish/baseline-artifact.js'
import { GitHubClient } from '../../src/publish/client.js'
import { formatPath } from '../../src/model/report-files.js'
import { writeReport } from '../../src/report/write.js'
import { fixtureReport } from '../report/fixture.js'
import { GitHubEmulator } from '../support/github-emulator.js'
import { quietLogger } from '../support/logger.js'
import { valueOf } from '../support/result.js'
import { reportSchemaErrors } from '../support/report-schema.js'
import { ResultsService } from '../support/results-service.js'

let results: ResultsService
let github: GitHubEmulator
const saved = { ...process.env }

beforeAll(async () => {
  github = await GitHubEmulator.start()
  // @actions/artifact and @actions/github read these from the process when they are called.
  Object.assign(process.env, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_API_URL: github.url })
})

// Each test is a workflow run of its own: no artifacts yet, and the runtime the runner gives a job.
beforeEach(async () => {
  results = await ResultsService.start()
  Object.assign(process.env, results.runnerEnv())
})

afterEach(() => results.close())

afterAll(async () => {
  process.env = saved
  await github.close()
})

/** A logger that keeps its warnings. */
function recordingLogger() {
  const warnings: string[] = []
  return { logger: { ...quietLogger, warning: (message: string) => void warnings.push(message) }, warnings }
}

const rename = { rename: true } as const

/** A file to upload, in a folder of its own. */
async function oneFile(name: string, content: string) {
  const folder = await mkdtemp(join(tmpdir(), 'dv-artifact-'))
  await writeFile(join(folder, name), content)
  return { files: [join(folder, name)], rootDirectory: folder }
}

describe('the report artifact', () => {
  test('is uploaded in blocks by the real client and finalized; it holds a report that matches the schema, its JUnit and its summary', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'dv-artifact-'))
    const jsonPath = join(folder, 'deploy-verify-report.json')
    const report = fixtureReport()
    await writeReport(jsonPath, report, ['junit', 'markdown'])
    const files = [jsonPath, formatPath(jsonPath, 'junit'), formatPath(jsonPath, 'markdown')]

    const id = valueOf(
      await uploadArtifact(
        {
          name: 'deploy-verify-report-production',
          files,
          rootDirectory: folder,
          retentionDays: 7,
          ifTaken: rename
        },
        quietLogger
      )
    )

    expect(results.calls).toEqual(['ListArtifacts', 'CreateArtifact', 'FinalizeArtifact'])
    const stored = results.artifacts.find(artifact => artifact.id === id)
    // The service finalizes an upload only when its size and sha256 match the bytes it received.
    expect(stored).toMatchObject({ name: 'deploy-verify-report-production', finalized: true })
    expect(stored?.blocks.size).toBeGreaterThan(0)
    // Retention days become an expiry about a week ahead.
    const days = (Date.parse(stored?.expiresAt ?? '') - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThan(7.1)

    const uploaded = results.files('deploy-verify-report-production')
    expect(Object.keys(uploaded).sort()).toEqual([
      'deploy-verify-report.json',
      'deploy-verify-report.md',
      'deploy-verify-report.xml'
    ])
    const parsed = JSON.parse(uploaded['deploy-verify-report.json'] ?? '')
    expect(parsed).toEqual(report)
    expect(reportSchemaErrors(parsed)).toEqual([])
    expect(uploaded['deploy-verify-report.xml']).toContain('<testsuites')
    expect(uploaded['deploy-verify-report.md']).toContain('services.database')
  })

  test('without retention days keeps the repository’s default: no expiry is asked for', async () => {
    const id = valueOf(
      await uploadArtifact(
        { name: 'kept', ...(await oneFile('a.json', '{}')), retentionDays: 0, ifTaken: rename },
        quietLogger
      )
    )
    expect(results.artifacts.find(artifact => artifact.id === id)).toMatchObject({
      finalized: true,
      expiresAt: undefined
    })
  })

  // The client waits about 3 s before its first retry: one failure keeps the test short.
  test('is retried after the artifact service answers 500, and then uploaded', async () => {
    results.fail('CreateArtifact', 500)
    const id = valueOf(
      await uploadArtifact(
        { name: 'retried', ...(await oneFile('a.json', '{"ok":1}')), ifTaken: rename },
        quietLogger
      )
    )
    expect(results.artifacts.find(artifact => artifact.id === id)).toMatchObject({
      name: 'retried',
      finalized: true
    })
    expect(results.calls).toEqual(['ListArtifacts', 'CreateArtifact', 'CreateArtifact', 'FinalizeArtifact'])
    expect(results.files('retried')).toEqual({ 'a.json': '{"ok":1}' })
  }, 60_000)

  test('a name this workflow run already holds gets the next free suffix, when renaming is allowed', async () => {
    const upload = { name: 'twice', ...(await oneFile('a.json', '{}')), ifTaken: rename }
    const first = valueOf(await uploadArtifact(upload, quietLogger))
    const second = valueOf(await uploadArtifact(upload, quietLogger))
    const third = valueOf(await uploadArtifact(upload, quietLogger))
    const named = (id: number) => results.artifacts.find(artifact => artifact.id === id)?.name
    expect([first, second, third].map(named)).toEqual(['twice', 'twice-2', 'twice-3'])
  })

  test('a name taken after the listing (another job of the run) is found by the service’s conflict, and renamed', async () => {
    // Finalized only after this upload listed the run's artifacts: the listing cannot see it.
    results.seed('raced', { 'x.json': '{}' }).finalized = false
    const id = valueOf(
      await uploadArtifact(
        { name: 'raced', ...(await oneFile('a.json', '{}')), ifTaken: rename },
        quietLogger
      )
    )
    expect(results.artifacts.find(artifact => artifact.id === id)?.name).toBe('raced-2')
  })

  test('a name that must stay exact is refused with the advice given, as a warning, never an exception', async () => {
    const { logger, warnings } = recordingLogger()
    const files = await oneFile('a.json', '{}')
    const upload = { name: 'exact', ...files, ifTaken: { refuse: 'record it once per run' } }
    expect(await uploadArtifact(upload, logger)).toMatchObject({ ok: true })
    expect(await uploadArtifact(upload, logger)).toMatchObject({ ok: false })
    expect(warnings).toEqual([
      'Could not upload the artifact exact: this workflow run already holds an artifact of that name: record it once per run'
    ])
    expect(results.artifacts.filter(artifact => artifact.name.startsWith('exact'))).toHaveLength(1)
  })

  test('a name with characters GitHub refuses is uploaded with each of them replaced by -', async () => {
    expect(artifactName('a"b:c<d>e|f*g?h\ri\nj\\k/l')).toBe('a-b-c-d-e-f-g-h-i-j-k-l')
    expect(artifactName("team's eu-west (blue)")).toBe("team's eu-west (blue)")
    const id = valueOf(
      await uploadArtifact(
        { name: 'deploy-verify-report-eu/west:1', ...(await oneFile('a.json', '{}')), ifTaken: rename },
        quietLogger
      )
    )
    expect(results.artifacts.find(artifact => artifact.id === id)?.name).toBe(
      'deploy-verify-report-eu-west-1'
    )
  })
})

describe('merge mode', () => {
  test('downloads every report artifact of this run into its own folder, whichever zip library made it', async () => {
    const report = (environment: string) => ({ 'deploy-verify-report.json': JSON.stringify({ environment }) })
    // Zipped by the real client (archiver), and by fflate.
    await uploadArtifact(
      {
        name: 'deploy-verify-report-eu',
        ...(await oneFile('deploy-verify-report.json', '{"environment":"eu"}')),
        ifTaken: rename
      },
      quietLogger
    )
    results.seed('deploy-verify-report-us', report('us'))
    results.seed('something-else', { 'x.txt': 'x' })
    results.seed('deploy-verify-report-ap', report('ap'), 'another-run')
    const into = await mkdtemp(join(tmpdir(), 'dv-merge-'))

    const folders = valueOf(await downloadRunArtifacts('deploy-verify-report-', into, quietLogger))

    expect(folders.sort()).toEqual([
      join(into, 'deploy-verify-report-eu'),
      join(into, 'deploy-verify-report-us')
    ])
    const environments = await Promise.all(
      folders.map(
        async folder =>
          JSON.parse(await readFile(join(folder, 'deploy-verify-report.json'), 'utf8')).environment
      )
    )
    expect(environments).toEqual(['eu', 'us'])
  })

  test('outside GitHub Actions finds nothing, with a warning that says where merge mode runs', async () => {
    delete process.env.ACTIONS_RUNTIME_TOKEN
    const { logger, warnings } = recordingLogger()
    expect(await downloadRunArtifacts('deploy-verify-report-', tmpdir(), logger)).toEqual({
      ok: false,
      problem: expect.stringContaining('merge mode runs only in GitHub Actions')
    })
    expect(warnings).toEqual([expect.stringContaining('merge mode runs only in GitHub Actions')])
    expect(results.calls).toEqual([])
  })
})

describe('the baseline artifact', () => {
  test('is the newest one of a successful run on the default branch', async () => {
    const name = baselineArtifactName('production')
    const baseline = (tag: string) => ({ 'deploy-verify-baseline.json': JSON.stringify({ tag }) })
    const fromBranch = results.seed(name, baseline('feature'), 'other-run')
    const fromFailedRun = results.seed(name, baseline('failed'), 'other-run')
    const good = results.seed(name, baseline('good'), 'other-run')
    const artifact = (id: number, runId: number, branch: string) => ({
      id,
      name,
      size_in_bytes: 100,
      expired: false,
      workflow_run: { id: runId, head_branch: branch, head_sha: `${runId}abcdef0123` }
    })
    github.artifacts.push(
      { ...artifact(fromBranch.id, 31, 'feature'), location: results.downloadUrl(fromBranch) },
      { ...artifact(fromFailedRun.id, 30, 'main'), location: results.downloadUrl(fromFailedRun) },
      { ...artifact(good.id, 29, 'main'), location: results.downloadUrl(good) }
    )
    github.runs.set(30, { id: 30, conclusion: 'failure' })
    github.runs.set(29, { id: 29, conclusion: 'success' })

    const client = await GitHubClient.create('ghs_test', github.url, quietLogger, { retryBaseMs: 1 })
    const into = await mkdtemp(join(tmpdir(), 'dv-baseline-'))
    const fetched = await fetchBaselineArtifact(
      { client, owner: 'acme', repo: 'shop', token: 'ghs_test', into },
      'production'
    )
    expect(valueOf(fetched)).toEqual({
      path: join(into, 'deploy-verify-baseline.json'),
      origin: `artifact ${name} (id ${good.id}) of run 29 on main at 29abcde`
    })
    expect(JSON.parse(await readFile(join(into, 'deploy-verify-baseline.json'), 'utf8'))).toEqual({
      tag: 'good'
    })
  })

  test('missing is a problem that says how to record one', async () => {
    const client = await GitHubClient.create('ghs_test', github.url, quietLogger, { retryBaseMs: 1 })
    const into = await mkdtemp(join(tmpdir(), 'dv-baseline-'))
    expect(
      await fetchBaselineArtifact({ client, owner: 'acme', repo: 'shop', token: 't', into }, 'staging')
    ).toEqual({
      ok: false,
      problem:
        'no deploy-verify-baseline-staging artifact of a successful run on main: record one with mode: baseline on main'
    })
  })
})
