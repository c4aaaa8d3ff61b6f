// The prometheus probe against a loopback server that answers as the Prometheus HTTP API does:
// instant queries judged per series, no data, warnings, Prometheus's own errors, authentication.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServiceConfig } from '../../src/config/model.js'
import { judge } from '../../src/judge/expect.js'
import { metricRuleChecks } from '../../src/phases/metric-checks.js'
import { observe } from '../../src/probes/index.js'
import { ruleView } from '../support/metric-rules.js'
import { cleanup, load, yaml } from '../config/helpers.js'
import { startHttp } from '../support/loopback.js'
import { reportSchemaErrors } from '../support/report-schema.js'
import { assembleReport } from '../../src/report/assemble.js'
import { checkServices } from '../../src/phases/services.js'
import { checkResult, type CheckOutcome } from '../../src/model/check.js'
import { fakeClock } from '../support/clock.js'
import { quietLogger } from '../support/logger.js'

const TOKEN = 'prom-token-7c1f'

/** What the fake server answers to each query, as the real API words it. */
const ANSWERS: Record<string, { status: number; body: unknown }> = {
  host_memory_ratio: {
    status: 200,
    body: {
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { instance: 'node-a:9100' }, value: [1700000000, '0.65'] },
          { metric: { instance: 'node-b:9100' }, value: [1700000000, '0.83'] }
        ]
      }
    }
  },
  absent_metric: { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [] } } },
  partial_disk: {
    status: 200,
    body: {
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: { mountpoint: '/' }, value: [1700000000, '0.4'] }] },
      warnings: ['remote store eu-1 was unreachable: results may be partial']
    }
  },
  'scalar(1)': {
    status: 200,
    body: { status: 'success', data: { resultType: 'scalar', result: [1700000000, '1'] } }
  },
  'sum(rate(x[5m])) / 0': {
    status: 200,
    body: {
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, 'NaN'] }] }
    }
  },
  'x[5m]': {
    status: 200,
    body: { status: 'success', data: { resultType: 'matrix', result: [] } }
  },
  'rate(x[5m]': {
    status: 400,
    body: { status: 'error', errorType: 'bad_data', error: '1:11: parse error: unclosed left parenthesis' }
  }
}

/** Values the next answers to `scripted_ratio` hold, in turn; the last one stays. */
const script: string[] = []

const seenPaths: string[] = []
let prometheus: Awaited<ReturnType<typeof startHttp>>

beforeAll(async () => {
  prometheus = await startHttp((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    seenPaths.push(url.pathname)
    if (request.headers.authorization !== `Bearer ${TOKEN}`)
      return void response.writeHead(401).end('Unauthorized')
    const query = url.searchParams.get('query') ?? ''
    const value = script.length > 1 ? script.shift() : script[0]
    const scripted = {
      status: 200,
      body: {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, value] }] }
      }
    }
    const answer = query === 'scripted_ratio' ? scripted : ANSWERS[query]
    if (url.pathname !== '/prom/api/v1/query' || !answer) return void response.writeHead(404).end()
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body))
  })
})

afterAll(async () => {
  await prometheus.close()
  await cleanup()
})

async function cluster(rules: Record<string, string>, token = TOKEN): Promise<ServiceConfig> {
  const lines = Object.entries(rules).map(
    ([name, query]) =>
      `              ${name}: { query: ${JSON.stringify(query)}, warn: '> 70%', fail: '> 80%' }`
  )
  const config = await load({
    'env.yml': yaml`
      version: 1
      environment: staging
      services:
        cluster:
          prometheus:
            url: ${prometheus.url}/prom
            headers: { Authorization: Bearer ${token} }
            rules:
${lines.join('\n')}
    `
  })
  const [found] = config.services
  if (!found) throw new Error('the service should load')
  return found
}

async function checkOnce(service: ServiceConfig) {
  const observation = await observe(service.probe, { timeoutMs: 5_000 })
  return {
    attempt: judge(service.probe, observation),
    rules: metricRuleChecks(service, observation).map(ruleView)
  }
}

