// Reading metrics and prometheus probes: rules become levels in base units, on their YAML lines;
// a rule that cannot be judged is refused with its file, line and what to write.
import { cleanup, load, problems, yaml } from './helpers.js'

afterAll(cleanup)

const UNITS = 'B, kB, KB, MB, GB, TB, KiB, MiB, GiB, TiB, ms, s, m, h, %'

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

  it('reads its headers as text and its body limit', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        services:
          api:
            metrics:
              url: https://api.example.com/metrics
              headers: { Authorization: Bearer abc, X-Tenant: 7 }
              max_body_bytes: 1024
              rules:
                up: { series: up, warn: '< 1' }
      `
    })
    expect(config.services[0]?.probe).toStrictEqual({
      kind: 'metrics',
      url: 'https://api.example.com/metrics',
      headers: { Authorization: 'Bearer abc', 'X-Tenant': '7' },
      maxBodyBytes: 1024,
      rules: [
        {
          name: 'up',
          expression: 'up',
          selector: { name: 'up', matchers: [] },
          warn: { op: '<', bound: 1, family: 'number', text: '< 1' },
          source: { file: 'env.yml', line: 9, column: 9 }
        }
      ]
    })
  })

  it('refuses rules it cannot judge, each once at its line with what to write', async () => {
    expect(
      await problems({
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
                  'bad name': up > 0
                  no_level: { series: up }
                  bare: process_resident_memory_bytes
        `
      })
    ).toStrictEqual([
      "env.yml:6:12: services.api.metrics.url must be an absolute http:// or https:// URL, not 'ftp://host/metrics'",
      `env.yml:8:17: services.api.metrics.rules.memory: '512MiB' must be a comparison and a bound, such as '> 80%', '<= 512MiB' or '< 250ms' (units: ${UNITS})`,
      "env.yml:9:24: services.api.metrics.rules.cpu.series: 'rate(x[5m])' has '(x[5m])' after the selector: write a metric name with optional label matchers, such as http_requests_in_flight{route=\"/api\"}",
      `env.yml:10:60: services.api.metrics.rules.disk.fail: '> 90 percent' must be a comparison and a bound, such as '> 80%', '<= 512MiB' or '< 250ms' (units: ${UNITS})`,
      'env.yml:11:20: services.api.metrics.rules.bad_regex: \'up{job=~"(a"} < 1\' label job: missing closing ): `(a`',
      'env.yml:12:9: services.api.metrics.rules["bad name"]: a rule name may hold only letters, digits, _ and -',
      "env.yml:13:9: services.api.metrics.rules.no_level needs warn or fail (or both), such as fail: '> 80%'",
      "env.yml:14:15: services.api.metrics.rules.bare must be '<series> <op> <bound>', such as 'process_resident_memory_bytes < 512MiB', or a mapping with series, warn and fail"
    ])
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

  it('refuses a rule without a level or a query, and a probe without rules', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          environment: staging
          services:
            cluster:
              prometheus:
                url: http://127.0.0.1:9090
                rules:
                  host_memory: { query: up }
                  blank: { query: '  ', fail: '> 1' }
                  warn_only: { query: up, warn: '>= 1' }
            other:
              prometheus: { url: http://127.0.0.1:9090, rules: {} }
            third:
              prometheus: { url: http://127.0.0.1:9090 }
        `
      })
    ).toStrictEqual([
      "env.yml:8:9: services.cluster.prometheus.rules.host_memory needs warn or fail (or both), such as fail: '> 80%'",
      'env.yml:9:9: services.cluster.prometheus.rules.blank needs query: the PromQL expression to judge',
      'env.yml:12:54: services.other.prometheus.rules must be a mapping of at least 1 key(s), not an empty mapping',
      "env.yml:14:5: services.third.prometheus is missing 'rules': add it"
    ])
  })
})

describe('the URL of a metrics or prometheus probe', () => {
  it('must have exactly the scheme http or https, not one that merely holds it', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          services:
            api: { metrics: { url: 'xhttp://host/metrics', rules: { up: up > 0 } } }
            other: { prometheus: { url: 'https2://host', rules: { up: { query: up, fail: '< 1' } } } }
        `
      })
    ).toStrictEqual([
      "env.yml:3:26: services.api.metrics.url must be an absolute http:// or https:// URL, not 'xhttp://host/metrics'",
      "env.yml:4:31: services.other.prometheus.url must be an absolute http:// or https:// URL, not 'https2://host'"
    ])
  })
})

describe('a level', () => {
  it('may have spaces around it, which its text leaves out', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        services:
          api:
            prometheus:
              url: http://127.0.0.1:9090
              rules: { errors: { query: up, warn: ' > 80% ', fail: '  >=  90% ' } }
      `
    })
    expect(config.services[0]?.probe).toMatchObject({
      rules: [{ name: 'errors', warn: { op: '>', text: '> 80%' }, fail: { op: '>=', text: '>= 90%' } }]
    })
  })
})
