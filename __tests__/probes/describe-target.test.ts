// What a check points at, as reports show it: the target of each kind of probe, and never the
// password of a database URL.
import { httpSpec } from '../support/specs.js'
import type { PostgresProbeSpec } from '../../src/config/model.js'
import { describeTarget } from '../../src/probes/index.js'

const postgres = (url: string): PostgresProbeSpec => ({
  kind: 'postgres',
  url,
  extensions: [],
  tables: [],
  expect: {}
})

const http = (url: string) => httpSpec(url)

describe('a described target', () => {
  test('of a metrics or prometheus probe shows its URL, never the password in it', () => {
    expect(
      describeTarget({
        kind: 'prometheus',
        url: 'https://reader:s3cret@prom.internal:9090',
        headers: {},
        rules: []
      })
    ).toBe('https://reader:***@prom.internal:9090/')
    expect(
      describeTarget({
        kind: 'metrics',
        url: 'http://api:9464/metrics',
        headers: {},
        maxBodyBytes: 1,
        rules: []
      })
    ).toBe('http://api:9464/metrics')
  })

  test('of a PostgreSQL probe shows its URL with the password replaced by ***', () => {
    expect(describeTarget(postgres('postgres://app:s3cret@db.internal:5432/app'))).toBe(
      'postgres://app:***@db.internal:5432/app'
    )
  })

  test('keeps the rest of a PostgreSQL URL, its parameters included', () => {
    expect(describeTarget(postgres('postgresql://app:s3cret@db:6432/app?sslmode=require'))).toBe(
      'postgresql://app:***@db:6432/app?sslmode=require'
    )
  })

  test('hides a password that itself contains @ or spaces', () => {
    for (const url of ['postgres://app:p@ss@db/app', 'postgres://app:pa ss word@db/app']) {
      const shown = describeTarget(postgres(url))
      expect(shown).toBe('postgres://app:***@db/app')
    }
  })

  test('hides the password even of a URL that does not parse', () => {
    const shown = describeTarget(postgres('postgres://app:s3cret@[::1:5432/app'))
    expect(shown).not.toContain('s3cret')
    expect(shown).toContain('app:***@')
  })

  test('leaves a PostgreSQL URL without a password as it is', () => {
    expect(describeTarget(postgres('postgres://app@db:5432/app'))).toBe('postgres://app@db:5432/app')
    expect(describeTarget(postgres('postgres://db:5432/app'))).toBe('postgres://db:5432/app')
  })

  test('of an HTTP probe is its URL, as written', () => {
    expect(describeTarget(http('https://api.example.com/health?full=1'))).toBe(
      'https://api.example.com/health?full=1'
    )
  })

  test('of an HTTP probe hides the password of a user:password URL', () => {
    expect(describeTarget(http('https://ops:hunter2@api.example.com/health'))).toBe(
      'https://ops:***@api.example.com/health'
    )
  })

  test('of a TCP probe is host:port', () => {
    expect(describeTarget({ kind: 'tcp', host: 'cache.internal', port: 6379, expect: {} })).toBe(
      'cache.internal:6379'
    )
  })

  test('of a command probe is the command text', () => {
    expect(
      describeTarget({ kind: 'command', run: './scripts/smoke.sh --fast', env: {}, expect: { exitCode: 0 } })
    ).toBe('./scripts/smoke.sh --fast')
  })
})
