// Loading a valid environment file yields the normalized config the engine runs.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadEnvironment, loadForComparison } from '../../src/config/load.js'
import type { CheckPolicy, EnvironmentConfig } from '../../src/config/model.js'
import { ConfigError } from '../../src/config/problems.js'
import { cleanup, load, problems, workspace, yaml } from './helpers.js'

const FIXTURES = resolve('__tests__/fixtures/config')
const ENV = {
  API_URL: 'https://api.example.com',
  DATABASE_URL: 'postgres://app:s3cr%40t@db.internal:5432/app'
}

afterAll(cleanup)

const DEFAULT_POLICY: CheckPolicy = {
  timeoutMs: 10_000,
  retry: {
    attempts: 5,
    initialDelayMs: 1_000,
    maxDelayMs: 30_000,
    factor: 2,
    jitter: 0.2,
    onPermanent: 'once'
  },
  startupBudgetMs: 300_000,
  successThreshold: 1
}

/** What a file without a baseline: section compares: latency with the defaults, and the schema. */
function defaultBaseline(file: string): EnvironmentConfig['baseline'] {
  return {
    compareConfig: undefined,
    ignore: [],
    expectDifferent: [],
    latency: { samples: 20, maxIncrease: 0.2, bounds: [] },
    schema: { migrationsTable: undefined },
    throughput: undefined,
    source: { file, line: 1, column: 1 }
  }
}

describe('a valid environment file that extends a base file', () => {
  it('becomes the exact normalized config, each layer merged over the one below', async () => {
    const config = await loadEnvironment({
      configPath: 'valid/production.yml',
      workingDirectory: FIXTURES,
      env: ENV
    })

    // base.yml sets timeout 5s and retry attempts 3 / initial_delay 500ms; production.yml adds max_delay 10s.
    const policy: CheckPolicy = {
      timeoutMs: 5_000,
      retry: {
        attempts: 3,
        initialDelayMs: 500,
        maxDelayMs: 10_000,
        factor: 2,
        jitter: 0.2,
        onPermanent: 'once'
      },
      startupBudgetMs: 300_000,
      successThreshold: 1
    }
    const expected: Omit<EnvironmentConfig, 'resolved'> = {
      version: 1,
      environment: 'production',
      files: ['valid/production.yml', 'valid/base.yml'],
      variables: [
        {
          name: 'API_URL',
          required: true,
          secret: false,
          description: 'Public URL of the API',
          source: { file: 'valid/base.yml', line: 4, column: 3 }
        },
        {
          name: 'DATABASE_URL',
          required: true,
          secret: true,
          source: { file: 'valid/base.yml', line: 5, column: 3 }
        },
        {
          name: 'REGION',
          required: false,
          secret: false,
          default: 'eu-west-1',
          source: { file: 'valid/base.yml', line: 6, column: 3 }
        },
        {
          name: 'REDIS_HOST',
          required: false,
          secret: false,
          default: '127.0.0.1',
          source: { file: 'valid/production.yml', line: 4, column: 3 }
        },
        {
          name: 'REDIS_PORT',
          required: false,
          secret: false,
          default: '6379',
          source: { file: 'valid/production.yml', line: 5, column: 3 }
        }
      ],
      defaults: { ...policy, concurrency: 8 },
      deploy: [],
      services: [
        {
          name: 'api',
          critical: false,
          dependsOn: ['database'],
          policy: { ...policy, timeoutMs: 2_000 },
          probe: {
            kind: 'http',
            method: 'GET',
            url: 'https://api.example.com/health',
            headers: { 'X-Region': 'eu-west-1' },
            tls: {
              ca: readFileSync(join(FIXTURES, 'valid/certs/ca.pem'), 'utf8'),
              insecureSkipVerify: false
            },
            followRedirects: true,
            maxRedirects: 5,
            maxBodyBytes: 1_048_576,
            expect: { status: [200], json: { '$.status': 'ok' }, latency: { op: '<', ms: 1000 } }
          },
          source: { file: 'valid/production.yml', line: 9, column: 3 }
        },
        {
          name: 'database',
          critical: true,
          dependsOn: [],
          policy,
          probe: {
            kind: 'postgres',
            url: ENV.DATABASE_URL,
            extensions: [{ name: 'vector' }],
            // Lists replace: production.yml's tables, not base.yml's.
            tables: [
              { name: 'documents', columns: [] },
              { name: 'public.jobs', columns: ['id', 'status'] }
            ],
            expect: {}
          },
          source: { file: 'valid/production.yml', line: 15, column: 3 }
        },
        {
          name: 'cache',
          critical: false,
          dependsOn: [],
          policy: { ...policy, retry: { ...policy.retry, attempts: 10 } },
          probe: {
            kind: 'tcp',
            host: '127.0.0.1',
            port: 6379,
            send: 'PING\r\n',
            expect: { response: { contains: 'PONG' } }
          },
          source: { file: 'valid/production.yml', line: 18, column: 3 }
        }
      ],
      smoke: [],
      report: { path: 'out/report.json', formats: [], retentionDays: undefined },
      rollback: { mode: 'auto', on: [], steps: [], verify: [], dispatchFromPullRequests: false },
      notify: { slack: undefined, timeoutMs: 10_000 },
      baseline: defaultBaseline('valid/production.yml'),
      expectsRecordedBaseline: false,
      monitor: undefined,
      secrets: [ENV.DATABASE_URL, 's3cr%40t', 's3cr@t', Buffer.from('app:s3cr@t').toString('base64')],
      values: {
        ...ENV,
        REGION: 'eu-west-1',
        REDIS_HOST: '127.0.0.1',
        REDIS_PORT: '6379'
      }
    }
    const { resolved, ...normalized } = config
    expect(normalized).toStrictEqual(expected)
    expect(resolved.locate(['services', 'cache', 'tcp', 'port'])).toEqual({
      file: 'valid/production.yml',
      line: 22,
      column: 13
    })
  })
})

