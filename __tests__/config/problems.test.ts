// Every mistake in a configuration is reported at its file, line and column, in words that say
// what to do, and all of them at once.
import { resolve } from 'node:path'
import { loadEnvironment } from '../../src/config/load.js'
import { ConfigError } from '../../src/config/problems.js'
import { cleanup, failure, problems, yaml } from './helpers.js'

afterAll(cleanup)

const problemsOf = (file: string): Promise<string[]> => problems({ 'env.yml': file })

describe('one run', () => {
  it('reports five different mistakes of one file together, in the order of their lines', async () => {
    const error = await loadEnvironment({
      configPath: 'five-mistakes.yml',
      workingDirectory: resolve('__tests__/fixtures/config'),
      env: { API_URL: 'https://api.example.com', DATABASE_URL: 'postgres://app:pw@db/app' }
    }).catch((thrown: unknown) => thrown)

    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).problems).toStrictEqual([
      {
        file: 'five-mistakes.yml',
        line: 7,
        column: 5,
        message: "unknown key 'timout' in services.api: did you mean 'timeout'?"
      },
      {
        file: 'five-mistakes.yml',
        line: 10,
        column: 33,
        message:
          'services.api.http.headers.Authorization uses ${TOKEN}, which is not declared: declare it under variables: (for example TOKEN: { required: true })'
      },
      {
        file: 'five-mistakes.yml',
        line: 12,
        column: 18,
        message: "services.worker depends on 'databse', which is not a service: did you mean 'database'?"
      },
      {
        file: 'five-mistakes.yml',
        line: 13,
        column: 29,
        message:
          "services.worker.retry.initial_delay must be a duration such as 250ms, 10s, 5m, 1h or 1m30s, not '10 seconds'"
      },
      {
        file: 'five-mistakes.yml',
        line: 18,
        column: 13,
        message: "monitor.duration must be a duration such as 250ms, 10s, 5m, 1h or 1m30s, not 'five minutes'"
      }
    ])
    expect((error as ConfigError).secrets).toContain('postgres://app:pw@db/app')
  })

  it('sorts problems by file, then line and column', async () => {
    const lines = await problems({
      'env.yml': 'extends: ./b.yml\nversion: 1\nunknown: {}\nnotify: { slack: nope }\n',
      'b.yml': 'extends: ./a.yml\ndefaults: { timeout: soon }\n',
      'a.yml': 'report: { retention_days: -3 }\n'
    })
    expect(lines.map(line => line.split(': ')[0])).toStrictEqual([
      'a.yml:1:27',
      'b.yml:2:22',
      'env.yml:3:1',
      'env.yml:4:18'
    ])
  })
})

describe('YAML syntax', () => {
  it('stops loading with a ConfigError that carries no secret, none having been read yet', async () => {
    const error = await failure({ 'env.yml': 'version: 1\nservices: [\n' })
    expect(String(error)).toMatch(/^ConfigError: env\.yml:\d+:\d+: invalid YAML: /)
    expect(error.secrets).toStrictEqual([])
  })

  it('is reported with line and column, and stops before any other check', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        services:
          api: { http: { url: 'https://x' }
        unknown: true
      `)
    ).toStrictEqual([
      'env.yml:4:1: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }'
    ])
  })

  it('reports only the first syntax error, and says how to quote a variable inside a { } map', async () => {
    const problems = await problemsOf(yaml`
      version: 1
      services:
        database:
          postgres: { url: ${'${DATABASE_URL}'} }
        cache:
          tcp: { host: localhost, port: 6379 }
    `)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(
      /^env\.yml:4:\d+: invalid YAML: .*must be quoted: write url: "\$\{DATABASE_URL\}"$/
    )
  })

  it('says to quote a value that has words before its ${VARIABLE} inside a { } map', async () => {
    const problems = await problemsOf(yaml`
      version: 1
      services:
        api:
          http:
            url: https://api.example.com
            headers: { authorization: Bearer ${'${TOKEN}'} }
    `)
    expect(problems).toStrictEqual([
      expect.stringMatching(
        /^env\.yml:6:\d+: invalid YAML: .*\. A value with \$\{VARIABLE\} inside a \{ \} map must be quoted: write authorization: "Bearer \$\{TOKEN\}"$/
      )
    ])
  })

  it('says to quote a plain value that holds a colon and a space, which YAML reads as a nested key', async () => {
    const problems = await problemsOf(yaml`
      version: 1
      smoke:
        - id: errors
          run: echo "ERROR: x" | grep -q it's
    `)
    expect(problems).toStrictEqual([
      expect.stringMatching(
        /^env\.yml:4:\d+: invalid YAML: .*\. The value of run holds ': ', which YAML reads as a nested key: quote the whole value, write run: 'echo "ERROR: x" \| grep -q it''s'$/
      )
    ])
  })

  it('rejects duplicate keys', async () => {
    expect(await problemsOf('version: 1\nversion: 1\n')).toStrictEqual([
      "env.yml:2:1: invalid YAML: duplicate key 'version', first written at line 1: keep one of them"
    ])
  })

  it('refuses a second document in the file, at the line where it starts', async () => {
    expect(await problemsOf('version: 1\n---\nversion: 1\n')).toStrictEqual([
      'env.yml:2:1: invalid YAML: a second document starts here (after ---), and an environment is one: remove this --- and what follows, or move it into a file of its own'
    ])
  })

  it('requires a mapping at the top', async () => {
    expect(await problemsOf('- version: 1\n')).toStrictEqual([
      'env.yml:1:1: the file must be a mapping of keys such as version and services'
    ])
  })
})

describe('keys', () => {
  it('suggests the nearest valid key for an unknown one', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        servics: {}
        defaults: { retries: { attempts: 3 } }
        services:
          api:
            http: { url: 'https://x', expect: { statuss: 200, body: { containz: ok } } }
      `)
    ).toStrictEqual([
      "env.yml:2:1: unknown key 'servics' at the top level: did you mean 'services'?",
      "env.yml:3:13: unknown key 'retries' in defaults: did you mean 'retry'?",
      "env.yml:6:41: unknown key 'statuss' in services.api.http.expect: did you mean 'status'?",
      "env.yml:6:63: unknown key 'containz' in services.api.http.expect.body: did you mean 'contains'?"
    ])
  })

  it('lists the valid keys when none is near', async () => {
    expect(await problemsOf('version: 1\nreport: { folder: out }\n')).toStrictEqual([
      "env.yml:2:11: unknown key 'folder' in report: valid keys are path, formats, retention_days"
    ])
  })

  it('reports a missing version and a missing required key', async () => {
    expect(await problemsOf('services:\n  api:\n    http: { method: GET }\n')).toStrictEqual([
      "env.yml:1:1: the file is missing 'version': add it (version: 1)",
      "env.yml:3:5: services.api.http is missing 'url': add it"
    ])
  })

  it('requires service names that make readable check ids', async () => {
    expect(
      await problemsOf("version: 1\nservices:\n  'API server': { tcp: { host: x, port: 1 } }\n")
    ).toStrictEqual([
      "env.yml:3:3: 'API server' in services must be a name of lower-case letters, digits, - and _ that starts with a letter or digit (it becomes the check id services.<name>)"
    ])
  })
})

