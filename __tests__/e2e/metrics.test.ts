// Resource thresholds through the bundled action: a prom-client exporter and a Prometheus API on
// loopback, read by the action as the runner runs it. The rules become checks on their lines, what
// was read fills container_metrics, and the Prometheus token appears nowhere.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Gauge, Registry } from 'prom-client'
import { runAction } from '../../tools/run-action.mjs'
import { startHttp } from '../support/loopback.js'
import { reportSchemaErrors } from '../support/report-schema.js'
import type { Report } from '../../src/model/report.js'

const TOKEN = 'prom-e2e-token-5f2a91'

const registry = new Registry()
const memory = new Gauge({ name: 'app_memory_bytes', help: 'Memory the app holds.', registers: [registry] })

const servers: Array<Awaited<ReturnType<typeof startHttp>>> = []

afterAll(async () => {
  await Promise.all(servers.map(server => server.close()))
})

async function loopbackServices(): Promise<{ exporter: string; prometheus: string }> {
  const exporter = await startHttp((_request, response) => {
    void registry
      .metrics()
      .then(text => response.writeHead(200, { 'content-type': registry.contentType }).end(text))
  })
  const prometheus = await startHttp((request, response) => {
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return void response.writeHead(401).end()
    const result = [{ metric: { instance: 'node-a:9100' }, value: [1700000000, '0.75'] }]
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }))
  })
  servers.push(exporter, prometheus)
  return { exporter: exporter.url, prometheus: prometheus.url }
}

async function runWith(memoryBytes: number) {
  memory.set(memoryBytes)
  const { exporter, prometheus } = await loopbackServices()
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-metrics-'))
  await writeFile(
    join(workspace, 'env.yml'),
    `version: 1
environment: staging
variables:
  PROM_TOKEN: { required: true, secret: true }
defaults:
  timeout: 5s
  retry: { attempts: 1 }
services:
  app:
    metrics:
      url: ${exporter}/metrics
      rules:
        memory: app_memory_bytes < 512MiB
  hosts:
    prometheus:
      url: ${prometheus}
      headers:
        Authorization: Bearer \${PROM_TOKEN}
      rules:
        memory: { query: '1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes', warn: '> 70%', fail: '> 80%' }
`
  )
  const run = await runAction({ cwd: workspace, inputs: { config: 'env.yml' }, env: { PROM_TOKEN: TOKEN } })
  const text = await readFile(run.outputs['report-path'] ?? '', 'utf8')
  return { ...run, text, report: JSON.parse(text) as Report }
}

describe('metric rules through the bundled action', () => {
  it('fail the run when the exporter’s memory gauge is over its bound, with the checks on their lines', async () => {
    const { exitCode, log, text, report } = await runWith(600 * 2 ** 20)
    expect(exitCode).toBe(1)
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.status).toBe('failed')
    const checks = new Map(report.checks.map(check => [check.id, check]))
    expect(checks.get('metrics.app.memory')).toMatchObject({ status: 'failed', file: 'env.yml', line: 13 })
    expect(checks.get('metrics.hosts.memory')).toMatchObject({
      status: 'warning',
      line: 20,
      message: '{instance="node-a:9100"} is 75%: warn level > 70%'
    })
    expect(report.container_metrics?.app?.memory).toMatchObject({
      expression: 'app_memory_bytes < 512MiB',
      bounds: { warn: null, fail: '>= 512MiB' },
      series: [{ series: 'app_memory_bytes', value: 600 * 2 ** 20, shown: '600 MiB', reached: 'fail' }]
    })
    // The runner consumes `::add-mask::` commands; everything else it shows or keeps must be clean.
    const shown = log
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    expect(log).toContain(`::add-mask::${TOKEN}`)
    expect(`${shown}${text}`).not.toContain(TOKEN)
  })

  it('pass the exporter’s rule below its bound, the run then only warns', async () => {
    const { exitCode, report } = await runWith(100 * 2 ** 20)
    expect(exitCode).toBe(0)
    expect(report.status).toBe('warning')
    expect(report.container_metrics?.app?.memory?.status).toBe('passed')
  })
})
