// The metrics probe against a real exporter: a loopback service instrumented with prom-client,
// read over HTTP, its rules judged and reported as checks metrics.<service>.<rule>.
import { Gauge, Registry } from 'prom-client'
import type { ServiceConfig } from '../../src/config/model.js'
import { judge } from '../../src/judge/expect.js'
import { metricRuleChecks } from '../../src/phases/metric-checks.js'
import { observe } from '../../src/probes/index.js'
import { ruleView } from '../support/metric-rules.js'
import { cleanup, load, yaml } from '../config/helpers.js'
import { startHttp } from '../support/loopback.js'
import { fakeClock } from '../support/clock.js'
import { quietLogger } from '../support/logger.js'
import { checkServices } from '../../src/phases/services.js'
import { checkResult, type CheckOutcome } from '../../src/model/check.js'

const registry = new Registry()
const memory = new Gauge({
  name: 'app_memory_bytes',
  help: 'Memory the app holds.',
  labelNames: ['pool'],
  registers: [registry]
})
const inFlight = new Gauge({
  name: 'http_requests_in_flight',
  help: 'Requests being served.',
  labelNames: ['route'],
  registers: [registry]
})

/** Values the next scrapes read, in turn; the last one stays. */
const heapScript: number[] = []
new Gauge({
  name: 'app_heap_bytes',
  help: 'Heap in use, as scripted by the test.',
  registers: [registry],
  collect() {
    const next = heapScript.length > 1 ? heapScript.shift() : heapScript[0]
    if (next !== undefined) this.set(next)
  }
})

let exporter: Awaited<ReturnType<typeof startHttp>>

beforeAll(async () => {
  exporter = await startHttp((request, response) => {
    if (request.url !== '/metrics') return void response.writeHead(404).end()
    void registry
      .metrics()
      .then(text => response.writeHead(200, { 'content-type': registry.contentType }).end(text))
  })
})

afterAll(async () => {
  await exporter.close()
  await cleanup()
})

async function service(rules: string, path = '', maxBodyBytes = 1_048_576): Promise<ServiceConfig> {
  const config = await load({
    'env.yml': yaml`
      version: 1
      environment: staging
      services:
        app:
          metrics:
            url: ${exporter.url}/metrics${path}
            max_body_bytes: ${maxBodyBytes}
            rules:
${rules.replace(/^\n/, '')}
    `
  })
  const [found] = config.services
  if (!found) throw new Error('the service should load')
  return found
}

async function checkOnce(app: ServiceConfig) {
  const observation = await observe(app.probe, { timeoutMs: 5_000 })
  return { attempt: judge(app.probe, observation), rules: metricRuleChecks(app, observation).map(ruleView) }
}

