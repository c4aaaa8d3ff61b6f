// Config drift between two real environment files, loaded and interpolated as a run loads them.
import { afterAll, describe, expect, it } from '@jest/globals'
import { loadEnvironment, loadForComparison } from '../../src/config/load.js'
import { compareEnvironments, type DriftRules } from '../../src/judge/environment-drift.js'
import { cleanup, workspace, yaml } from '../config/helpers.js'

afterAll(cleanup)

const LOCAL = yaml`
  version: 1
  environment: local
  variables:
    DATABASE_URL: { default: 'postgres://app:local-pw@localhost:5432/app', secret: true }
  services:
    api:
      http: { url: 'http://localhost:3000/health' }
    database:
      postgres: { url: '\${DATABASE_URL}', extensions: [vector, pg_trgm] }
    cache:
      tcp: { host: localhost, port: 6379 }
  smoke:
    - name: Sign in
      http: { url: 'http://localhost:3000/login' }
    - name: Upload
      run: ./upload.sh
`

/** The differences of `production` from LOCAL, each as `status path: message`. */
async function drift(production: string, rules: Partial<DriftRules> = {}, env: Record<string, string> = {}) {
  const workingDirectory = await workspace({ 'production.yml': production, 'local.yml': LOCAL })
  const load = (configPath: string) => loadEnvironment({ configPath, workingDirectory, env })
  const [target, local] = await Promise.all([load('production.yml'), load('local.yml')])
  return compareEnvironments(target, local, { ignore: [], expectDifferent: [], ...rules }).map(
    d => `${d.status} ${d.path}: ${d.message}`
  )
}

describe('config drift', () => {
  it('finds none between files that differ only in their bookkeeping', async () => {
    const same = LOCAL.replace(
      'environment: local',
      'environment: production\nbaseline: { compare_config: ./local.yml }'
    )
    expect(await drift(same)).toEqual([])
  })

  it('names a changed port with both files and lines', async () => {
    expect(await drift(LOCAL.replace('port: 6379', 'port: 6380'))).toEqual([
      'failed services.cache.tcp.port: services.cache.tcp.port differs: production.yml:11 has 6380, local.yml:11 has 6379'
    ])
  })

  it('takes a port from a variable to be the same port as a number', async () => {
    const fromVariable = LOCAL.replace('variables:', 'variables:\n  PORT: { default: "6379" }').replace(
      'port: 6379',
      'port: "${PORT}"'
    )
    expect(await drift(fromVariable)).toEqual([
      'failed variables.PORT: variables.PORT is in production.yml:4 but not in local.yml (compare local.yml:3)'
    ])
  })

  it('compares declared variables by name, not by how each file declares them', async () => {
    const required = LOCAL.replace(
      "{ default: 'postgres://app:local-pw@localhost:5432/app', secret: true }",
      '{ required: true, secret: true }'
    )
    expect(await drift(required, {}, { DATABASE_URL: 'postgres://app:local-pw@localhost:5432/app' })).toEqual(
      []
    )
  })

  it('reports a whole service added or removed once', async () => {
    const production = LOCAL.replace(
      / {2}cache:\n.*\n/,
      '  worker:\n    http: { url: "http://localhost:4000/health" }\n'
    )
    expect(await drift(production)).toEqual([
      'failed services.worker: services.worker is in production.yml:11 but not in local.yml (compare local.yml:5)',
      'failed services.cache: services.cache is in local.yml:11 but not in production.yml (compare production.yml:5)'
    ])
  })

  it('ignores listed paths and what is under them, * standing for any one key', async () => {
    const production = LOCAL.replace('port: 6379', 'port: 6380').replace(/localhost:3000/g, 'api.example.com')
    expect(await drift(production, { ignore: ['services.cache', 'services.*.http', 'smoke'] })).toEqual([])
  })

  it('passes a difference listed in expect_different, and warns when the two are the same', async () => {
    const production = LOCAL.replace('http://localhost:3000/health', 'https://api.example.com/health')
    expect(await drift(production, { expectDifferent: ['services.api.http.url'] })).toEqual([
      'passed services.api.http.url: services.api.http.url differs as expected: production.yml:7 has "https://api.example.com/health", local.yml:7 has "http://localhost:3000/health"'
    ])
    expect(await drift(LOCAL, { expectDifferent: ['services.api.http.url'] })).toEqual([
      'warning services.api.http.url: services.api.http.url was expected to differ but is the same in production.yml:7 and local.yml:7: "http://localhost:3000/health"'
    ])
  })

  it('warns about a rule that names nothing in either file', async () => {
    expect(await drift(LOCAL, { ignore: ['services.apii'] })).toEqual([
      'warning services.apii: baseline.ignore lists services.apii, which is in neither file: a typo?'
    ])
    // Inside a service only one file has, a rule names something that file has.
    const production = LOCAL.replace(/ {2}cache:\n.*\n/, '')
    expect(await drift(production, { ignore: ['services.cache.tcp.port'] })).toEqual([
      'failed services.cache: services.cache is in local.yml:11 but not in production.yml (compare production.yml:5)'
    ])
  })

  it('never shows a secret value, only that it differs', async () => {
    const differences = await drift(LOCAL, {}, { DATABASE_URL: 'postgres://app:prod-Secret@db.internal/app' })
    // The production file is LOCAL too, so the secret differs only through the environment: both
    // files resolve DATABASE_URL from it, and nothing differs.
    expect(differences).toEqual([])
    const production = LOCAL.replace("'${DATABASE_URL}'", "'postgres://app:other-Secret@db/app'")
    // A password inside a URL is a secret too, whichever file it is written in.
    expect(await drift(production)).toEqual([
      'failed services.database.postgres.url: services.database.postgres.url differs: host differs: production.yml:9 has host "db", local.yml:9 has host "localhost"'
    ])
    // Shown values are JSON, where a quote or a backslash in a secret is escaped: still hidden.
    const escaped = LOCAL.replace('app:local-pw@localhost', 'app:pa"ss\\word@db')
    expect(await drift(escaped)).toEqual([
      'failed services.database.postgres.url: services.database.postgres.url differs: host differs: production.yml:9 has host "db", local.yml:9 has host "localhost"'
    ])
  })

  it('compares lists of plain values as sets, and steps by their id (given, or the name slugged)', async () => {
    const reordered = LOCAL.replace('[vector, pg_trgm]', '[pg_trgm, vector]').replace(
      /( {2}- name: Sign in\n.*\n)( {2}- name: Upload\n.*\n)/,
      '$2$1'
    )
    expect(await drift(reordered)).toEqual([])
    expect(await drift(LOCAL.replace('[vector, pg_trgm]', '[vector]'))).toEqual([
      'failed services.database.postgres.extensions: services.database.postgres.extensions differs: production.yml:9 has ["vector"], local.yml:9 has ["vector","pg_trgm"]'
    ])
    expect(await drift(LOCAL.replace('./upload.sh', './upload.sh --fast'))).toEqual([
      'failed smoke.upload.run: smoke.upload.run differs: production.yml:16 has "./upload.sh --fast", local.yml:16 has "./upload.sh"'
    ])
    expect(await drift(LOCAL.replace('- name: Upload', '- name: Upload\n    id: upload'))).toEqual([])
    expect(await drift(LOCAL.replace('3000/login', '3001/login'), { ignore: ['smoke.sign-in'] })).toEqual([])
  })
})

