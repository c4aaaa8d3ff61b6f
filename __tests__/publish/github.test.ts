// The publishers against a loopback GitHub that checks every request against GitHub's OpenAPI
// description: check run, sticky comment, deployment statuses, rollback dispatch, and what a refusal
// or an outage does. The client retries after 1 ms here instead of seconds.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { ANNOTATIONS_PER_REQUEST, CheckRun, MAX_CHECK_SUMMARY } from '../../src/publish/checks.js'
import { GitHubClient } from '../../src/publish/client.js'
import { DeploymentStatus } from '../../src/publish/deployments.js'
import { publishComment } from '../../src/publish/pr-comment.js'
import { dispatchRollback } from '../../src/publish/rollback-dispatch.js'
import { annotationsOf } from '../../src/report/annotations.js'
import { renderSummary } from '../../src/report/markdown.js'
import { check, fixtureReport } from '../report/fixture.js'
import { GitHubEmulator } from '../support/github-emulator.js'
import { valueOf } from '../support/result.js'
import type { Logger } from '../../src/log.js'

const HEAD_SHA = '3f1c2a9e8b7d6c5b4a39281706f5e4d3c2b1a098'
let github: GitHubEmulator
const warnings: string[] = []
const logger: Logger = {
  info: () => undefined,
  warning: message => void warnings.push(message),
  error: message => void warnings.push(message),
  debug: () => undefined,
  group: (_name, fn) => fn(),
  mask: () => undefined
}

beforeAll(async () => {
  github = await GitHubEmulator.start()
})
afterAll(() => github.close())
afterEach(() => {
  warnings.length = 0
})

const client = () => GitHubClient.create('ghs_test', github.url, logger, { retries: 2, retryBaseMs: 1 })
const target = { owner: 'acme', repo: 'shop', headSha: HEAD_SHA, name: 'deploy-verify' }