describe('values', () => {
  it('must have the right type and range', async () => {
    expect(
      await problemsOf(yaml`
        version: 2
        defaults: { concurrency: 0, retry: { jitter: 1.5 } }
        services:
          cache:
            critical: yes
            tcp: { host: [a], port: 65536 }
      `)
    ).toStrictEqual([
      'env.yml:1:10: version must be 1, not 2',
      'env.yml:2:26: defaults.concurrency must be a whole number of at least 1, or a ${VARIABLE} that holds one, not 0',
      'env.yml:2:46: defaults.retry.jitter must be a number from 0 to 1, or a ${VARIABLE} that holds one, not 1.5',
      "env.yml:5:15: services.cache.critical must be true or false, or a ${VARIABLE} that holds one, not 'yes'",
      'env.yml:6:18: services.cache.tcp.host must be text, not a list',
      'env.yml:6:29: services.cache.tcp.port must be a port from 1 to 65535, or a ${VARIABLE} that holds one, not 65536'
    ])
  })

  it('must have the right length and number of items, and are described as written', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        environment: ''
        report: { formats: [markdown, markdown], path: '' }
        security:
          targets: {}
          ports: { scan: [], host: db }
        rollback: { mode: workflow, dispatch: '${'x'.repeat(101)}' }
        services:
          api:
            http: ~
          cache:
            tcp: { host: { name: x }, port: 1 }
          db:
            tcp: { host: {}, port: 1 }
      `)
    ).toStrictEqual([
      "env.yml:2:14: environment must be at least 1 character(s) long, not ''",
      'env.yml:3:20: report.formats must be valid (must NOT have duplicate items (items ## 1 and 0 are identical)), not a list',
      "env.yml:3:48: report.path must be at least 1 character(s) long, not ''",
      'env.yml:5:12: security.targets must be a mapping of at least 1 key(s), not an empty mapping',
      'env.yml:6:18: security.ports.scan must be a list of at least 1 item(s), not an empty list',
      `env.yml:7:39: rollback.dispatch must be valid (must NOT have more than 100 characters), not '${'x'.repeat(39)}…'`,
      'env.yml:10:11: services.api.http must be a mapping, not empty',
      'env.yml:12:18: services.cache.tcp.host must be text, not a mapping',
      'env.yml:14:18: services.db.tcp.host must be text, not an empty mapping'
    ])
  })

  it('a timeout must be longer than 0', async () => {
    expect(await problemsOf('version: 1\ndefaults: { timeout: 0s }\n')).toStrictEqual([
      'env.yml:2:22: defaults.timeout must be longer than 0'
    ])
  })
})

describe('services', () => {
  it('need exactly one probe', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        services:
          none: { critical: true }
          both:
            http: { url: 'https://x' }
            tcp: { host: x, port: 1 }
      `)
    ).toStrictEqual([
      'env.yml:3:3: services.none has no probe: give it exactly one of http, postgres, tcp, command, metrics, prometheus',
      'env.yml:4:3: services.both has more than one probe (http, tcp): give it exactly one of http, postgres, tcp, command, metrics, prometheus'
    ])
  })

  it('check what the schema cannot: URLs, methods, bodies, regular expressions, status codes, CA files', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        services:
          api:
            http:
              url: api.example.com/health
              method: GE T
              body: text
              json: { a: 1 }
              ca_file: ./certs/missing.pem
              expect:
                status: '700'
                body: { matches: '(unclosed' }
          database:
            postgres: { url: 'mysql://db/app' }
      `)
    ).toStrictEqual([
      "env.yml:5:12: services.api.http.url must be an absolute http:// or https:// URL, not 'api.example.com/health'",
      'env.yml:6:15: services.api.http.method must be an HTTP method such as GET, HEAD or POST',
      'env.yml:8:7: services.api.http has both body and json: keep one of them',
      "env.yml:9:16: services.api.http.ca_file: './certs/missing.pem' was not found (looked for certs/missing.pem)",
      "env.yml:11:17: services.api.http.expect.status must be a status code such as 200, a class such as 2xx, or a list of them, not '700'",
      'env.yml:12:26: services.api.http.expect.body.matches is not a regular expression this action runs (missing closing ): `(unclosed`): write RE2 syntax, as in JavaScript but without backreferences (\\1) and lookaround ((?=, (?!, (?<=, (?<!)',
      'env.yml:14:22: services.database.postgres.url must be a postgres:// or postgresql:// URL (postgres://user:***@host:5432/database)'
    ])
  })

  it('refuses patterns RE2 cannot run in linear time, at their line, saying which syntax it accepts', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        services:
          api:
            http:
              url: https://api.example.com/health
              expect:
                headers: { etag: { matches: '(a)\1' } }
                body: { matches: 'ok(?=!)' }
      `)
    ).toStrictEqual([
      'env.yml:7:37: services.api.http.expect.headers.etag.matches is not a regular expression this action runs (invalid escape sequence: `\\1`): write RE2 syntax, as in JavaScript but without backreferences (\\1) and lookaround ((?=, (?!, (?<=, (?<!)',
      'env.yml:8:26: services.api.http.expect.body.matches is not a regular expression this action runs (invalid or unsupported Perl syntax: `(?=`): write RE2 syntax, as in JavaScript but without backreferences (\\1) and lookaround ((?=, (?!, (?<=, (?<!)'
    ])
  })

  it('reads ca_file relative to the file that names it and requires PEM text', async () => {
    expect(
      await problems({
        'env.yml': 'version: 1\nextends: ./shared/base.yml\n',
        'shared/base.yml': "services:\n  api: { http: { url: 'https://x', ca_file: ca.pem } }\n",
        'shared/ca.pem': 'not a certificate\n'
      })
    ).toStrictEqual([
      "shared/base.yml:2:45: services.api.http.ca_file: 'ca.pem' holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
    ])
  })
})

