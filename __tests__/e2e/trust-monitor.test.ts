// The monitor window through the bundled action: a service that dies once its check has passed is
// watched only until `max_consecutive_failures` has decided its verdict, not for the rest of the
// window; each failed poll is logged, a long window logs its progress at least every 30 s, and the
// summary shows the window's real figures.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { startHttp } from '../support/loopback.js'
import { reportSchemaErrors } from '../support/report-schema.js'

const WINDOW_MS = 60_000
let api: Awaited<ReturnType<typeof startHttp>>
let requests = 0

beforeAll(async () => {
  // Healthy for the check (the first request), then down for good.
  api = await startHttp((_request, response) => {
    requests++
    const up = requests === 1
    response.writeHead(up ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ up }))
  })
})

afterAll(() => api.close())

test('a service that dies is watched until its verdict is decided, with real figures in the summary', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'dv-e2e-monitor-'))
  await writeFile(
    join(workspace, 'env.yml'),
    `version: 1
environment: preview
variables:
  API_URL: { required: true }
defaults:
  retry: { attempts: 1 }
services:
  api:
    http: { url: '\${API_URL}/health' }
monitor:
  duration: 1m
  interval: 200ms
  max_consecutive_failures: 3
`
  )
  const { exitCode, log, summary } = await runAction({
    cwd: workspace,
    inputs: { config: 'env.yml' },
    env: { API_URL: api.url }
  })
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  expect(reportSchemaErrors(report)).toEqual([])
  expect(exitCode).toBe(1)
  const monitor = report.checks.find((c: { id: string }) => c.id === 'monitor.api')
  expect(monitor).toMatchObject({ status: 'failed', attempts: 3 })
  expect(monitor.message).toMatch(
    /longest run of failures 3 \(fails at 3\).*; stopped watching after (\d+ ms|[\d.]+ s) of 60 s: the verdict was decided$/
  )
  // The window's own duration, short of the minute it was given: the watch stopped.
  expect(monitor.duration_ms).toBeGreaterThan(0)
  expect(monitor.duration_ms).toBeLessThan(WINDOW_MS)
  expect(report.monitor.services.api).toMatchObject({ polls: 3, failures: 3 })
  // The check and three polls: nothing after the verdict was decided.
  expect(requests).toBe(4)
  for (const poll of [1, 2, 3]) expect(log).toContain(`monitor.api: poll ${poll} failed: `)
  // The summary's row shows the window's time (kept on one line) and polls, not 0 ms and 0 attempts.
  const row = summary.split('\n').find(line => line.includes('`monitor.api`'))
  expect(row).toMatch(/`monitor\.api`(\]\([^)]*\))? \| ❌ failed \| (\d+\sms|[\d.]+\ss) \| 3 \| /)
  expect(row).not.toMatch(/\| 0\sms \|/)
}, 60_000)

test('a long window says it is alive at least every 30 s, and logs each failed poll', async () => {
  // Every fifth request fails: a flaky service, within a 25% error rate.
  let served = 0
  const flaky = await startHttp((_request, response) => {
    served++
    response.writeHead(served % 5 === 0 ? 503 : 200).end()
  })
  try {
    const workspace = await mkdtemp(join(tmpdir(), 'dv-e2e-monitor-'))
    await writeFile(
      join(workspace, 'env.yml'),
      `version: 1
environment: preview
variables:
  API_URL: { required: true }
defaults:
  retry: { attempts: 1 }
services:
  api:
    http: { url: '\${API_URL}/health' }
monitor:
  duration: 32s
  interval: 1s
  max_error_rate: 25%
  max_consecutive_failures: 3
`
    )
    const { exitCode, log } = await runAction({
      cwd: workspace,
      inputs: { config: 'env.yml' },
      env: { API_URL: flaky.url }
    })
    const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
    expect(exitCode).toBe(0)
    const monitor = report.checks.find((c: { id: string }) => c.id === 'monitor.api')
    expect(monitor.status).toBe('flaky')
    const { polls, failures } = report.monitor.services.api
    expect(monitor.attempts).toBe(polls)
    expect(failures).toBeGreaterThan(0)
    // Each failed poll has its own line, and the window said how it was going before it ended.
    const failedLines = log.match(/monitor\.api: poll \d+ failed: expected status 2xx, got 503/g) ?? []
    expect(failedLines).toHaveLength(failures)
    expect(log).toMatch(/monitor\.api: \d+ polls in [\d.]+ s of 32 s, [1-9]\d* failed/)
  } finally {
    await flaky.close()
  }
}, 90_000)
