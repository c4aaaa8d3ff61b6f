// The baseline: and monitor: sections: what is compared with the baseline and how the services are watched.
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { cleanup, load, problems, workspace, yaml } from './helpers.js'
import { loadEnvironment } from '../../src/config/load.js'

afterAll(cleanup)

const SERVICES = yaml`
  services:
    api: { http: { url: 'http://127.0.0.1:1/health' } }
    web: { http: { url: 'http://127.0.0.1:2/' } }
    cache: { tcp: { host: 127.0.0.1, port: 6379 } }
`

describe('the baseline section', () => {
  it('reads percentages, absolute and relative percentile bounds, and the schema table', async () => {
    const config = await load({
      'env.yml':
        yaml`
        version: 1
        baseline:
          ignore: [deploy, variables.REGION]
          expect_different: [services.api.http.url]
          latency:
            samples: 30
            max_increase: 12.5%
            bounds: ['p95 < 500ms', 'p99.9 <= +20%']
          schema: { migrations_table: schema_migrations }
          throughput: { rate: 10, duration: 10s }
      ` + SERVICES
    })
    expect(config.expectsRecordedBaseline).toBe(true)
    expect(config.baseline).toMatchObject({
      ignore: ['deploy', 'variables.REGION'],
      expectDifferent: ['services.api.http.url'],
      latency: {
        samples: 30,
        maxIncrease: 0.125,
        bounds: [
          { text: 'p95 < 500ms', percentile: 95, op: '<', limit: { ms: 500 } },
          { text: 'p99.9 <= +20%', percentile: 99.9, op: '<=', limit: { increase: 0.2 } }
        ]
      },
      schema: { migrationsTable: 'schema_migrations' },
      // Only HTTP services get a burst unless the file names them.
      throughput: { ratePerSecond: 10, durationMs: 10_000, maxErrorRate: 0.01, services: ['api', 'web'] }
    })
  })

  it('reads every setting as written, at the limits allowed', async () => {
    const config = await load({
      'env.yml':
        yaml`
        version: 1
        variables:
          BOUND: { default: ' p90 < +0.5% ' }
        baseline:
          schema: true
          latency: { bounds: ['p50<=250ms', '\${BOUND}'] }
          throughput: { rate: 3, duration: 5m, max_error_rate: 2.5%, services: [web] }
      ` + SERVICES
    })
    expect(config.baseline).toStrictEqual({
      compareConfig: undefined,
      ignore: [],
      expectDifferent: [],
      latency: {
        samples: 20,
        maxIncrease: 0.2,
        bounds: [
          { text: 'p50<=250ms', percentile: 50, op: '<=', limit: { ms: 250 } },
          // A bound from a variable is read without the spaces around it.
          { text: 'p90 < +0.5%', percentile: 90, op: '<', limit: { increase: 0.005 } }
        ]
      },
      schema: { migrationsTable: undefined },
      throughput: {
        ratePerSecond: 3,
        durationMs: 300_000,
        maxErrorRate: 0.025,
        services: ['web'],
        source: { file: 'env.yml', line: 7, column: 3 }
      },
      source: { file: 'env.yml', line: 4, column: 1 }
    })
  })

  it('refuses a burst or a monitor of no time, and a file to compare with outside the workspace', async () => {
    expect(
      await problems({
        'env.yml':
          yaml`
          version: 1
          monitor: { duration: 0s }
          baseline:
            compare_config: ../outside.yml
            throughput: { rate: 3, duration: 0s }
        ` + SERVICES
      })
    ).toStrictEqual([
      'env.yml:2:22: monitor.duration must be longer than 0',
      "env.yml:4:19: baseline.compare_config '../outside.yml' is outside the workspace (looked for ../outside.yml): name a file inside the workspace",
      'env.yml:5:36: baseline.throughput.duration must be longer than 0'
    ])
  })

  it('turns the schema comparison off with schema: false', async () => {
    const config = await load({ 'env.yml': `version: 1\nbaseline: { schema: false }\n` })
    expect(config.baseline.schema).toBeUndefined()
  })

  it('reads a percentage from a variable without the spaces around it', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        variables:
          SHARE: { default: ' 12.5% ' }
        baseline:
          latency: { max_increase: '\${SHARE}' }
        monitor: { duration: 1m, max_error_rate: '\${SHARE}' }
      `
    })
    expect(config.baseline.latency.maxIncrease).toBe(0.125)
    expect(config.monitor?.maxErrorRate).toBe(0.125)
  })

  it('judges what the schema cannot: a percentage from a variable, the 0th percentile, a bound without a limit', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          variables:
            SHARE: { default: twenty }
          baseline:
            latency:
              max_increase: '\${SHARE}'
              bounds: ['p0 < 1s', 'p95 <']
          monitor: { duration: 1m, max_error_rate: '\${SHARE}' }
        `
      })
    ).toStrictEqual([
      // An increase has no upper limit, so none is named; an error rate does.
      "env.yml:6:19: baseline.latency.max_increase must be a percentage such as 20% or 0.5%, not 'twenty'",
      "env.yml:7:14: baseline.latency.bounds[0] must be a bound such as p95 < 500ms or p99 <= +20%, not 'p0 < 1s'",
      "env.yml:7:25: baseline.latency.bounds[1] must be a bound such as p95 < 500ms or p99 <= +20%, not 'p95 <'",
      "env.yml:8:42: monitor.max_error_rate must be a percentage from 0% to 100% such as 20% or 0.5%, not 'twenty'"
    ])
  })

  it('lists a bound that is not text among the problems', async () => {
    expect(
      await problems({ 'env.yml': 'version: 1\nbaseline: { latency: { bounds: [95] } }\n' })
    ).toStrictEqual([
      'env.yml:2:33: baseline.latency.bounds[0] must be a bound such as p95 < 500ms or p99 <= +20%, not 95'
    ])
  })

  it('finds compare_config relative to the file that names it', async () => {
    const workingDirectory = await workspace({
      'envs/production.yml': 'version: 1\nextends: ../shared/base.yml\n',
      'shared/base.yml': 'baseline: { compare_config: ./local.yml }\n'
    })
    const config = await loadEnvironment({ configPath: 'envs/production.yml', workingDirectory, env: {} })
    expect(config.baseline.compareConfig).toMatchObject({
      path: join(workingDirectory, 'shared/local.yml'),
      file: 'shared/local.yml',
      source: { file: 'shared/base.yml', line: 1 }
    })
  })

  it('names each mistake at its line', async () => {
    expect(
      await problems({
        'env.yml':
          yaml`
          version: 1
          baseline:
            latency:
              max_increase: twenty
              bounds: ['p95 < soon', 'p100 < 1s', 'median < 1s']
            throughput: { rate: 5, duration: 10m, services: [cache, apii] }
        ` + SERVICES
      })
    ).toStrictEqual([
      "env.yml:4:19: baseline.latency.max_increase must be a percentage such as 20% or 0.5%, not 'twenty'",
      "env.yml:5:14: baseline.latency.bounds[0] must be a bound such as p95 < 500ms or p99 <= +20%, not 'p95 < soon'",
      "env.yml:5:28: baseline.latency.bounds[1] must be a bound such as p95 < 500ms or p99 <= +20%, not 'p100 < 1s'",
      "env.yml:5:41: baseline.latency.bounds[2] must be a bound such as p95 < 500ms or p99 <= +20%, not 'median < 1s'",
      'env.yml:6:36: baseline.throughput.duration must be at most 5m: a burst is a probe, not a load test',
      "env.yml:6:52: 'cache' is not an HTTP service: a burst sends HTTP requests",
      "env.yml:6:59: 'apii' is not a service: did you mean 'api'?"
    ])
  })
  it('names a service that sends no HTTP where it is written, after a name that is no service', async () => {
    expect(
      await problems({
        'env.yml':
          yaml`
          version: 1
          baseline:
            throughput: { rate: 5, duration: 10s, services: [apii, cache] }
        ` + SERVICES
      })
    ).toStrictEqual([
      "env.yml:3:52: 'apii' is not a service: did you mean 'api'?",
      "env.yml:3:58: 'cache' is not an HTTP service: a burst sends HTTP requests"
    ])
  })

  it('lists every problem of a burst, its error rate too, when its duration is wrong', async () => {
    expect(
      await problems({
        'env.yml':
          yaml`
          version: 1
          baseline:
            throughput: { rate: 5, duration: 0s, max_error_rate: 150% }
        ` + SERVICES
      })
    ).toStrictEqual([
      'env.yml:3:36: baseline.throughput.duration must be longer than 0',
      "env.yml:3:56: baseline.throughput.max_error_rate must be a percentage from 0% to 100% such as 20% or 0.5%, not '150%'"
    ])
  })
})

