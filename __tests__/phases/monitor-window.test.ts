// The monitor window and the throughput burst against real loopback HTTP servers, on a fake clock:
// polls and bursts keep their schedule in fake time, so nothing waits and nothing depends on timing.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import type { MonitorConfig, ServiceConfig, ThroughputConfig } from '../../src/config/model.js'
import { runBursts } from '../../src/phases/burst.js'
import type { PhaseContext } from '../../src/phases/context.js'
import { watchServices } from '../../src/phases/monitor-window.js'
import { readSelector } from '../../src/metrics/selector.js'
import { checkResult, type CheckResult } from '../../src/model/check.js'
import { fakeClock } from '../support/clock.js'
import { quietLogger } from '../support/logger.js'
import { startHttp } from '../support/loopback.js'
import { httpSpec } from '../support/specs.js'

let server: Awaited<ReturnType<typeof startHttp>>
let base: string
/** Requests per path, and per path which request numbers (1-based) fail with a 503. */
const arrived = new Map<string, number>()
const failing = new Map<string, (n: number) => boolean>()
/** Per path, a request number from which the server stops answering, and what it does then. */
const hanging = new Map<string, { from: number; then: () => void }>()
/** Per path of an exposition, the memory gauge it shows at each request number. */
const exposing = new Map<string, (n: number) => number>()
/** Per path of a Prometheus query API, the ratio its answer holds at each request number. */
const answering = new Map<string, (n: number) => number>()

beforeAll(async () => {
  server = await startHttp((request, response) => {
    const path = request.url ?? ''
    const n = (arrived.get(path) ?? 0) + 1
    arrived.set(path, n)
    const hang = hanging.get(path)
    if (hang && n >= hang.from) return hang.then()
    const gauge = exposing.get(path)
    if (gauge) return void response.writeHead(200).end(`app_memory_bytes ${gauge(n)}\n`)
    const ratio = answering.get(path.split('?')[0] ?? '')
    if (ratio) {
      const result = [{ metric: {}, value: [1700000000, String(ratio(n))] }]
      return void response
        .writeHead(200)
        .end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }))
    }
    response.writeHead(failing.get(path)?.(n) ? 503 : 200).end()
  })
  base = server.url
})

afterAll(() => server.close())

beforeEach(() => {
  arrived.clear()
  failing.clear()
  hanging.clear()
  exposing.clear()
  answering.clear()
})

function service(name: string, fails: (n: number) => boolean = () => false): ServiceConfig {
  failing.set(`/${name}`, fails)
  return {
    name,
    critical: false,
    dependsOn: [],
    policy: {
      timeoutMs: 5000,
      retry: { attempts: 5, initialDelayMs: 1000, maxDelayMs: 1000, factor: 1, jitter: 0 },
      startupBudgetMs: 60_000,
      successThreshold: 1
    },
    source: { file: 'env.yml', line: 4, column: 3 },
    probe: httpSpec(`${base}/${name}`)
  }
}

const MiB = 2 ** 20
const MEMORY_RULE = readSelector('app_memory_bytes')

/** A metrics service whose rule warns over 256 MiB and fails at 512 MiB, its gauge set per request. */
function metricsService(name: string, memory: (n: number) => number): ServiceConfig {
  exposing.set(`/${name}`, memory)
  if ('problem' in MEMORY_RULE) throw new Error(MEMORY_RULE.problem)
  const level = (op: '>' | '>=', mib: number) => ({
    op,
    bound: mib * MiB,
    family: 'bytes' as const,
    text: `${op} ${mib}MiB`
  })
  const rule = {
    name: 'memory',
    expression: 'app_memory_bytes',
    selector: MEMORY_RULE.selector,
    warn: level('>', 256),
    fail: level('>=', 512),
    source: { file: 'env.yml', line: 6, column: 9 }
  }
  return {
    ...service(name),
    probe: { kind: 'metrics', url: `${base}/${name}`, headers: {}, maxBodyBytes: 1_048_576, rules: [rule] }
  }
}

/** A prometheus service whose query warns over 70% and fails over 80%, its answer set per request. */
function prometheusService(name: string, ratio: (n: number) => number): ServiceConfig {
  answering.set(`/${name}/api/v1/query`, ratio)
  const level = (bound: number) => ({
    op: '>' as const,
    bound,
    family: 'ratio' as const,
    text: `> ${bound * 100}%`
  })
  const rule = {
    name: 'memory',
    expression: 'memory_ratio',
    warn: level(0.7),
    fail: level(0.8),
    source: { file: 'env.yml', line: 6, column: 9 }
  }
  return {
    ...service(name),
    probe: { kind: 'prometheus', url: `${base}/${name}`, headers: {}, rules: [rule] }
  }
}

function context(signal?: AbortSignal) {
  const recorded: CheckResult[] = []
  const phase: PhaseContext = {
    logger: quietLogger,
    clock: fakeClock(),
    signal,
    exports: {},
    record: check => void recorded.push(checkResult(check)),
    addSecrets: () => undefined
  }
  return { phase, recorded, byId: (id: string) => recorded.find(check => check.id === id) }
}