describe('defaults', () => {
  it('apply to everything a minimal file leaves out', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        services:
          api:
            http: { url: 'https://api.example.com/health' }
      `
    })
    const { resolved, ...normalized } = config
    expect(resolved.value).toStrictEqual({
      version: 1,
      services: { api: { http: { url: 'https://api.example.com/health' } } }
    })
    expect(normalized).toStrictEqual({
      version: 1,
      environment: 'env',
      files: ['env.yml'],
      variables: [],
      defaults: { ...DEFAULT_POLICY, concurrency: 8 },
      deploy: [],
      services: [
        {
          name: 'api',
          critical: false,
          dependsOn: [],
          policy: DEFAULT_POLICY,
          probe: {
            kind: 'http',
            method: 'GET',
            url: 'https://api.example.com/health',
            headers: {},
            tls: { insecureSkipVerify: false },
            followRedirects: true,
            maxRedirects: 5,
            maxBodyBytes: 1_048_576,
            expect: { status: ['2xx'] }
          },
          source: { file: 'env.yml', line: 3, column: 3 }
        }
      ],
      smoke: [],
      report: { path: 'deploy-verify-report.json', formats: [], retentionDays: undefined },
      rollback: { mode: 'auto', on: [], steps: [], verify: [], dispatchFromPullRequests: false },
      notify: { slack: undefined, timeoutMs: 10_000 },
      baseline: defaultBaseline('env.yml'),
      expectsRecordedBaseline: false,
      monitor: undefined,
      secrets: [],
      values: {}
    })
  })

  it('are overridden per service, a partial retry merged with the default one', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        defaults: { timeout: 3s, retry: { attempts: 2, factor: 1.5 }, concurrency: 2 }
        services:
          api:
            timeout: 1m30s
            retry: { jitter: 0, max_delay: 1h }
            startup_budget: 250ms
            success_threshold: 3
            tcp: { host: localhost, port: 80 }
      `
    })
    expect(config.defaults).toStrictEqual({
      timeoutMs: 3_000,
      retry: {
        attempts: 2,
        initialDelayMs: 1_000,
        maxDelayMs: 30_000,
        factor: 1.5,
        jitter: 0.2,
        onPermanent: 'once'
      },
      startupBudgetMs: 300_000,
      successThreshold: 1,
      concurrency: 2
    })
    expect(config.services[0]?.policy).toStrictEqual({
      timeoutMs: 90_000,
      retry: {
        attempts: 2,
        initialDelayMs: 1_000,
        maxDelayMs: 3_600_000,
        factor: 1.5,
        jitter: 0,
        onPermanent: 'once'
      },
      startupBudgetMs: 250,
      successThreshold: 3
    })
  })
})