describe('depends_on', () => {
  it('names existing services', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        services:
          database: { postgres: { url: 'postgres://db/app' } }
          api:
            depends_on: [databse, queue]
            http: { url: 'https://x' }
      `)
    ).toStrictEqual([
      "env.yml:5:18: services.api depends on 'databse', which is not a service: did you mean 'database'?",
      "env.yml:5:27: services.api depends on 'queue', which is not a service: add it under services, or remove it from depends_on"
    ])
  })

  it('has no cycles', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        services:
          api: { depends_on: [worker], tcp: { host: x, port: 1 } }
          worker: { depends_on: [database], tcp: { host: x, port: 2 } }
          database: { depends_on: api, tcp: { host: x, port: 3 } }
          cache: { depends_on: [cache], tcp: { host: x, port: 4 } }
      `)
    ).toStrictEqual([
      'env.yml:5:27: dependency cycle: api → worker → database → api: remove one of these depends_on',
      'env.yml:6:25: dependency cycle: cache → cache: remove one of these depends_on'
    ])
  })
})

describe('a PostgreSQL server version', () => {
  it('must be quoted when it is not a whole number, since YAML drops trailing zeros', async () => {
    expect(
      await problemsOf(
        "version: 1\nservices:\n  db:\n    postgres:\n      url: postgres://db/app\n      expect: { server_version: { gte: 15.10, lt: '16.0' } }\n  db2:\n    postgres:\n      url: postgres://db/app\n      expect: { server_version: 15.10 }\n"
      )
    ).toStrictEqual([
      "env.yml:6:40: services.db.postgres.expect.server_version.gte must be a version such as 15 or '15.4', not 15.1",
      "env.yml:10:33: services.db2.postgres.expect.server_version must be quoted, such as '15.1': as a YAML number a version loses its trailing zeros (15.10 would read as 15.1)"
    ])
  })
})