describe('the emulator', () => {
  test('answers 422, as GitHub would, to a body its OpenAPI description rejects', async () => {
    const response = await fetch(`${github.url}/repos/acme/shop/check-runs`, {
      method: 'POST',
      headers: { authorization: 'token x', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', head_sha: HEAD_SHA, conclusion: 'mostly-fine' })
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ message: 'Validation Failed' })
  })

  test('answers 422 to a path parameter of the wrong type', async () => {
    const response = await fetch(`${github.url}/repos/acme/shop/check-runs/not-a-number`, {
      method: 'PATCH',
      headers: { authorization: 'token x', 'content-type': 'application/json' },
      body: '{}'
    })
    expect(response.status).toBe(422)
  })
})

describe('the check run', () => {
  test('is created in progress on the head commit, then completed with the verdict and its annotations', async () => {
    const checkRun = new CheckRun(await client(), target)
    const id = valueOf(await checkRun.start())
    expect(github.checkRuns.find(r => r.id === id)).toMatchObject({
      status: 'in_progress',
      head_sha: HEAD_SHA
    })

    const report = fixtureReport()
    const annotations = annotationsOf(report, file => file)
    await checkRun.complete({
      status: report.status,
      title: 'failed · production',
      summary: renderSummary(report),
      annotations
    })
    const run = github.checkRuns.find(r => r.id === id)
    expect(run).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'failed · production' }
    })
    expect(run?.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: '.github/deploy-verify/production.yml',
          start_line: 12,
          annotation_level: 'failure',
          title: 'services.database'
        })
      ])
    )
  })

  test('sends 120 annotations 50 a request, with a summary that fits', async () => {
    const failing = Array.from({ length: 120 }, (_, i) =>
      check({ id: `services.svc-${i}`, status: 'failed', line: i + 1, message: `down ${'x'.repeat(900)}` })
    )
    const report = fixtureReport({ checks: failing })
    const summary = renderSummary(report, { maxBytes: MAX_CHECK_SUMMARY })
    const checkRun = new CheckRun(await client(), target)
    const id = valueOf(await checkRun.start())
    await checkRun.complete({
      status: 'failed',
      title: 'failed',
      summary,
      annotations: annotationsOf(report, f => f)
    })
    const run = github.checkRuns.find(r => r.id === id)
    expect(run?.annotations).toHaveLength(120)
    expect(run?.annotationRequests).toBe(Math.ceil(120 / ANNOTATIONS_PER_REQUEST))
    expect(run?.annotations.map(a => a.start_line)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
    expect(run?.output.summary?.length).toBeLessThanOrEqual(MAX_CHECK_SUMMARY)
    expect(run?.output.summary).toContain('services.svc-119')
  })

  test('cuts a summary too long for GitHub, saying how much the JSON report still holds', async () => {
    const failing = Array.from({ length: 400 }, (_, i) =>
      check({ id: `services.svc-${i}`, status: 'failed', message: `down ${'x'.repeat(900)}` })
    )
    const summary = renderSummary(fixtureReport({ checks: failing }), { maxBytes: MAX_CHECK_SUMMARY })
    const checkRun = new CheckRun(await client(), target)
    const id = valueOf(
      await checkRun.complete({ status: 'failed', title: 'failed', summary, annotations: [] })
    )
    const shown = github.checkRuns.find(r => r.id === id)?.output.summary ?? ''
    expect(shown.length).toBeLessThanOrEqual(MAX_CHECK_SUMMARY)
    expect(shown).toMatch(/^> ✂️ \*\*Shortened\*\* to fit 63 KiB: \d+ checks needing attention left out/m)
    expect(shown).toMatch(/\d+ checks needing attention not shown here: see the JSON report\./)
  })

  test('refused for want of permission: a warning names checks: write, and nothing is tried again', async () => {
    github.fail('checks/create', { status: 403, body: { message: 'Resource not accessible by integration' } })
    const checkRun = new CheckRun(await client(), target)
    const before = github.requests.length
    expect(await checkRun.start()).toMatchObject({ ok: false })
    expect(
      await checkRun.complete({ status: 'passed', title: 't', summary: 's', annotations: [] })
    ).toMatchObject({ ok: false })
    expect(github.requests.length - before).toBe(1)
    expect(warnings).toEqual([expect.stringContaining('Could not create the check run: GitHub answered 403')])
    expect(warnings[0]).toContain('`checks: write`')
  })

  test('survives an outage: two 502 answers are retried, the third request succeeds', async () => {
    github.fail('checks/create', { status: 502 }, { status: 502 })
    const checkRun = new CheckRun(await client(), target)
    const id = valueOf(await checkRun.start())
    expect(id).toBeDefined()
    expect(github.checkRuns.find(r => r.id === id)?.status).toBe('in_progress')
    expect(warnings).toEqual([])
  })

  test('a rate limit is waited out as GitHub asks (retry-after), then the request is sent again', async () => {
    github.fail('checks/create', {
      status: 429,
      body: { message: 'You have exceeded a secondary rate limit.' },
      headers: { 'retry-after': '30' }
    })
    const before = github.requests.length
    const id = valueOf(await new CheckRun(await client(), target).start())
    expect(github.checkRuns.find(r => r.id === id)?.status).toBe('in_progress')
    expect(github.requests.slice(before).map(r => r.status)).toEqual([429, 201])
    expect(warnings).toEqual([])
  })

  test('a rate limit longer than a minute is not hammered: one request, then a warning', async () => {
    github.fail('checks/create', {
      status: 429,
      body: { message: 'You have exceeded a secondary rate limit.' },
      headers: { 'retry-after': '600' }
    })
    const before = github.requests.length
    expect(await new CheckRun(await client(), target).start()).toMatchObject({ ok: false })
    expect(github.requests.length - before).toBe(1)
    expect(warnings).toEqual([expect.stringContaining('a rate limit, not a missing permission; skipped')])
  })

  test('a spent rate limit answered 403 is not taken for a missing permission', async () => {
    const spent = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '4102444800' }
    github.fail('checks/create', {
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      headers: spent
    })
    const checkRun = new CheckRun(await client(), target)
    expect(await checkRun.start()).toMatchObject({ ok: false })
    expect(warnings).toEqual([expect.stringContaining('a rate limit, not a missing permission; skipped')])
    expect(warnings[0]).not.toContain('checks: write')
    const id = valueOf(
      await checkRun.complete({ status: 'passed', title: 't', summary: 's', annotations: [] })
    )
    expect(github.checkRuns.find(r => r.id === id)?.conclusion).toBe('success')
  })

  test('an outage that lasts is a warning, and the run is still created completed at the end', async () => {
    github.fail('checks/create', { status: 503 }, { status: 503 }, { status: 503 })
    const checkRun = new CheckRun(await client(), target)
    expect(await checkRun.start()).toMatchObject({ ok: false })
    expect(warnings[0]).toMatch(
      /GitHub answered 503 .* after 3 attempts; skipped\. The verdict is unchanged\./
    )
    const id = valueOf(
      await checkRun.complete({ status: 'warning', title: 't', summary: 's', annotations: [] })
    )
    expect(github.checkRuns.find(r => r.id === id)).toMatchObject({
      status: 'completed',
      conclusion: 'neutral'
    })
  })
})

