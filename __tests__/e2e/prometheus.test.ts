// Metric rules through the bundled action, against a real Prometheus server scraping a real
// node_exporter on loopback: the ready rules of docs/metrics.md as written; memory and disk judged
// from live data, with bounds set either side of what this host uses now; an empty result is no
// data, and a malformed query fails with Prometheus's own error.
import { mkdtemp, readFile, statfs, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js'
import { reportSchemaErrors } from '../support/report-schema.js'
import type { Report } from '../../src/model/report.js'

/** The ready rules of docs/metrics.md, narrowed to the root filesystem of this host. */
const MEMORY = '1 - node_memory_MemAvailable_bytes{job="node"} / node_memory_MemTotal_bytes{job="node"}'
const DISK =
  '1 - node_filesystem_avail_bytes{job="node", mountpoint="/"} / node_filesystem_size_bytes{job="node", mountpoint="/"}'
const ABSENT = 'node_memory_MemTotal_bytes{job="no-such-job"}'
const MALFORMED = 'rate(node_memory_MemTotal_bytes[5m]'
/** Percentage points between what the host uses and a bound: room for the host to move during the run. */
const MARGIN = 15

let prometheus: PrometheusServer

beforeAll(async () => {
  prometheus = await startPrometheus()
})

afterAll(async () => {
  await prometheus?.stop()
})

/** The share of memory in use, as the kernel tells it (what node_exporter reads). */
async function memoryUsed(): Promise<number> {
  const meminfo = await readFile('/proc/meminfo', 'utf8')
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(meminfo)?.[1])
  return 1 - kB('MemAvailable') / kB('MemTotal')
}

/** The share of the root filesystem not available to a user, as node_exporter computes it. */
async function diskUsed(): Promise<number> {
  const root = await statfs('/')
  return 1 - root.bavail / root.blocks
}

/** A bound MARGIN points above the share (a pass) or below it (a failure), kept within 0..100%. */
function bound(share: number, side: 'above' | 'below'): string {
  const points = Math.round(share * 100) + (side === 'above' ? MARGIN : -MARGIN)
  return `> ${Math.min(100, Math.max(0, points))}%`
}

async function runRules() {
  const [memory, disk] = [await memoryUsed(), await diskUsed()]
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-host-rules-'))
  const rule = (query: string, level: string) => `{ query: ${JSON.stringify(query)}, fail: '${level}' }`
  await writeFile(
    join(workspace, 'env.yml'),
    `version: 1
environment: staging
defaults:
  timeout: 10s
  retry: { attempts: 1 }
services:
  hosts:
    prometheus:
      url: ${prometheus.url}
      rules:
        memory: ${rule(MEMORY, bound(memory, 'above'))}
        memory_tight: ${rule(MEMORY, bound(memory, 'below'))}
        disk: ${rule(DISK, bound(disk, 'above'))}
        disk_tight: ${rule(DISK, bound(disk, 'below'))}
        absent: ${rule(ABSENT, '< 1GiB')}
        malformed: ${rule(MALFORMED, '> 80%')}
`
  )
  const run = await runAction({ cwd: workspace, inputs: { config: 'env.yml' } })
  const report = JSON.parse(await readFile(run.outputs['report-path'] ?? '', 'utf8')) as Report
  return { ...run, report, memory, disk }
}

