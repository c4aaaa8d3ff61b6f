// Reading metrics and prometheus probes: rules become levels in base units, on their YAML lines;
// a rule that cannot be judged is refused with its file, line and what to write.
import { cleanup, load, problems, yaml } from './helpers.js'

afterAll(cleanup)

describe('a metrics probe', () => {
  it('reads a rule written as what must hold into a fail level, and object rules into warn and fail levels', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        environment: staging
        services:
          api:
            metrics:
              url: http://127.0.0.1:9464/metrics
              rules:
                memory: process_resident_memory_bytes < 512MiB
                in_flight:
                  series: http_requests_in_flight{route="/api",method=~"GET|POST"}
                  warn: '> 80'
                  fail: '> 100'
      `
    })
    const probe = config.services[0]?.probe
    expect(probe).toMatchObject({
      kind: 'metrics',
      url: 'http://127.0.0.1:9464/metrics',
      maxBodyBytes: 4 * 1_048_576,
      rules: [
        {
          name: 'memory',
          expression: 'process_resident_memory_bytes < 512MiB',
          fail: { op: '>=', bound: 512 * 2 ** 20, family: 'bytes', text: '>= 512MiB' },
          selector: { name: 'process_resident_memory_bytes', matchers: [] },
          source: { file: 'env.yml', line: 8 }
        },
        {
          name: 'in_flight',
          warn: { op: '>', bound: 80, family: 'number' },
          fail: { op: '>', bound: 100, family: 'number' },
          selector: {
            name: 'http_requests_in_flight',
            matchers: [
              { label: 'route', op: '=', value: '/api' },
              { label: 'method', op: '=~', value: 'GET|POST' }
            ]
          },
          source: { file: 'env.yml', line: 9 }
        }
      ]
    })
  })

  it('refuses rules it cannot judge, each at its line with what to write', async () => {
    const found = await problems({
      'env.yml': yaml`
        version: 1
        environment: staging
        services:
          api:
            metrics:
              url: ftp://host/metrics
              rules:
                memory: process_resident_memory_bytes 512MiB
                cpu: { series: 'rate(x[5m])', fail: '> 1' }
                disk: { series: node_filesystem_avail_bytes, fail: '> 90 percent' }
                bad_regex: 'up{job=~"(a"} < 1'
      `
    })
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^env\.yml:6:.*must be an absolute http:\/\/ or https:\/\/ URL/),
        expect.stringMatching(/^env\.yml:8:.*must be '<series> <op> <bound>'/),
        expect.stringMatching(/^env\.yml:9:.*'rate\(x\[5m\]\)' has '\(x\[5m\]\)' after the selector/),
        expect.stringMatching(/^env\.yml:10:.*'> 90 percent' must be a comparison and a bound.*units: B, kB/),
        expect.stringMatching(/^env\.yml:11:.*label job: /)
      ])
    )
  })
})

describe('a prometheus probe', () => {
  it('reads queries with warn and fail levels, percentages as ratios', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        environment: staging
        services:
          cluster:
            prometheus:
              url: http://127.0.0.1:9090
              headers: { Authorization: Bearer abc }
              rules:
                host_memory:
                  query: 1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes
                  warn: '> 70%'
                  fail: '> 80%'
      `
    })
    expect(config.services[0]?.probe).toMatchObject({
      kind: 'prometheus',
      headers: { Authorization: 'Bearer abc' },
      rules: [
        {
          name: 'host_memory',
          expression: '1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes',
          warn: { op: '>', bound: 0.7, family: 'ratio', text: '> 70%' },
          fail: { op: '>', bound: 0.8, family: 'ratio', text: '> 80%' },
          source: { file: 'env.yml', line: 9 }
        }
      ]
    })
  })

  it('refuses a rule without a level and a probe without rules', async () => {
    const found = await problems({
      'env.yml': yaml`
        version: 1
        environment: staging
        services:
          cluster:
            prometheus:
              url: http://127.0.0.1:9090
              rules:
                host_memory: { query: up }
          other:
            prometheus: { url: http://127.0.0.1:9090, rules: {} }
      `
    })
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^env\.yml:8:.*needs warn or fail/),
        expect.stringMatching(/^env\.yml:10:.*rules/)
      ])
    )
  })
})