const WINDOW: MonitorConfig = {
  durationMs: 60_000,
  intervalMs: 5_000,
  maxErrorRate: 0.1,
  maxConsecutiveFailures: 3,
  services: ['steady', 'blip', 'outage', 'every-third'],
  source: { file: 'env.yml', line: 20, column: 1 }
}

describe('the monitor window', () => {
  test('polls each service once per interval, without retries, and judges uptime and runs of failures', async () => {
    const services = [
      service('steady'),
      service('blip', n => n === 4),
      service('outage', n => n >= 5 && n <= 7),
      service('every-third', n => n % 3 === 0)
    ]
    // One service per window: services poll in parallel, which one fake clock cannot share.
    const watched = []
    for (const one of services) {
      const { phase, recorded } = context()
      const outcome = await watchServices({ ...WINDOW, services: [one.name] }, services, new Map(), phase)
      watched.push({ ...outcome, check: recorded[0] })
    }
    const [steady, blip, outage, everyThird] = watched

    // 60 s every 5 s: 12 polls each, retries or not; the outage's third failure in a row (poll 7)
    // decides its verdict, and its watch stops there.
    for (const one of services) expect(arrived.get(`/${one.name}`)).toBe(one.name === 'outage' ? 7 : 12)
    expect(steady?.check).toMatchObject({
      id: 'monitor.steady',
      status: 'passed',
      category: 'monitor',
      line: 4
    })
    expect(blip?.check).toMatchObject({
      status: 'flaky',
      message: expect.stringMatching(
        /^91\.7% up over 12 polls: error rate 8\.3% \(at most 10%\), longest run of failures 1/
      )
    })
    expect(outage?.check).toMatchObject({
      status: 'failed',
      message: expect.stringContaining(
        'longest run of failures 3 (fails at 3); last seen: expected status 2xx, got 503'
      )
    })
    expect(everyThird?.check).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('error rate 33.3% (at most 10%)')
    })
    expect(outage?.section.services.outage).toMatchObject({ polls: 7, failures: 3, longest_failure_run: 3 })
    // Only successful polls are latency samples.
    expect(steady?.samples.get('steady')).toHaveLength(12)
    expect(everyThird?.samples.get('every-third')).toHaveLength(8)
  })

  test('stops the watch of a service once its verdict is decided, logging each failed poll and progress', async () => {
    const lines: string[] = []
    const { phase, byId } = context()
    phase.logger = { ...quietLogger, info: line => void lines.push(line) }
    // Down from the 10th poll (45 s into a 5-minute window): the 3rd failure in a row decides it.
    const window = { ...WINDOW, durationMs: 300_000, services: ['dies'] }
    await watchServices(window, [service('dies', n => n >= 10)], new Map(), phase)

    expect(arrived.get('/dies')).toBe(12)
    expect(byId('monitor.dies')).toMatchObject({
      status: 'failed',
      // The real figures of the window: 12 polls over 55 s, not 0 ms and 0 attempts.
      attempts: 12,
      duration_ms: 55_000,
      message: expect.stringMatching(
        /longest run of failures 3 \(fails at 3\).*; stopped watching after 55 s of 5 min: the verdict was decided$/
      )
    })
    expect(lines.filter(line => line.includes('failed: expected status 2xx, got 503'))).toEqual([
      'monitor.dies: poll 10 failed: expected status 2xx, got 503',
      'monitor.dies: poll 11 failed: expected status 2xx, got 503',
      'monitor.dies: poll 12 failed: expected status 2xx, got 503'
    ])
    expect(lines).toContain('monitor.dies: 7 polls in 30 s of 5 min, 0 failed')
  })

  test('a window that runs to its end reports its polls and duration', async () => {
    const { phase, byId } = context()
    await watchServices({ ...WINDOW, services: ['steady'] }, [service('steady')], new Map(), phase)
    expect(byId('monitor.steady')).toMatchObject({ status: 'passed', attempts: 12, duration_ms: 55_000 })
    expect(byId('monitor.steady')?.message).not.toContain('stopped watching')
  })

  test('does not watch a service that did not pass its check, and says why', async () => {
    const { phase, byId } = context()
    await watchServices(
      { ...WINDOW, services: ['steady'] },
      [service('steady')],
      new Map([['steady', 'services.steady is failed']]),
      phase
    )
    expect(arrived.get('/steady')).toBeUndefined()
    expect(byId('monitor.steady')).toMatchObject({
      status: 'skipped',
      message: 'skipped: services.steady is failed'
    })
  })

  test('stops when the run is cancelled, and says the window was cut short', async () => {
    const controller = new AbortController()
    controller.abort()
    const { phase, byId } = context(controller.signal)
    await watchServices({ ...WINDOW, services: ['steady'] }, [service('steady')], new Map(), phase)
    expect(byId('monitor.steady')).toMatchObject({
      status: 'failed',
      message: 'no poll was made; the window was cut short by a cancellation'
    })
  })

  test('a poll cut off by the cancellation is not counted against the service', async () => {
    const controller = new AbortController()
    hanging.set('/steady', { from: 3, then: () => controller.abort() })
    const { phase, byId } = context(controller.signal)
    const { section } = await watchServices(
      { ...WINDOW, services: ['steady'] },
      [service('steady')],
      new Map(),
      phase
    )
    expect(section.services.steady).toMatchObject({ polls: 2, failures: 0, failure_reasons: [] })
    expect(byId('monitor.steady')).toMatchObject({
      status: 'passed',
      message: expect.stringMatching(/^100% up over 2 polls: .*; the window was cut short by a cancellation$/)
    })
  })
})

