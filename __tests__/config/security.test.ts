// Reading the `security:` section: defaults, levels, overrides by name, targets, and problems with
// their file and line. Most specifications read it the way the loader does (schema first, then the
// section's reader) with services made up for them; the last loads a whole file.
import { Cursor } from '../../src/config/cursor.js'
import { inWorkspace } from '../../src/config/files.js'
import { toProblems, type Finding } from '../../src/config/findings.js'
import { mergeLayers } from '../../src/config/merge.js'
import type { ServiceConfig } from '../../src/config/model.js'
import { parseLayer } from '../../src/config/parse.js'
import { formatProblem } from '../../src/config/problems.js'
import { readSecurity } from '../../src/config/security.js'
import { locate } from '../../src/config/source-map.js'
import { validateDocument } from '../../src/config/validate.js'
import { cleanup, load, problems as loadProblems, yaml } from './helpers.js'

const api = {
  name: 'api',
  source: { file: 'env.yml', line: 3, column: 3 },
  probe: {
    kind: 'http',
    url: 'https://api.example.com/health',
    tls: { ca: 'PEM', insecureSkipVerify: false }
  }
} as unknown as ServiceConfig
const db = {
  name: 'db',
  source: { file: 'env.yml', line: 5, column: 3 },
  probe: { kind: 'tcp' }
} as unknown as ServiceConfig

function read(text: string, environment = 'prod') {
  const { layer, problems: syntax } = parseLayer(text, 'env.yml')
  if (syntax.length > 0) throw new Error(syntax.map(formatProblem).join('\n'))
  const { document, sources } = mergeLayers([layer])
  const findings: Finding[] = []
  const root = Cursor.root(document, {
    findings,
    locate: (path, anchor) => locate(sources, path, anchor, 'env.yml'),
    files: inWorkspace(process.cwd())
  })
  const config = readSecurity(root, [api, db], environment)
  const problems = toProblems([validateDocument(document), findings], sources, 'env.yml', []).map(
    formatProblem
  )
  return { config, problems }
}

test('without a security section nothing is examined', () => {
  expect(read('version: 1\n').config).toBeUndefined()
})

test('an empty section examines the HTTP services with the defaults, at the level the environment is named after', () => {
  const { config, problems } = read('version: 1\nsecurity: {}\n', 'staging')
  expect(problems).toEqual([])
  expect(config).toMatchObject({
    level: 'staging',
    overrides: {},
    targets: [{ name: 'api', url: 'https://api.example.com/health', ca: 'PEM', source: api.source }],
    tls: { minDays: { warn: 21, fail: 7 }, minVersion: 'TLSv1.2' },
    cors: { allowedOrigins: [], credentials: false },
    authRequired: []
  })
  expect(read('version: 1\nsecurity: {}\n', 'eu-prod').config?.level).toBe('production')
})

test("the design's example is read whole, overrides by name included", () => {
  const { config, problems } = read(yaml`
    version: 1
    security:
      level: local
      cors: { allowed_origins: [https://app.example.com], credentials: true, reflected-origin: fail }
      headers: { content-security-policy: warn }
      tls: { min_days: { warn: 30, fail: 10 }, min_version: TLSv1.3 }
      auth_required: ["https://api.example.com/admin", "https://api.example.com/admin/"]
      ports: { host: api.example.com, expected: [443], scan: [22, 80, 443, 5432, 6379] }
  `)
  expect(problems).toEqual([])
  expect(config).toMatchObject({
    level: 'local',
    overrides: { 'cors.reflected-origin': 'fail', 'headers.content-security-policy': 'warn' },
    tls: { minDays: { warn: 30, fail: 10 }, minVersion: 'TLSv1.3' },
    cors: { allowedOrigins: ['https://app.example.com'], credentials: true },
    authRequired: [
      { name: 'admin', url: 'https://api.example.com/admin', source: { file: 'env.yml', line: 7 } },
      { name: 'admin-2', url: 'https://api.example.com/admin/' }
    ],
    ports: {
      host: 'api.example.com',
      expected: [443],
      scan: [22, 80, 443, 5432, 6379],
      source: { file: 'env.yml', line: 8 }
    }
  })
})

test('targets replace the services, and auth_required takes an override in its mapping form', () => {
  const { config, problems } = read(yaml`
    version: 1
    security:
      targets: { site: "https://www.example.com/" }
      auth_required: { endpoints: ["https://www.example.com/account"], open: warn }
  `)
  expect(problems).toEqual([])
  expect(config?.targets).toEqual([
    { name: 'site', url: 'https://www.example.com/', source: { file: 'env.yml', line: 3, column: 14 } }
  ])
  expect(config?.overrides).toEqual({ 'auth_required.open': 'warn' })
  expect(config?.authRequired.map(endpoint => endpoint.name)).toEqual(['account'])
})