describe('the environment name', () => {
  const file = yaml`
    version: 1
    environment: staging
  `

  it('is the file stem when the file does not name it', async () => {
    const config = await load(
      { 'deploy/preview.yaml': 'version: 1\n' },
      { configPath: 'deploy/preview.yaml' }
    )
    expect(config.environment).toBe('preview')
  })

  it('keeps what comes before the extension, even when it reads like one', async () => {
    const config = await load({ 'eu.yml.prod.yml': 'version: 1\n' }, { configPath: 'eu.yml.prod.yml' })
    expect(config.environment).toBe('eu.yml.prod')
  })

  it("is the file's environment: when set", async () => {
    expect((await load({ 'env.yml': file })).environment).toBe('staging')
  })

  it('is the environmentName option above all', async () => {
    expect((await load({ 'env.yml': file }, { environmentName: 'pr-42' })).environment).toBe('pr-42')
  })
})

describe('paths', () => {
  it('accepts an absolute config path and still names files relative to the working directory', async () => {
    const directory = await workspace({
      'config/env.yml': 'version: 1\nextends: ../shared/base.yml\n',
      'shared/base.yml': '{}\n'
    })
    const config = await loadEnvironment({
      configPath: join(directory, 'config/env.yml'),
      workingDirectory: directory,
      env: {}
    })
    expect(config.files).toStrictEqual(['config/env.yml', 'shared/base.yml'])
  })
})

describe('probes', () => {
  it('normalize every probe kind with its own defaults', async () => {
    const directory = await workspace({
      'env.yml': yaml`
        version: 1
        services:
          search:
            http:
              url: http://localhost:8080/search
              method: post
              json: { query: health }
              headers: { X-Attempt: 1, X-Debug: true }
              insecure_skip_verify: true
              follow_redirects: false
              max_redirects: 0
              max_body_bytes: 1024
              expect:
                status: [200, 2XX, '204']
                headers: { Content-Type: application/json }
                body: { contains: ok, matches: '^\{' }
                latency: 2s
          database:
            postgres:
              url: postgresql://localhost/app
              extensions: [{ name: pg_trgm, min_version: '1.5' }]
              query: { sql: select 1 as n }
              expect: { server_version: { gte: 14 }, latency: <= 500ms }
          migrations:
            depends_on: database
            command:
              run: ./check.sh
              env: { RETRIES: 3 }
              working_directory: scripts
              expect: { stdout: { matches: ok$ }, stderr: '', latency: < 5s }
      `
    })
    const config = await loadEnvironment({ configPath: 'env.yml', workingDirectory: directory, env: {} })
    const probes = Object.fromEntries(config.services.map(service => [service.name, service.probe]))
    expect(probes.search).toStrictEqual({
      kind: 'http',
      method: 'POST',
      url: 'http://localhost:8080/search',
      headers: { 'X-Attempt': '1', 'X-Debug': 'true' },
      json: { query: 'health' },
      tls: { insecureSkipVerify: true },
      followRedirects: false,
      maxRedirects: 0,
      maxBodyBytes: 1024,
      expect: {
        status: [200, '2xx', 204],
        headers: { 'content-type': 'application/json' },
        body: { contains: 'ok', matches: '^\\{' },
        latency: { op: '<=', ms: 2_000 }
      }
    })
    expect(probes.database).toStrictEqual({
      kind: 'postgres',
      url: 'postgresql://localhost/app',
      extensions: [{ name: 'pg_trgm', minVersion: '1.5' }],
      tables: [],
      query: { sql: 'select 1 as n', expect: {} },
      expect: { serverVersion: { gte: '14' }, latency: { op: '<=', ms: 500 } }
    })
    expect(probes.migrations).toStrictEqual({
      kind: 'command',
      run: './check.sh',
      env: { RETRIES: '3' },
      workingDirectory: join(directory, 'scripts'),
      expect: { exitCode: 0, stdout: { matches: 'ok$' }, stderr: '', latency: { op: '<', ms: 5_000 } }
    })
    expect(config.services.find(service => service.name === 'migrations')?.dependsOn).toStrictEqual([
      'database'
    ])
  })
})