describe('config drift of database URLs', () => {
  it('names the parts that differ, never the password', async () => {
    const other = (url: string) => LOCAL.replace("'${DATABASE_URL}'", `'${url}'`)
    expect(await drift(other('postgres://admin:prod-Secret@db.internal:6432/shop'))).toEqual([
      'failed services.database.postgres.url: services.database.postgres.url differs: host, port, database, user differ: production.yml:9 has host "db.internal", port "6432", database "shop", user "admin", local.yml:9 has host "localhost", port "5432", database "app", user "app"'
    ])
    expect(await drift(other('postgres://app:prod-Secret@localhost/app'))).toEqual([
      'failed services.database.postgres.url: services.database.postgres.url differs: only the password differs (not shown) between production.yml:9 and local.yml:9'
    ])
  })
})

describe('config drift against a file whose required variables are unset', () => {
  const WITH_REQUIRED = yaml`
    version: 1
    variables:
      API_URL: { required: true }
      REGION: { required: true }
    services:
      api:
        http: { url: '\${API_URL}/health', headers: { x-region: '\${REGION}' } }
  `

  async function compare(production: string) {
    const workingDirectory = await workspace({ 'production.yml': production, 'local.yml': WITH_REQUIRED })
    const env = { API_URL: 'https://api.example.com', REGION: 'eu' }
    const target = await loadEnvironment({ configPath: 'production.yml', workingDirectory, env })
    const local = await loadForComparison({ configPath: 'local.yml', workingDirectory, env: {} })
    expect(local.unset).toEqual(['API_URL', 'REGION'])
    return compareEnvironments(target, local, { ignore: [], expectDifferent: [] }).map(
      d => `${d.status} ${d.kind} ${d.path}: ${d.message}`
    )
  }

  it('compares what both files write where a value cannot be resolved: the same expression is no drift', async () => {
    expect(await compare(WITH_REQUIRED)).toEqual([
      'passed unresolved services.api.http.url: services.api.http.url is written the same in both files ("${API_URL}/health"), compared as written: ${API_URL} is not set there',
      'passed unresolved services.api.http.headers.x-region: services.api.http.headers.x-region is written the same in both files ("${REGION}"), compared as written: ${REGION} is not set there'
    ])
  })

  it('warns where the files write it differently, and says how to make the values comparable', async () => {
    const differently = WITH_REQUIRED.replace("'${API_URL}/health'", "'${API_URL}/healthz'")
    expect(await compare(differently)).toEqual([
      'warning unresolved services.api.http.url: services.api.http.url cannot be compared: ${API_URL} is not set there, and the files write it differently: production.yml:7 has "${API_URL}/healthz", local.yml:7 has "${API_URL}/health"; give the variable a default there to compare values',
      'passed unresolved services.api.http.headers.x-region: services.api.http.headers.x-region is written the same in both files ("${REGION}"), compared as written: ${REGION} is not set there'
    ])
  })
})

