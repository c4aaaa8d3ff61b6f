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

describe('config drift of documents, place by place', () => {
  /** A side whose every place is located as `<file>[<path>]:1`, so a message shows the path looked up. */
  const side = (
    file: string,
    value: unknown,
    more: { written?: unknown; secrets?: string[]; unset?: string[] } = {}
  ) => ({
    resolved: {
      value,
      written: more.written ?? value,
      locate: (path: ReadonlyArray<string | number>) => ({
        file: `${file}[${path.join('.')}]`,
        line: 1,
        column: 1
      })
    },
    secrets: more.secrets ?? [],
    ...(more.unset && { unset: more.unset })
  })
  const differences = (
    target: ReturnType<typeof side>,
    local: ReturnType<typeof side>,
    rules: Partial<DriftRules> = {}
  ) =>
    compareEnvironments(target, local, { ignore: [], expectDifferent: [], ...rules }).map(
      d => `${d.status} ${d.kind} ${d.path}: ${d.message}`
    )

  it('pairs items of lists of mappings by position when some item has no id or name', () => {
    const target = side('t', { checks: [{ a: 1 }, { a: 2 }, { a: 3 }] })
    const local = side('l', { checks: [{ a: 1 }, { a: 5 }] })
    expect(differences(target, local)).toEqual([
      'failed changed checks[1].a: checks[1].a differs: t[checks.1.a]:1 has 2, l[checks.1.a]:1 has 5',
      'failed added checks[2]: checks[2] is in t[checks.2]:1 but not in l[checks.2] (compare l[checks.2]:1)'
    ])
    expect(differences(local, target)).toEqual([
      'failed changed checks[1].a: checks[1].a differs: l[checks.1.a]:1 has 5, t[checks.1.a]:1 has 2',
      'failed removed checks[2]: checks[2] is in t[checks.2]:1 but not in l[checks.2] (compare l[checks.2]:1)'
    ])
    // One item without a name: all are paired by position, whatever their names.
    const unnamed = side('l', { smoke: [{ name: 'Sign in', run: 'a' }, { run: 'b' }] })
    expect(differences(side('t', { smoke: [{ run: 'b' }, { name: 'Sign in', run: 'a' }] }), unnamed)).toEqual(
      [
        'failed changed smoke[0].run: smoke[0].run differs: t[smoke.0.run]:1 has "b", l[smoke.0.run]:1 has "a"',
        'failed removed smoke[0].name: smoke[0].name is in l[smoke.0.name]:1 but not in t[smoke.0.name] (compare t[smoke.0.name]:1)',
        'failed added smoke[1].name: smoke[1].name is in t[smoke.1.name]:1 but not in l[smoke.1.name] (compare l[smoke.1.name]:1)',
        'failed changed smoke[1].run: smoke[1].run differs: t[smoke.1.run]:1 has "a", l[smoke.1.run]:1 has "b"'
      ]
    )
  })

  it('locates an item of one list only, paired by id, at the end of the other list', () => {
    const target = side('t', { smoke: [{ id: 'a', name: 'A', run: 'x' }] })
    const local = side('l', {
      smoke: [
        { id: 'b', run: 'y' },
        { name: 'A', run: 'x' }
      ]
    })
    expect(differences(target, local)).toEqual([
      'failed removed smoke.b: smoke.b is in l[smoke.0]:1 but not in t[smoke.1] (compare t[smoke.1]:1)'
    ])
    expect(differences(local, target)).toEqual([
      'failed added smoke.b: smoke.b is in l[smoke.0]:1 but not in t[smoke.1] (compare t[smoke.1]:1)'
    ])
  })

  it('compares a mapping with a list, or a list of values with a list of mappings, item by item', () => {
    expect(differences(side('t', { x: { a: 1 } }), side('l', { x: [1] }))).toEqual([
      'failed changed x: x differs: t[x]:1 has {"a":1}, l[x]:1 has [1]'
    ])
    expect(differences(side('t', { x: [1, 2] }), side('l', { x: [1, { a: 2 }] }))).toEqual([
      'failed changed x[1]: x[1] differs: t[x.1]:1 has 2, l[x.1]:1 has {"a":2}'
    ])
    expect(differences(side('t', { x: [{ a: 1, b: [2] }] }), side('l', { x: [{ b: [2], a: 1 }] }))).toEqual(
      []
    )
    expect(differences(side('t', { x: null }), side('l', { x: 'null' }))).toEqual([
      'failed changed x: x differs: t[x]:1 has null, l[x]:1 has "null"'
    ])
  })

  it('shows values when no secret is set, an empty one included', () => {
    expect(
      differences(side('t', { port: 1 }, { secrets: [''] }), side('l', { port: 2 }, { secrets: [] }))
    ).toEqual(['failed changed port: port differs: t[port]:1 has 1, l[port]:1 has 2'])
  })

  it('hides a value holding a secret of either side, also when the other value is no URL', () => {
    const target = side('t', { url: 'postgres://u:pw-secret@h/db' }, { secrets: ['pw-secret'] })
    expect(differences(target, side('l', { url: 'not a url' }))).toEqual([
      'failed changed url: url differs: t[url]:1 has <secret>, l[url]:1 has "not a url"'
    ])
    expect(differences(side('t', { url: 'not a url' }), side('l', { url: 'x' }, { secrets: ['x'] }))).toEqual(
      ['failed changed url: url differs: t[url]:1 has "not a url", l[url]:1 has <secret>']
    )
  })

  it('takes the port of a scheme it does not know as none', () => {
    const target = side('t', { url: 'foo://u:pw-secret@h/db' }, { secrets: ['pw-secret'] })
    expect(differences(target, side('l', { url: 'foo://u:pw-secret@h:1/db' }))).toEqual([
      'failed changed url: url differs: port differs: t[url]:1 has port "", l[url]:1 has port "1"'
    ])
  })

  it('names every unset variable a value uses, on either side', () => {
    const target = side('t', { url: '${A}${B}' }, { unset: ['A', 'B', 'C'] })
    expect(differences(target, side('l', { url: 'x' }))).toEqual([
      'warning unresolved url: url cannot be compared: ${A}, ${B} are not set there, and the files write it differently: t[url]:1 has "${A}${B}", l[url]:1 has "x"; give the variable a default there to compare values'
    ])
  })

  it('reports a place only one side has as added or removed, even when it uses an unset variable', () => {
    const local = side('l', { url: 'x', extra: '${A}' }, { unset: ['A'] })
    expect(differences(side('t', { url: 'x' }), local)).toEqual([
      'failed removed extra: extra is in l[extra]:1 but not in t[extra] (compare t[extra]:1)'
    ])
  })

  it('compares as written a place whose written value is not where the resolved one is', () => {
    const local = side('l', { h: '${A}' }, { written: { h: ['${A}'] }, unset: ['A'] })
    expect(differences(side('t', { h: '${A}' }, { written: 'flat' }), local)).toEqual([
      'warning unresolved h: h cannot be compared: ${A} is not set there, and the files write it differently: t[h]:1 has nothing, l[h]:1 has ["${A}"]; give the variable a default there to compare values'
    ])
  })

  it('names the parts of two URLs that differ when only one of them holds a secret', () => {
    const target = side('t', { url: 'postgres://u:pw-secret@a/db' }, { secrets: ['pw-secret'] })
    expect(differences(target, side('l', { url: 'postgres://u:pw@b/db' }))).toEqual([
      'failed changed url: url differs: host differs: t[url]:1 has host "a", l[url]:1 has host "b"'
    ])
  })

  it('compares whole sections expected to differ in a canonical form: key order and scalar types aside', () => {
    const rules = { expectDifferent: ['api'] }
    const target = side('t', { api: { b: [{ x: 1 }], a: 5432, c: null } })
    expect(differences(target, side('l', { api: { a: '5432', c: null, b: [{ x: '1' }] } }), rules)).toEqual([
      'warning unchanged api: api was expected to differ but is the same in t[api]:1 and l[api]:1: {"b":[{"x":1}],"a":5432,"c":null}'
    ])
    expect(differences(target, side('l', { api: { a: 5432, c: 'null', b: [{ x: 1 }] } }), rules)).toEqual([
      expect.stringMatching(/^passed expected api: api differs as expected/)
    ])
    expect(differences(target, side('l', { api: { a: 5432, c: null, b: [{ y: 1 }] } }), rules)[0]).toMatch(
      /^passed expected api: api differs as expected/
    )
  })

  it('compares as written a value inside a list', () => {
    const local = side('l', { hosts: [{ h: '${A}' }] }, { written: { hosts: [{ h: '${A}' }] }, unset: ['A'] })
    expect(
      differences(side('t', { hosts: [{ h: 'x' }] }, { written: { hosts: [{ h: '${A}' }] } }), local)
    ).toEqual([
      'passed unresolved hosts[0].h: hosts[0].h is written the same in both files ("${A}"), compared as written: ${A} is not set there'
    ])
  })

  it('skips only the top-level bookkeeping keys, and the whole variables section by name', () => {
    const target = side('t', { version: 1, services: { version: 2 }, variables: { A: { default: 1 } } })
    const local = side('l', { version: 2, services: { version: 3 }, variables: { A: { required: true } } })
    expect(differences(target, local)).toEqual([
      'failed changed services.version: services.version differs: t[services.version]:1 has 2, l[services.version]:1 has 3'
    ])
  })
})