test('bad values are reported at their line, saying what to do', () => {
  const { config, problems } = read(yaml`
    version: 1
    security:
      level: prod
      headers: { csp: warn, referrer-policy: never }
      tls: { min_days: { warn: 5, fail: 10 } }
      targets: { site: "ftp://www.example.com/" }
      auth_required: [admin]
      ports: { host: db.internal, expected: [5432], scan: [22, 70000] }
  `)
  expect(problems).toEqual([
    `env.yml:3:10: security.level must be "local", "staging" or "production", not 'prod'`,
    `env.yml:4:14: unknown key 'csp' in security.headers: valid keys are strict-transport-security, x-content-type-options, frame-protection, content-security-policy, referrer-policy, version-leak`,
    `env.yml:4:42: security.headers.referrer-policy must be fail, warn or ignore, not 'never'`,
    `env.yml:5:37: security.tls.min_days.fail (10) must be at most security.tls.min_days.warn (5): a certificate warns before it fails`,
    `env.yml:6:20: security.targets.site must be an http:// or https:// URL, not 'ftp://www.example.com/'`,
    `env.yml:7:19: security.auth_required[0] must be an http:// or https:// URL, not 'admin'`,
    `env.yml:8:42: security.ports.expected[0] 5432 is not in security.ports.scan: add it there, or it is never tried`,
    `env.yml:8:60: security.ports.scan[1] must be a port from 1 to 65535, or a \${VARIABLE} that holds one, not 70000`
  ])
  // What could not be read is left out: no override, no target, no endpoint.
  expect(config).toMatchObject({ overrides: {}, targets: [], authRequired: [] })
})

test('plain http:// URLs are examined too', () => {
  const { config, problems } = read(yaml`
    version: 1
    security:
      targets: { site: "http://www.example.com/" }
      auth_required: ["http://www.example.com/admin"]
  `)
  expect(problems).toEqual([])
  expect(config?.targets.map(target => target.url)).toEqual(['http://www.example.com/'])
  expect(config?.authRequired.map(endpoint => endpoint.url)).toEqual(['http://www.example.com/admin'])
})

test('ports without a host are a problem of the file, not a crash', () => {
  const { config, problems } = read('version: 1\nsecurity:\n  ports: { scan: [22] }\n')
  expect(problems).toEqual([`env.yml:3:3: security.ports is missing 'host': add it`])
  expect(config?.ports).toBeUndefined()
})

test('endpoints are named after their paths, each name once; certificates may warn and fail on the same day', () => {
  const { config, problems } = read(yaml`
    version: 1
    security:
      tls: { min_days: { warn: 7, fail: 7 } }
      auth_required:
        - https://api.example.com
        - https://api.example.com/Admin/Users/
        - https://api.example.com/admin/users
        - https://api.example.com/admin--users
      ports: { host: ' ', scan: [22] }
  `)
  expect(problems).toEqual([])
  expect(config).toStrictEqual({
    level: 'production',
    overrides: {},
    targets: [{ name: 'api', url: 'https://api.example.com/health', ca: 'PEM', source: api.source }],
    tls: { minDays: { warn: 7, fail: 7 }, minVersion: 'TLSv1.2' },
    cors: { allowedOrigins: [], credentials: false },
    authRequired: [
      { name: 'root', url: 'https://api.example.com', source: { file: 'env.yml', line: 5, column: 7 } },
      {
        name: 'admin-users',
        url: 'https://api.example.com/Admin/Users/',
        source: { file: 'env.yml', line: 6, column: 7 }
      },
      {
        name: 'admin-users-2',
        url: 'https://api.example.com/admin/users',
        source: { file: 'env.yml', line: 7, column: 7 }
      },
      {
        name: 'admin-users-3',
        url: 'https://api.example.com/admin--users',
        source: { file: 'env.yml', line: 8, column: 7 }
      }
    ],
    // A blank host examines no ports.
    ports: undefined
  })
})

test('the loader reads the section with the services it examines', async () => {
  const config = await load({
    'env.yml': yaml`
      version: 1
      environment: local
      services:
        api: { http: { url: "https://api.example.com/health" } }
      security:
        auth_required: ["https://api.example.com/admin"]
    `
  })
  await cleanup()
  expect(config.security).toMatchObject({
    level: 'local',
    targets: [{ name: 'api', url: 'https://api.example.com/health', source: { file: 'env.yml', line: 4 } }],
    authRequired: [{ name: 'admin', source: { line: 6 } }]
  })
})

test('an expected port that a variable makes unreadable is reported once, for what it holds', async () => {
  expect(
    await loadProblems({
      'env.yml': yaml`
        version: 1
        variables:
          PORT: { default: '0' }
        security:
          ports: { host: db.internal, scan: [22], expected: ['\${PORT}'] }
      `
    })
  ).toEqual(['env.yml:5:54: security.ports.expected[0] must be from 1 to 65535, not 0'])
  await cleanup()
})