describe('config drift, more places', () => {
  const withDatabase = (url: string) => LOCAL.replace("'${DATABASE_URL}'", `'${url}'`)

  it('names a changed scheme or query of a URL holding a password, and takes a missing port as the default', async () => {
    expect(await drift(withDatabase('postgresql://app:prod-Secret@localhost/app?sslmode=require'))).toEqual([
      'failed services.database.postgres.url: services.database.postgres.url differs: scheme, query differ: production.yml:9 has scheme "postgresql", query "?sslmode=require", local.yml:9 has scheme "postgres", query ""'
    ])
  })

  it('reads user and database percent-decoded', async () => {
    expect(await drift(withDatabase('postgres://app%40corp:prod-Secret@localhost:5432/my%20app'))).toEqual([
      'failed services.database.postgres.url: services.database.postgres.url differs: database, user differ: production.yml:9 has database "my app", user "app@corp", local.yml:9 has database "app", user "app"'
    ])
  })

  it('shows URLs without a secret whole, and a long value cut short', async () => {
    const long = `http://localhost:3000/${'x'.repeat(100)}`
    const [difference] = await drift(LOCAL.replace('http://localhost:3000/health', long))
    expect(difference).toBe(
      `failed services.api.http.url: services.api.http.url differs: production.yml:7 has "${long.slice(0, 78)}…, local.yml:7 has "http://localhost:3000/health"`
    )
  })

  it('a variable declared in one file only is drift; one declared in both is compared where it is used', async () => {
    expect(await drift(LOCAL.replace('variables:', 'variables:\n  REGION: { default: eu }'))).toEqual([
      'failed variables.REGION: variables.REGION is in production.yml:4 but not in local.yml (compare local.yml:3)'
    ])
    const defaults = LOCAL.replace(
      "{ default: 'postgres://app:local-pw@localhost:5432/app', secret: true }",
      "{ default: 'postgres://app:local-pw@localhost:5432/app', secret: true, description: a database }"
    )
    expect(await drift(defaults)).toEqual([])
  })

  it('warns about an expect_different rule that names nothing in either file', async () => {
    expect(await drift(LOCAL, { expectDifferent: ['services.api.http.urll'] })).toEqual([
      'warning services.api.http.urll: baseline.expect_different lists services.api.http.urll, which is in neither file: a typo?'
    ])
  })

  it('an expected difference of a URL holding a password names its parts', async () => {
    expect(
      await drift(withDatabase('postgres://app:prod-Secret@db.internal:5432/app'), {
        expectDifferent: ['services.database.postgres.url']
      })
    ).toEqual([
      'passed services.database.postgres.url: services.database.postgres.url differs as expected: host differs: production.yml:9 has host "db.internal", local.yml:9 has host "localhost"'
    ])
  })

  it('an item added to a list of steps is named by its id', async () => {
    const production = LOCAL.replace(
      '- name: Upload',
      '- name: Sign out\n    run: ./out.sh\n  - name: Upload'
    )
    expect(await drift(production)).toEqual([
      'failed smoke.sign-out: smoke.sign-out is in production.yml:15 but not in local.yml (compare local.yml:12)'
    ])
  })
})

describe('the kind of each drift', () => {
  it('says whether a place was added, removed, changed, differs as expected, is unchanged, or a rule names nothing', async () => {
    const production = LOCAL.replace('port: 6379', 'port: 6380')
      .replace(/ {2}cache:\n.*\n/, '  worker:\n    tcp: { host: localhost, port: 7000 }\n')
      .replace('http://localhost:3000/health', 'https://api.example.com/health')
      .replace('3000/login', '3001/login')
    const workingDirectory = await workspace({ 'production.yml': production, 'local.yml': LOCAL })
    const load = (configPath: string) => loadEnvironment({ configPath, workingDirectory, env: {} })
    const [target, local] = await Promise.all([load('production.yml'), load('local.yml')])
    const rules = {
      ignore: ['services.nothing'],
      expectDifferent: ['services.api.http.url', 'smoke.upload.run']
    }
    expect(compareEnvironments(target, local, rules).map(d => [d.kind, d.path])).toEqual([
      ['expected', 'services.api.http.url'],
      ['added', 'services.worker'],
      ['removed', 'services.cache'],
      ['changed', 'smoke.sign-in.http.url'],
      ['unchanged', 'smoke.upload.run'],
      ['unmatched-rule', 'services.nothing']
    ])
  })
})