describe('a prometheus probe', () => {
  it('judges every series of an instant vector: one over the fail level fails the rule, and is named', async () => {
    const { attempt, rules } = await checkOnce(await cluster({ host_memory: 'host_memory_ratio' }))
    expect(seenPaths).toContain('/prom/api/v1/query')
    expect(attempt.failures).toEqual(['host_memory: {instance="node-b:9100"} is 83%: fail level > 80%'])
    expect(rules[0]).toMatchObject({
      id: 'metrics.cluster.host_memory',
      category: 'metrics',
      status: 'failed',
      line: 9,
      reading: {
        expression: 'host_memory_ratio',
        bounds: { warn: '> 70%', fail: '> 80%' },
        series_count: 2,
        series: [
          { series: '{instance="node-a:9100"}', value: 0.65, shown: '65%', reached: null },
          { series: '{instance="node-b:9100"}', value: 0.83, shown: '83%', reached: 'fail' }
        ]
      }
    })
  })

  it('reports an empty result as no data, which is not a pass', async () => {
    const { attempt, rules } = await checkOnce(await cluster({ gone: 'absent_metric' }))
    expect(attempt.ok).toBe(false)
    expect(rules[0]).toMatchObject({ status: 'failed', message: 'no data: the query returned no series' })
  })

  it("surfaces the answer's warnings: a result within its levels warns, since the data may be partial", async () => {
    const { attempt, rules } = await checkOnce(await cluster({ disk: 'partial_disk' }))
    expect(attempt.ok).toBe(true)
    expect(rules[0]).toMatchObject({
      status: 'warning',
      message:
        '{mountpoint="/"} is 40%, short of every level (warn > 70%, fail > 80%); Prometheus warned: remote store eu-1 was unreachable: results may be partial',
      reading: { warnings: ['remote store eu-1 was unreachable: results may be partial'] }
    })
  })

  it("fails a malformed query with Prometheus's own error, and judges the other rules all the same", async () => {
    const { rules } = await checkOnce(await cluster({ broken: 'rate(x[5m]', one: 'scalar(1)' }))
    expect(rules.map(r => [r.id, r.status, r.message])).toEqual([
      [
        'metrics.cluster.broken',
        'failed',
        'Prometheus refused the query (bad_data): 1:11: parse error: unclosed left parenthesis'
      ],
      ['metrics.cluster.one', 'failed', 'one is 100%: fail level > 80%']
    ])
  })

  it('fails a NaN value and a range result, neither of which a bound can judge', async () => {
    const { rules } = await checkOnce(await cluster({ ratio: 'sum(rate(x[5m])) / 0', range: 'x[5m]' }))
    expect(rules.map(r => r.message)).toEqual([
      'ratio is NaN, which no bound can judge',
      'a matrix result cannot be judged against a bound: write an instant query whose result is a vector or a scalar'
    ])
  })

  it('says the credentials were refused, and never shows them', async () => {
    const { attempt, rules } = await checkOnce(
      await cluster({ host_memory: 'host_memory_ratio' }, 'wrong-token')
    )
    expect(rules[0]).toMatchObject({
      status: 'failed',
      message: 'answered HTTP 401: the credentials were refused (check the headers)'
    })
    expect(JSON.stringify({ attempt, rules })).not.toContain('wrong-token')
  })

  it("writes what was read into the report's container_metrics section, which the report schema accepts", async () => {
    const service = await cluster({ host_memory: 'host_memory_ratio', ratio: 'sum(rate(x[5m])) / 0' })
    const observation = await observe(service.probe, { timeoutMs: 5_000 })
    const outcomes = metricRuleChecks(service, observation)
    const plan = {
      deploymentId: 'deploy_20261201_020000',
      environment: 'staging',
      mode: 'verify' as const,
      startedAt: new Date('2026-12-01T02:00:00Z'),
      configFiles: ['env.yml'],
      git: { sha: null, ref: null, repository: null, run_id: null, run_url: null, pull_request: null },
      checks: outcomes.map(outcome => outcome.identity)
    }
    const report = assembleReport(plan, { durationMs: 1000, outcomes, errors: [] })
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.status).toBe('failed')
    expect(report.container_metrics?.cluster?.host_memory).toMatchObject({
      status: 'failed',
      file: 'env.yml',
      line: 9,
      expression: 'host_memory_ratio',
      bounds: { warn: '> 70%', fail: '> 80%' },
      series_count: 2
    })
    expect(report.container_metrics?.cluster?.ratio?.series).toEqual([
      { series: '{}', value: 'NaN', shown: 'NaN', reached: 'fail' }
    ])
  })
})

describe('a prometheus service among the others', () => {
  async function run(services: ServiceConfig[]) {
    const recorded: CheckOutcome[] = []
    await checkServices(services, 4, {
      logger: quietLogger,
      clock: fakeClock(),
      startup: false,
      exports: {},
      record: check => void recorded.push(check),
      addSecrets: () => undefined
    })
    return new Map(recorded.map(outcome => [outcome.identity.id, checkResult(outcome)]))
  }

  async function withAttempts(attempts: number): Promise<ServiceConfig> {
    const found = await cluster({ memory: 'scripted_ratio' })
    return { ...found, policy: { ...found.policy, retry: { ...found.policy.retry, attempts } } }
  }

  it('is retried: a spike that subsides passes after retries (flaky), its rule judged on the last answer', async () => {
    script.splice(0, script.length, '0.9', '0.5')
    const checks = await run([await withAttempts(3)])
    expect(checks.get('services.cluster')).toMatchObject({ status: 'flaky', attempts: 2 })
    expect(checks.get('metrics.cluster.memory')).toMatchObject({ status: 'passed', line: 9 })
  })

  it('fails with its rule when the bound stays crossed, and the services depending on it are skipped', async () => {
    script.splice(0, script.length, '0.9')
    const hosts = await withAttempts(2)
    const dependent: ServiceConfig = { ...hosts, name: 'api', dependsOn: ['cluster'] }
    const checks = await run([hosts, dependent])
    expect(checks.get('services.cluster')).toMatchObject({
      status: 'failed',
      attempts: 2,
      message: expect.stringMatching(/^memory: memory is 90%: fail level > 80%/)
    })
    expect(checks.get('metrics.cluster.memory')?.status).toBe('failed')
    expect(checks.get('services.api')).toMatchObject({
      status: 'skipped',
      message: 'skipped: depends on cluster (failed)'
    })
  })
})
