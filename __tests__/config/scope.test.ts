// Narrowing an environment to what a run from a terminal covers: some phases, some services.
import { narrowToScope, type RunScope } from '../../src/config/scope.js'
import { ConfigError } from '../../src/config/problems.js'
import { cleanup, load, yaml } from './helpers.js'

afterAll(cleanup)

const ENVIRONMENT = yaml`
  version: 1
  variables:
    TOKEN: { required: true, secret: true }
  deploy:
    - name: Apply
      run: ./apply.sh
  smoke:
    - name: Ping
      http: { url: 'https://api.example.com/ping' }
  security: {}
  monitor: { duration: 1m }
  services:
    database: { postgres: { url: 'postgres://db/app' } }
    cache: { tcp: { host: cache, port: 6379 } }
    api:
      depends_on: [database]
      http: { url: 'https://api.example.com' }
    worker:
      depends_on: [api, cache]
      command: { run: ./worker-check.sh }
`

const WHOLE: RunScope = { deploy: true, smoke: true, compare: true }
const NOTHING: RunScope = { deploy: false, smoke: false, compare: false }

const environment = () => load({ 'env.yml': ENVIRONMENT }, { env: { TOKEN: 'tok-1' } })
const names = (config: { services: readonly { name: string }[] }) =>
  config.services.map(service => service.name)

describe('a run scope', () => {
  it('covering everything leaves the environment as loaded', async () => {
    const config = await environment()
    expect(narrowToScope(config, WHOLE)).toStrictEqual(config)
  })

  it('without the phases drops the deploy and smoke steps, the security examination and the monitor', async () => {
    const config = await environment()
    const narrowed = narrowToScope(config, NOTHING)
    expect(narrowed).toStrictEqual({
      ...config,
      deploy: [],
      smoke: [],
      security: undefined,
      monitor: undefined
    })
    expect(config.deploy).toHaveLength(1)
    expect(config.smoke).toHaveLength(1)
    expect(config.security).toBeDefined()
    expect(config.monitor).toBeDefined()
  })

  it('keeps each phase it names', async () => {
    const config = await environment()
    const deployOnly = narrowToScope(config, { ...NOTHING, deploy: true })
    expect(deployOnly.deploy).toBe(config.deploy)
    expect(deployOnly.smoke).toStrictEqual([])
    const smokeOnly = narrowToScope(config, { ...NOTHING, smoke: true })
    expect(smokeOnly.smoke).toBe(config.smoke)
    expect(smokeOnly.deploy).toStrictEqual([])
    const compareOnly = narrowToScope(config, { ...NOTHING, compare: true })
    expect(compareOnly.security).toBe(config.security)
    expect(compareOnly.monitor).toBe(config.monitor)
  })

  it('naming services keeps them and everything they depend on, in declared order', async () => {
    const config = await environment()
    expect(names(narrowToScope(config, { ...WHOLE, services: ['api'] }))).toStrictEqual(['database', 'api'])
    expect(names(narrowToScope(config, { ...WHOLE, services: ['worker'] }))).toStrictEqual([
      'database',
      'cache',
      'api',
      'worker'
    ])
    expect(names(narrowToScope(config, { ...WHOLE, services: ['cache', 'database'] }))).toStrictEqual([
      'database',
      'cache'
    ])
  })

  it('naming a service the environment does not have is a problem at its first service, with the nearest name', async () => {
    const config = await environment()
    const thrown = (() => {
      try {
        narrowToScope(config, { ...WHOLE, services: ['api', 'wroker', 'queue'] })
      } catch (error) {
        return error
      }
    })()
    expect(thrown).toBeInstanceOf(ConfigError)
    expect((thrown as ConfigError).message.split('\n')).toStrictEqual([
      `env.yml:13:3: 'wroker' is not a service of env: did you mean 'worker'?`,
      `env.yml:13:3: 'queue' is not a service of env (its services: database, cache, api, worker)`
    ])
    // So that the outputs of the failed run stay redacted.
    expect((thrown as ConfigError).secrets).toStrictEqual(['tok-1'])
  })

  it('naming a service of an environment without services reports at the top of its file', async () => {
    const config = await load({ 'env.yml': 'version: 1\n' })
    expect(() => narrowToScope(config, { ...WHOLE, services: ['api'] })).toThrow(
      `env.yml:1:1: 'api' is not a service of env (its services: none)`
    )
  })
})