describe('the report section', () => {
  it('reads the formats, the path and how many days the artifact is kept; 0 days is the default', async () => {
    const kept = await load({
      'env.yml': 'version: 1\nreport: { formats: [markdown, junit], retention_days: 400, path: out/r.json }\n'
    })
    expect(kept.report).toStrictEqual({
      path: 'out/r.json',
      formats: ['markdown', 'junit'],
      retentionDays: 400
    })
    const zero = await load({ 'env.yml': 'version: 1\nreport: { retention_days: 0 }\n' })
    expect(zero.report).toStrictEqual({
      path: 'deploy-verify-report.json',
      formats: [],
      retentionDays: undefined
    })
  })

  it('refuses more than 400 days and a path outside the workspace', async () => {
    expect(
      await problems({ 'env.yml': 'version: 1\nreport: { retention_days: 401, path: /etc/r.json }\n' })
    ).toStrictEqual([
      'env.yml:2:27: report.retention_days must be from 0 to 400, not 401',
      "env.yml:2:38: report.path '/etc/r.json' is outside the workspace: name a file inside the workspace"
    ])
  })
})

describe('probes, the other forms', () => {
  it('read the short forms, a CA file, query params as text and a TCP exchange', async () => {
    const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
    const directory = await workspace({
      'certs/ca.pem': CA,
      'env.yml': yaml`
        version: 1
        services:
          web:
            http:
              url: https://web.example.com/
              body: ping
              ca_file: certs/ca.pem
          database:
            postgres:
              url: postgres://localhost/app
              extensions: [pgcrypto, { name: postgis }]
              tables: [users, { name: orders, columns: [id, total] }]
              query: { sql: 'select $1::int as n', params: [7, 'x'], expect: { '$[0].n': 7 } }
              expect: { server_version: { gte: '15.4', lt: 17 } }
          cache:
            tcp:
              host: cache.internal
              port: 6379
              send: PING
              expect: { response: { contains: PONG }, latency: 100ms }
          job:
            command:
              run: ./job.sh
              shell: sh
              expect: { exit_code: 3, stdout: ready }
      `
    })
    const config = await loadEnvironment({ configPath: 'env.yml', workingDirectory: directory, env: {} })
    expect(Object.fromEntries(config.services.map(service => [service.name, service.probe]))).toStrictEqual({
      web: {
        kind: 'http',
        method: 'GET',
        url: 'https://web.example.com/',
        headers: {},
        body: 'ping',
        tls: { ca: CA, insecureSkipVerify: false },
        followRedirects: true,
        maxRedirects: 5,
        maxBodyBytes: 1_048_576,
        expect: { status: ['2xx'] }
      },
      database: {
        kind: 'postgres',
        url: 'postgres://localhost/app',
        extensions: [{ name: 'pgcrypto' }, { name: 'postgis' }],
        tables: [
          { name: 'users', columns: [] },
          { name: 'orders', columns: ['id', 'total'] }
        ],
        query: { sql: 'select $1::int as n', params: ['7', 'x'], expect: { '$[0].n': 7 } },
        // Version bounds are text, compared part by part.
        expect: { serverVersion: { lt: '17', gte: '15.4' } }
      },
      cache: {
        kind: 'tcp',
        host: 'cache.internal',
        port: 6379,
        send: 'PING',
        expect: { response: { contains: 'PONG' }, latency: { op: '<=', ms: 100 } }
      },
      job: {
        kind: 'command',
        run: './job.sh',
        shell: 'sh',
        env: {},
        workingDirectory: directory,
        expect: { exitCode: 3, stdout: 'ready' }
      }
    })
  })

  it('read every key of a matcher, each under its own name', async () => {
    const config = await load({
      'env.yml': yaml`
        version: 1
        services:
          api:
            http:
              url: https://api.example.com/
              expect:
                json:
                  '$.a': { equals: [1, 2], contains: x, matches: '^x', exists: true }
                  '$.b': { lt: 9, lte: 8, gt: 1, gte: 2 }
      `
    })
    const probe = config.services[0]?.probe
    expect(probe?.kind === 'http' ? probe.expect.json : undefined).toStrictEqual({
      '$.a': { equals: [1, 2], contains: 'x', matches: '^x', exists: true },
      '$.b': { lt: 9, lte: 8, gt: 1, gte: 2 }
    })
  })
})