/** A ```yaml block of docs/metrics.md, by the heading it follows. */
async function documented(heading: string): Promise<string> {
  const text = await readFile(new URL('../../docs/metrics.md', import.meta.url), 'utf8')
  const block = new RegExp(`### ${heading}\\n\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(text)?.[1]
  if (block === undefined) throw new Error(`docs/metrics.md has no yaml block after '### ${heading}'`)
  return block
}

/** Runs a block of ready rules through the bundled action against the real server. */
async function runDocumented(heading: string) {
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-ready-rules-'))
  await writeFile(
    join(workspace, 'env.yml'),
    `version: 1
variables:
  PROMETHEUS_URL: { required: true }
  PROMETHEUS_TOKEN: { default: none, secret: true }
defaults:
  retry: { attempts: 1 }
${await documented(heading)}`
  )
  const run = await runAction({
    cwd: workspace,
    inputs: { config: 'env.yml' },
    env: { PROMETHEUS_URL: prometheus.url }
  })
  return JSON.parse(await readFile(run.outputs['report-path'] ?? '', 'utf8')) as Report
}

describe('the ready rules of docs/metrics.md against a real Prometheus', () => {
  it('judges every node_exporter rule from live data of this host', async () => {
    // rate() over the CPU counters needs two scrapes.
    expect(await prometheus.until('rate(node_cpu_seconds_total{mode="idle"}[5m])')).toBe(true)
    const report = await runDocumented('Hosts, with node_exporter')
    const rules = report.container_metrics?.hosts ?? {}
    expect(Object.keys(rules)).toEqual(['memory', 'cpu', 'disk'])
    for (const reading of Object.values(rules)) expect(reading.series_count).toBeGreaterThan(0)
  })

  it('runs every cAdvisor rule as valid PromQL: with no cAdvisor here, each says no data', async () => {
    const report = await runDocumented('Containers, with cAdvisor')
    const checks = report.checks.filter(check => check.id.startsWith('metrics.api-containers.'))
    expect(checks.map(check => [check.id, check.message])).toEqual(
      ['running', 'memory', 'cpu', 'disk'].map(rule => [
        `metrics.api-containers.${rule}`,
        'no data: the query returned no series'
      ])
    )
  })
})

describe('host rules against a real Prometheus scraping node_exporter', () => {
  let run: Awaited<ReturnType<typeof runRules>>
  const check = (id: string) => run.report.checks.find(one => one.id === id)
  const read = (rule: string) => run.report.container_metrics?.hosts?.[rule]

  beforeAll(async () => {
    run = await runRules()
  })

  it('judges memory from live data: a bound above what the host uses passes, one below fails', () => {
    expect(check('metrics.hosts.memory')).toMatchObject({ status: 'passed', line: 11 })
    expect(check('metrics.hosts.memory_tight')).toMatchObject({
      status: 'failed',
      line: 12,
      message: expect.stringMatching(
        /^\{instance="127\.0\.0\.1:\d+",job="node"\} is \d+(\.\d+)?%: fail level > \d+%$/
      )
    })
    const [series] = read('memory')?.series ?? []
    expect(read('memory')?.series_count).toBe(1)
    // What Prometheus read is what the kernel says, give or take the host's activity meanwhile.
    expect(Math.abs(Number(series?.value) - run.memory)).toBeLessThan(MARGIN / 100)
  })

  it('judges the root filesystem from live data: a bound above its use passes, one below fails', () => {
    expect(check('metrics.hosts.disk')).toMatchObject({ status: 'passed', line: 13 })
    expect(check('metrics.hosts.disk_tight')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/mountpoint="\/"\} is \d+(\.\d+)?%: fail level > \d+%$/)
    })
    const [series] = read('disk')?.series ?? []
    expect(series?.series).toContain('mountpoint="/"')
    expect(Math.abs(Number(series?.value) - run.disk)).toBeLessThan(0.02)
  })

  it('reports a query with an empty result as no data, a failure and not a pass', () => {
    expect(check('metrics.hosts.absent')).toMatchObject({
      status: 'failed',
      message: 'no data: the query returned no series'
    })
    expect(read('absent')).toMatchObject({ series_count: 0, series: [] })
  })

  it("fails a malformed query with Prometheus's own error", async () => {
    const answer = (await prometheus.query(MALFORMED)) as { errorType: string; error: string }
    expect(answer.error).toContain('parse error')
    expect(check('metrics.hosts.malformed')).toMatchObject({
      status: 'failed',
      message: `Prometheus refused the query (${answer.errorType}): ${answer.error}`
    })
  })

  it('fails the run with its rules, in a report the schema accepts', () => {
    expect(run.exitCode).toBe(1)
    expect(reportSchemaErrors(run.report)).toEqual([])
    expect(run.report.status).toBe('failed')
    expect(check('services.hosts')?.status).toBe('failed')
  })
})
