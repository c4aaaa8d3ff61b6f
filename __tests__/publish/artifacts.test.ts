// Artifacts for real: the real @actions/artifact client uploads to and downloads from a loopback
// artifact backend (Twirp calls and blob storage), and finds a baseline of another run through a
// loopback GitHub API.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { artifactName, downloadRunArtifacts, uploadArtifact } from '../../src/publish/artifacts.js'
import { baselineArtifactName, fetchBaselineArtifact } from '../../src/publish/baseline-artifact.js'
import { GitHubClient } from '../../src/publish/client.js'
import { formatPath } from '../../src/report/formats.js'
import { writeReport } from '../../src/report/write.js'
import { fixtureReport } from '../report/fixture.js'
import { GitHubEmulator } from '../support/github-emulator.js'
import { quietLogger } from '../support/logger.js'
import { reportSchemaErrors } from '../support/report-schema.js'
import { ResultsService } from '../support/results-service.js'

let results: ResultsService
let github: GitHubEmulator
const saved = { ...process.env }

beforeAll(async () => {
  ;[results, github] = await Promise.all([ResultsService.start(), GitHubEmulator.start()])
  // What the runner gives a job; @actions/artifact and @actions/github read them from the process.
  Object.assign(process.env, results.runnerEnv(), {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: github.url
  })
})

afterAll(async () => {
  process.env = saved
  await Promise.all([results.close(), github.close()])
})

describe('the report artifact', () => {
  test('is uploaded by the real client, and holds a report that matches the schema, its JUnit and its summary', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'dv-artifact-'))
    const jsonPath = join(folder, 'deploy-verify-report.json')
    const report = fixtureReport()
    await writeReport(jsonPath, report, ['junit', 'markdown'])
    const files = [jsonPath, formatPath(jsonPath, 'junit'), formatPath(jsonPath, 'markdown')]

    const id = await uploadArtifact(
      { name: 'deploy-verify-report-production', files, rootDirectory: folder, retentionDays: 7 },
      quietLogger
    )
    expect(id).toBeDefined()
    expect(results.calls).toEqual(['CreateArtifact', 'FinalizeArtifact'])
    const stored = results.artifacts.find(a => a.id === id)
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
  })

  test('a second artifact of the same name in one run is a warning, never an exception', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'dv-artifact-'))
    await writeFile(join(folder, 'a.json'), '{}')
    const warnings: string[] = []
    const logger = { ...quietLogger, warning: (message: string) => void warnings.push(message) }
    const upload = { name: 'twice', files: [join(folder, 'a.json')], rootDirectory: folder }
    expect(await uploadArtifact(upload, logger)).toBeDefined()
    expect(await uploadArtifact(upload, logger)).toBeUndefined()
    expect(warnings).toEqual([
      expect.stringMatching(/^Could not upload the artifact twice: .*already exists/)
    ])
  })

  test('a name with characters GitHub refuses is made valid', () => {
    expect(artifactName('deploy-verify-report-eu/west:1')).toBe('deploy-verify-report-eu-west-1')
  })
})

describe('merge mode', () => {
  test('downloads every report artifact of the run, each into its own folder', async () => {
    results.seed('deploy-verify-report-eu', { 'deploy-verify-report.json': '{"environment":"eu"}' })
    results.seed('deploy-verify-report-us', { 'deploy-verify-report.json': '{"environment":"us"}' })
    results.seed('something-else', { 'x.txt': 'x' })
    const into = await mkdtemp(join(tmpdir(), 'dv-merge-'))
    const folders = await downloadRunArtifacts('deploy-verify-report-', into, quietLogger)
    const environments = await Promise.all(
      folders.map(
        async folder =>
          JSON.parse(await readFile(join(folder, 'deploy-verify-report.json'), 'utf8')).environment
      )
    )
    expect(environments).toEqual(expect.arrayContaining(['eu', 'us']))
    expect(folders.some(folder => folder.endsWith('something-else'))).toBe(false)
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
    expect(fetched).toEqual({
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
      problem:
        'no deploy-verify-baseline-staging artifact of a successful run on main: record one with mode: baseline on main'
    })
  })
})