describe('a file read only to compare with', () => {
  it('counts as unset only a required variable that has no value', async () => {
    const workingDirectory = await workspace({
      'local.yml': yaml`
        version: 1
        variables:
          REGION: { required: true }
          ZONE: { required: true }
          SUFFIX: {}
        services:
          api: { http: { url: 'https://api\${SUFFIX}.example.com/\${REGION}/\${ZONE}' } }
      `
    })
    const compared = await loadForComparison({
      configPath: 'local.yml',
      workingDirectory,
      env: { ZONE: 'b' }
    })
    expect(compared.unset).toStrictEqual(['REGION'])
    expect((compared.resolved.value as { services: unknown }).services).toStrictEqual({
      api: { http: { url: 'https://api.example.com/${REGION}/b' } }
    })
  })

  it('fails with only the secrets it read, none when it has none', async () => {
    const workingDirectory = await workspace({ 'local.yml': 'version: 1\nservices: 5\n' })
    const error = await loadForComparison({ configPath: 'local.yml', workingDirectory, env: {} }).catch(
      (thrown: unknown) => thrown
    )
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).secrets).toStrictEqual([])
  })

  it('keeps each required variable it does not have as written, and no such reference counts as a password', async () => {
    const workingDirectory = await workspace({
      'local.yml': yaml`
        version: 1
        variables:
          REGION: { required: true }
          DB_PASSWORD: { required: true, secret: true }
          TIER: { default: gold }
        services:
          api:
            http: { url: 'https://api.example.com/\${REGION}', headers: { x-zone: '\${REGION:-eu}', x-tier: '\${TIER}' } }
          db:
            postgres: { url: 'postgres://app:\${DB_PASSWORD}@db/app' }
          replica:
            postgres: { url: 'postgres://app:pa%40ss@replica/app' }
      `
    })
    const compared = await loadForComparison({ configPath: 'local.yml', workingDirectory, env: {} })
    expect(compared.unset).toStrictEqual(['REGION', 'DB_PASSWORD'])
    expect((compared.resolved.value as { services: unknown }).services).toStrictEqual({
      api: {
        http: {
          url: 'https://api.example.com/${REGION}',
          // A default written at the reference still applies.
          headers: { 'x-zone': 'eu', 'x-tier': 'gold' }
        }
      },
      db: { postgres: { url: 'postgres://app:${DB_PASSWORD}@db/app' } },
      replica: { postgres: { url: 'postgres://app:pa%40ss@replica/app' } }
    })
    // The password written in a URL: as written, decoded, and as Basic auth sends app:pa@ss.
    expect(compared.secrets).toStrictEqual(['pa%40ss', 'pa@ss', Buffer.from('app:pa@ss').toString('base64')])
  })
})