describe('the sticky comment', () => {
  test('is created once, updated in place after, and kept apart per environment', async () => {
    const comment = { owner: 'acme', repo: 'shop', pullRequest: 7 }
    const first = valueOf(
      await publishComment(await client(), { ...comment, environment: 'production' }, 'first run')
    )
    const second = valueOf(
      await publishComment(await client(), { ...comment, environment: 'production' }, 'second run')
    )
    const staging = valueOf(
      await publishComment(await client(), { ...comment, environment: 'staging' }, 'staging run')
    )
    expect(second).toBe(first)
    expect(staging).not.toBe(first)
    expect(github.comments.filter(c => c.issue === 7).map(c => c.body)).toEqual([
      '<!-- deploy-verify:production -->\nsecond run',
      '<!-- deploy-verify:staging -->\nstaging run'
    ])
  })

  test('finds its comment among more than a page of others', async () => {
    for (let i = 0; i < 150; i++) github.comments.push({ id: 50_000 + i, issue: 8, body: `chatter ${i}` })
    const comment = { owner: 'acme', repo: 'shop', pullRequest: 8, environment: 'production' }
    await publishComment(await client(), comment, 'one')
    await publishComment(await client(), comment, 'two')
    expect(github.comments.filter(c => c.issue === 8 && c.body.startsWith('<!--'))).toHaveLength(1)
  })
})

describe('the deployment status', () => {
  test('creates a deployment when asked, then sets in_progress and the final state with links', async () => {
    const deployment = new DeploymentStatus(await client(), {
      owner: 'acme',
      repo: 'shop',
      deployment: 'create',
      environment: 'production',
      ref: 'refs/heads/main',
      logUrl: 'https://github.com/acme/shop/actions/runs/1'
    })
    const id = valueOf(await deployment.start())
    await deployment.finish('failed', 'x'.repeat(300), 'https://api.example.com')
    expect(github.deployments.find(d => d.id === id)).toMatchObject({
      environment: 'production',
      ref: 'refs/heads/main'
    })
    const statuses = github.deploymentStatuses.filter(s => s.deployment_id === id)
    expect(statuses.map(s => s.state)).toEqual(['in_progress', 'failure'])
    expect(statuses[1]).toMatchObject({
      environment_url: 'https://api.example.com',
      log_url: 'https://github.com/acme/shop/actions/runs/1'
    })
    expect(String(statuses[1]?.description).length).toBeLessThanOrEqual(140)
  })

  test('without deployments: write, warns and names the permission', async () => {
    github.fail('repos/create-deployment-status', {
      status: 403,
      body: { message: 'Resource not accessible by integration' }
    })
    const deployment = new DeploymentStatus(await client(), {
      owner: 'acme',
      repo: 'shop',
      deployment: '77',
      environment: 'production',
      ref: 'main'
    })
    await deployment.start()
    await deployment.finish('passed', 'ok')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('`deployments: write`')
  })
})

describe('the rollback dispatch', () => {
  test('sends the event with a compact payload of at most 10 keys, and names the keys it sent', async () => {
    const report = fixtureReport()
    const result = await dispatchRollback(
      await client(),
      { owner: 'acme', repo: 'shop', eventType: 'rollback-production' },
      report
    )
    const sent = github.dispatches.at(-1)
    expect(result).toEqual({ ok: true, value: Object.keys(sent?.client_payload as object) })
    expect(sent).toMatchObject({
      event_type: 'rollback-production',
      client_payload: {
        environment: 'production',
        status: 'failed',
        sha: HEAD_SHA,
        failed_checks: ['services.database', 'services.queue'],
        failed_count: 2
      }
    })
    expect(Object.keys(sent?.client_payload as object).length).toBeLessThanOrEqual(10)
  })
})