describe('the monitor section', () => {
  it('watches every service by default', async () => {
    const config = await load({ 'env.yml': `version: 1\nmonitor: { duration: 2m }\n${SERVICES}` })
    expect(config.monitor).toMatchObject({
      durationMs: 120_000,
      intervalMs: 30_000,
      maxErrorRate: 0.05,
      maxConsecutiveFailures: 3,
      services: ['api', 'web', 'cache']
    })
  })

  it('reads every setting as written, an error rate of 100% included', async () => {
    const config = await load({
      'env.yml':
        yaml`
        version: 1
        monitor: { duration: 1m30s, interval: 5s, max_error_rate: 100%, max_consecutive_failures: 1, services: [web, api] }
      ` + SERVICES
    })
    expect(config.monitor).toStrictEqual({
      durationMs: 90_000,
      intervalMs: 5_000,
      maxErrorRate: 1,
      maxConsecutiveFailures: 1,
      services: ['web', 'api'],
      source: { file: 'env.yml', line: 2, column: 1 }
    })
  })

  it('refuses an interval of no time', async () => {
    expect(
      await problems({ 'env.yml': 'version: 1\nmonitor: { duration: 1m, interval: 0s }\n' })
    ).toStrictEqual(['env.yml:2:36: monitor.interval must be longer than 0'])
  })

  it('lists a service named by a number among the problems', async () => {
    expect(
      await problems({ 'env.yml': `version: 1\nmonitor: { duration: 1m, services: [5] }\n${SERVICES}` })
    ).toStrictEqual([
      'env.yml:2:37: monitor.services[0] must be the name of a service under services:, not 5'
    ])
  })

  it('refuses an error rate over 100% and a service that does not exist', async () => {
    expect(
      await problems({
        'env.yml': `version: 1\nmonitor: { duration: 1m, max_error_rate: 150%, services: [db] }\n${SERVICES}`
      })
    ).toStrictEqual([
      "env.yml:2:42: monitor.max_error_rate must be a percentage from 0% to 100% such as 20% or 0.5%, not '150%'",
      "env.yml:2:59: 'db' is not a service: name one under services"
    ])
  })

  it('lists every problem of the section when its duration is wrong', async () => {
    expect(
      await problems({
        'env.yml': `version: 1\nmonitor: { duration: 0s, interval: 0s, max_error_rate: 150%, services: [db] }\n${SERVICES}`
      })
    ).toStrictEqual([
      'env.yml:2:22: monitor.duration must be longer than 0',
      'env.yml:2:36: monitor.interval must be longer than 0',
      "env.yml:2:56: monitor.max_error_rate must be a percentage from 0% to 100% such as 20% or 0.5%, not '150%'",
      "env.yml:2:73: 'db' is not a service: name one under services"
    ])
  })
})
