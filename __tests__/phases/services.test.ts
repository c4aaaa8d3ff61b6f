// The service phase against real loopback HTTP servers. Time is a fake clock whose sleeps return at
// once, so retries and budgets are exercised without waiting and without depending on the machine.
import { httpSpec } from '../support/specs.js'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { CheckPolicy, ServiceConfig } from '../../src/config/model.js'
import { quietLogger } from '../support/logger.js'
import { fakeClock } from '../support/clock.js'
import { checkServices } from '../../src/phases/services.js'
import { checkResult, type CheckResult } from '../../src/model/check.js'

const policy: CheckPolicy = {
  timeoutMs: 5000,
  retry: { attempts: 4, initialDelayMs: 1000, maxDelayMs: 30_000, factor: 2, jitter: 0.2 },
  startupBudgetMs: 300_000,
  successThreshold: 1
}

let server: Server
let base: string
/** Per path: the statuses to answer in turn; the last one repeats. */
const script = new Map<string, number[]>()
const inFlight = { now: 0, max: 0 }
/** When set, responses are held until this many requests are waiting, then all are answered. */
let holdUntil = 0
let held: Array<() => void> = []

beforeAll(async () => {
  server = createServer((request, response) => {
    inFlight.now++
    inFlight.max = Math.max(inFlight.max, inFlight.now)
    const statuses = script.get(request.url ?? '') ?? [404]
    const status = statuses.length > 1 ? (statuses.shift() as number) : (statuses[0] as number)
    held.push(() => {
      inFlight.now--
      response.writeHead(status).end()
    })
    if (held.length >= holdUntil) {
      const release = held
      held = []
      for (const answer of release) answer()
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

beforeEach(() => {
  script.clear()
  inFlight.max = 0
  holdUntil = 0
})

function service(name: string, path: string, extra: Partial<ServiceConfig> = {}): ServiceConfig {
  return {
    name,
    critical: false,
    dependsOn: [],
    policy,
    source: { file: 'env.yml', line: 3, column: 3 },
    probe: httpSpec(`${base}${path}`, { expect: { status: [200] } }),
    ...extra
  }
}

async function run(services: ServiceConfig[], concurrency = 8, startup = false) {
  const clock = fakeClock()
  const recorded: CheckResult[] = []
  const outcomes = await checkServices(services, concurrency, {
    logger: quietLogger,
    clock,
    startup,
    exports: {},
    record: check => void recorded.push(checkResult(check)),
    addSecrets: () => undefined
  })
  // Seen as the report shows them.
  const results = outcomes.map(checkResult)
  return { results, recorded, clock, byName: new Map(results.map(r => [r.name, r])) }
}

test('a healthy service passes on its first attempt, with its source and target', async () => {
  script.set('/ok', [200])
  const { results } = await run([service('api', '/ok')])
  expect(results).toEqual([
    expect.objectContaining({
      id: 'services.api',
      category: 'services',
      status: 'passed',
      attempts: 1,
      file: 'env.yml',
      line: 3,
      target: `${base}/ok`
    })
  ])
})

test('a service that passes only after retries is flaky, never a clean pass', async () => {
  script.set('/warming', [503, 503, 200])
  const { results, clock } = await run([service('api', '/warming')])
  expect(results[0]).toMatchObject({ status: 'flaky', attempts: 3 })
  expect(results[0]?.message).toContain('after 2 failed of 3 attempts')
  // Backoff with half jitter: 0.9 x 1 s, then 0.9 x 2 s.
  expect(clock.slept).toEqual([900, 1800])
})

test('after a deploy, a slow start is polled until ready: a pass, not a flaky one', async () => {
  script.set('/starting', [503, 503, 200])
  const { results } = await run([service('api', '/starting')], 8, true)
  expect(results[0]).toMatchObject({ status: 'passed', attempts: 3 })
  expect(results[0]?.message).toMatch(/^healthy in .*, ready after 2 startup polls$/)
})

test('after a deploy, a start beyond the startup budget fails and says so', async () => {
  script.set('/never', [503])
  const budgeted = { ...policy, startupBudgetMs: 10_000 }
  const { results } = await run([service('api', '/never', { policy: budgeted })], 8, true)
  expect(results[0]?.status).toBe('failed')
  expect(results[0]?.message).toContain('not ready within the startup budget of 10 s')
})

test('a service that never recovers fails after its attempts, saying what it saw', async () => {
  script.set('/down', [503])
  const { results } = await run([service('api', '/down')])
  expect(results[0]).toMatchObject({ status: 'failed', attempts: 4 })
  expect(results[0]?.message).toContain('503')
  expect(results[0]?.message).toContain('gave up after 4 attempts')
})

test('a dependent of a failed service is skipped with the reason, and not probed', async () => {
  script.set('/down', [503])
  script.set('/ok', [200])
  const { byName } = await run([
    service('worker', '/ok', { dependsOn: ['database'] }),
    service('database', '/down'),
    service('web', '/ok', { dependsOn: ['worker'] })
  ])
  expect(byName.get('worker')).toMatchObject({ status: 'skipped', attempts: 0 })
  expect(byName.get('worker')?.message).toBe('skipped: depends on database (failed)')
  expect(byName.get('web')?.message).toBe('skipped: depends on worker (skipped)')
})

test('dependencies are checked before their dependents, and every check is recorded as it ends', async () => {
  script.set('/ok', [200])
  const { recorded } = await run([
    service('api', '/ok', { dependsOn: ['database', 'cache'] }),
    service('cache', '/ok'),
    service('database', '/ok', { dependsOn: ['cache'] })
  ])
  expect(recorded.map(r => r.name)).toEqual(['cache', 'database', 'api'])
})

test('services are probed in parallel, never more at once than the concurrency bound', async () => {
  script.set('/ok', [200])
  // The server answers only once three requests wait together: a run that probed one at a time
  // would never finish, and one that exceeded the bound would show more than three in flight.
  holdUntil = 3
  const many = Array.from({ length: 12 }, (_, i) => service(`s${i}`, '/ok'))
  const { results } = await run(many, 3)
  expect(results.every(r => r.status === 'passed')).toBe(true)
  expect(inFlight.max).toBe(3)
})
