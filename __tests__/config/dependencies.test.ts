// depends_on cycles: each reported once, named from the service it returns to, and services reached
// again by another way are not a cycle.
import { cleanup, load, problems, yaml } from './helpers.js'

afterAll(cleanup)

const probe = "{ url: 'http://127.0.0.1:1/' }"

describe('a dependency cycle', () => {
  it('is named from the service it returns to, not from where the walk began', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          services:
            api: { depends_on: worker, http: ${probe} }
            worker: { depends_on: queue, http: ${probe} }
            queue: { depends_on: worker, http: ${probe} }
        `
      })
    ).toStrictEqual([
      'env.yml:5:24: dependency cycle: worker → queue → worker: remove one of these depends_on'
    ])
  })

  it('leaves out the services a walk has finished with', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          services:
            api: { depends_on: [cache, worker], http: ${probe} }
            cache: { http: ${probe} }
            worker: { depends_on: api, http: ${probe} }
        `
      })
    ).toStrictEqual(['env.yml:5:25: dependency cycle: api → worker → api: remove one of these depends_on'])
  })

  it('is reported once, however many services lead into it', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          services:
            api: { depends_on: worker, http: ${probe} }
            worker: { depends_on: queue, http: ${probe} }
            queue: { depends_on: worker, http: ${probe} }
            web: { depends_on: queue, http: ${probe} }
        `
      })
    ).toStrictEqual([
      'env.yml:5:24: dependency cycle: worker → queue → worker: remove one of these depends_on'
    ])
  })
})

describe('a name that is not a service', () => {
  it('is reported with the nearest service, and leads nowhere', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          services:
            api: { depends_on: [wroker], http: ${probe} }
            worker: { http: ${probe} }
        `
      })
    ).toStrictEqual([
      "env.yml:3:23: services.api depends on 'wroker', which is not a service: did you mean 'worker'?"
    ])
  })
})

describe('services reached again by another way', () => {
  it('are no cycle', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        services:
          api: { depends_on: [cache, worker], http: ${probe} }
          worker: { depends_on: cache, http: ${probe} }
          cache: { http: ${probe} }
          web: { depends_on: [worker, cache], http: ${probe} }
      `
    })
    expect(config.services.map(service => [service.name, service.dependsOn])).toStrictEqual([
      ['api', ['cache', 'worker']],
      ['worker', ['cache']],
      ['cache', []],
      ['web', ['worker', 'cache']]
    ])
  })
})