describe('a metric rule under the monitor window', () => {
  test('of a prometheus query, is held the same way: crossed at one poll, the window fails', async () => {
    const watch = async (name: string, ratio: (n: number) => number) => {
      const { phase, byId } = context()
      await watchServices(
        { ...WINDOW, maxErrorRate: 0, services: [name] },
        [prometheusService(name, ratio)],
        new Map(),
        phase
      )
      return byId(`monitor.${name}`)
    }
    expect((await watch('held-ratio', n => (n % 2 ? 0.5 : 0.75)))?.status).toBe('passed')
    expect(await watch('crossed-ratio', n => (n === 4 ? 0.85 : 0.5))).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('last seen: memory: memory is 85%: fail level > 80%')
    })
  })

  // At most 0% of polls may fail: the bound must hold at every poll of the window.
  const held = { ...WINDOW, maxErrorRate: 0 }

  test('passes when its bound holds at every poll, warn levels reached or not', async () => {
    const { phase, byId } = context()
    const window = { ...held, services: ['steady-memory'] }
    await watchServices(
      window,
      [metricsService('steady-memory', n => (n % 2 ? 100 : 300) * MiB)],
      new Map(),
      phase
    )
    expect(arrived.get('/steady-memory')).toBe(12)
    expect(byId('monitor.steady-memory')).toMatchObject({
      status: 'passed',
      message: expect.stringMatching(/^100% up over 12 polls/)
    })
  })

  test('fails when the bound is crossed at one poll of the window, saying by what', async () => {
    const { phase, byId } = context()
    const window = { ...held, services: ['spiking-memory'] }
    await watchServices(
      window,
      [metricsService('spiking-memory', n => (n === 7 ? 600 : 100) * MiB)],
      new Map(),
      phase
    )
    expect(byId('monitor.spiking-memory')).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('last seen: memory: app_memory_bytes is 600 MiB: fail level >= 512MiB')
    })
  })
})

const BURST: ThroughputConfig = {
  ratePerSecond: 20,
  durationMs: 5_000,
  maxErrorRate: 0.05,
  services: ['steady', 'every-third'],
  source: { file: 'env.yml', line: 30, column: 3 }
}

describe('the throughput burst', () => {
  test('sends rate x duration requests to each service and judges the error rate', async () => {
    const { phase, byId } = context()
    const reports = await runBursts(
      BURST,
      [service('steady'), service('every-third', n => n % 3 === 0)],
      phase
    )
    expect(arrived.get('/steady')).toBe(100)
    expect(arrived.get('/every-third')).toBe(100)
    expect(reports.steady).toMatchObject({ requests: 100, failures: 0, error_rate: 0, late_starts: 0 })
    expect(byId('baseline.throughput.steady')).toMatchObject({
      status: 'passed',
      category: 'baseline',
      line: 30
    })
    expect(byId('baseline.throughput.every-third')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/^33 of 100 requests failed \(33%, at most 5%\) at 20 requests\/s/)
    })
  })
})

describe('the throughput burst, at its edges', () => {
  test('starts at least one request, however short the burst', async () => {
    const { phase } = context()
    await runBursts(
      { ...BURST, ratePerSecond: 1, durationMs: 400, services: ['steady'] },
      [service('steady')],
      phase
    )
    expect(arrived.get('/steady')).toBe(1)
  })

  test('gives no latency when no request succeeded', async () => {
    const { phase, byId } = context()
    await runBursts({ ...BURST, services: ['down'] }, [service('down', () => true)], phase)
    expect(byId('baseline.throughput.down')).toMatchObject({
      status: 'failed',
      message:
        '100 of 100 requests failed (100%, at most 5%) at 20 requests/s; seen: expected status 2xx, got 503'
    })
  })

  test('counts no request cut off by the cancellation against the service, and says it was cut short', async () => {
    const controller = new AbortController()
    hanging.set('/steady', { from: 1, then: () => controller.abort() })
    const { phase, byId } = context(controller.signal)
    const reports = await runBursts(BURST, [service('steady'), service('every-third')], phase)
    expect(reports.steady).toMatchObject({ requests: 0, failures: 0 })
    expect(byId('baseline.throughput.steady')).toMatchObject({
      status: 'failed',
      message: 'no request was answered; the burst was cut short by a cancellation'
    })
    expect(arrived.get('/every-third')).toBeUndefined()
  })
})