describe('a metrics probe reading a prom-client exporter', () => {
  const rules = `
              memory: app_memory_bytes{pool="heap"} < 512MiB
              in_flight:
                series: http_requests_in_flight{route="/api"}
                warn: '> 80'
                fail: '> 100'`

  it('fails when the memory gauge crosses its bound, on the rule line, saying what was read', async () => {
    memory.set({ pool: 'heap' }, 600 * 2 ** 20)
    inFlight.set({ route: '/api' }, 10)
    const app = await service(rules)
    const { attempt, rules: checks } = await checkOnce(app)
    expect(attempt.ok).toBe(false)
    expect(attempt.failures).toEqual([
      'memory: app_memory_bytes{pool="heap"} is 600 MiB: fail level >= 512MiB'
    ])
    expect(checks.map(c => [c.id, c.status, c.line])).toEqual([
      ['metrics.app.memory', 'failed', 9],
      ['metrics.app.in_flight', 'passed', 10]
    ])
    expect(checks[0]?.reading).toMatchObject({
      expression: 'app_memory_bytes{pool="heap"} < 512MiB',
      bounds: { warn: null, fail: '>= 512MiB' },
      series: [
        { series: 'app_memory_bytes{pool="heap"}', value: 600 * 2 ** 20, shown: '600 MiB', reached: 'fail' }
      ]
    })
  })

  it('passes when the gauge is below the bound', async () => {
    memory.set({ pool: 'heap' }, 100 * 2 ** 20)
    inFlight.set({ route: '/api' }, 10)
    const { attempt, rules: checks } = await checkOnce(await service(rules))
    expect(attempt).toMatchObject({ ok: true, failures: [] })
    expect(checks.map(c => c.status)).toEqual(['passed', 'passed'])
    expect(checks[0]?.message).toBe(
      'app_memory_bytes{pool="heap"} is 100 MiB, short of every level (fail >= 512MiB)'
    )
  })

  it('warns, without failing the attempt, when a series reaches only the warn level', async () => {
    memory.set({ pool: 'heap' }, 100 * 2 ** 20)
    inFlight.set({ route: '/api' }, 90)
    const { attempt, rules: checks } = await checkOnce(await service(rules))
    expect(attempt.ok).toBe(true)
    expect(checks[1]).toMatchObject({
      id: 'metrics.app.in_flight',
      status: 'warning',
      message: 'http_requests_in_flight{route="/api"} is 90: warn level > 80'
    })
  })

  it('reports a series the exposition does not have as no data, a failure', async () => {
    const { attempt, rules: checks } = await checkOnce(
      await service('              gone: app_memory_bytes{pool="stack"} < 1GiB')
    )
    expect(attempt.ok).toBe(false)
    expect(checks[0]).toMatchObject({
      status: 'failed',
      message: 'no data: no sample of app_memory_bytes{pool="stack"} < 1GiB in the exposition'
    })
  })

  it('reads a cut exposition to its last whole line, and a rule past the cut says the exposition was cut', async () => {
    const full = await registry.metrics()
    const cutAt = full.indexOf('http_requests_in_flight{') + 'http_requests_in_flight{ro'.length
    const app = await service(
      [
        '              memory: app_memory_bytes{pool="heap"} < 1GiB',
        '              flight: http_requests_in_flight < 100'
      ].join('\n'),
      '',
      cutAt
    )
    const { rules: checks } = await checkOnce(app)
    expect(checks.map(c => c.status)).toEqual(['passed', 'failed'])
    expect(checks[1]?.message).toBe(
      `no data: no sample of http_requests_in_flight < 100 in the exposition (the exposition was cut at ${cutAt} bytes)`
    )
  })

  it('fails every rule with the reason when the exposition cannot be read', async () => {
    const app = await service('              memory: app_memory_bytes < 1GiB', '/missing')
    const { attempt, rules: checks } = await checkOnce(app)
    expect(attempt.failures).toEqual(['answered HTTP 404'])
    expect(checks[0]).toMatchObject({ status: 'failed', message: 'answered HTTP 404' })
  })
})

describe('a metrics service among the others', () => {
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

  it('is retried: a spike that subsides passes after retries (flaky), its rule judged on the last read', async () => {
    heapScript.splice(0, heapScript.length, 900 * 2 ** 20, 300 * 2 ** 20)
    const app = await service('              heap: app_heap_bytes < 512MiB')
    const checks = await run([
      { ...app, policy: { ...app.policy, retry: { ...app.policy.retry, attempts: 3 } } }
    ])
    expect(checks.get('services.app')).toMatchObject({ status: 'flaky', attempts: 2 })
    expect(checks.get('metrics.app.heap')).toMatchObject({ status: 'passed', category: 'metrics', line: 9 })
  })

  it('fails with its rule when the bound stays crossed, and the services depending on it are skipped', async () => {
    heapScript.splice(0, heapScript.length, 900 * 2 ** 20)
    const app = await service('              heap: app_heap_bytes < 512MiB')
    const policy = { ...app.policy, retry: { ...app.policy.retry, attempts: 2 } }
    const dependent: ServiceConfig = { ...app, name: 'worker', dependsOn: ['app'], policy }
    const checks = await run([{ ...app, policy }, dependent])
    expect(checks.get('services.app')).toMatchObject({ status: 'failed', attempts: 2 })
    expect(checks.get('services.app')?.message).toMatch(
      /^heap: app_heap_bytes is 900 MiB: fail level >= 512MiB/
    )
    expect(checks.get('metrics.app.heap')).toMatchObject({ status: 'failed', critical: false })
    expect(checks.get('services.worker')).toMatchObject({
      status: 'skipped',
      message: 'skipped: depends on app (failed)'
    })
    expect(checks.has('metrics.worker.heap')).toBe(false)
  })
})
