// The probe of a service: what its URL may be, what belongs to smoke steps only, and how a
// server_version matcher is read.
import { cleanup, load, problems, yaml } from './helpers.js'

afterAll(cleanup)

const problemsOf = (text: string) => problems({ 'env.yml': text })

/** The probe of the only service, `db`, written as `probe`. */
async function probeOf(probe: string) {
  const config = await load({
    'env.yml': yaml`
      version: 1
      environment: staging
      services:
        db:
          ${probe}
    `
  })
  return config.services[0]?.probe
}

describe('an http probe', () => {
  it('refuses capture:, which only a smoke step has later steps to give to', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        environment: staging
        services:
          api:
            http:
              url: https://api.example.com/health
              capture: { token: $.token }
      `)
    ).toStrictEqual(['env.yml:7:7: services.api.http.capture is only for smoke steps: remove it here'])
  })

  it('refuses a URL whose scheme only ends in http or https', async () => {
    expect(
      await problemsOf(yaml`
        version: 1
        environment: staging
        services:
          api: { http: { url: 'xhttps://api.example.com/health' } }
      `)
    ).toStrictEqual([
      "env.yml:4:23: services.api.http.url must be an absolute http:// or https:// URL, not 'xhttps://api.example.com/health'"
    ])
  })
})

describe('a postgres probe', () => {
  it('takes a postgres:// or a postgresql:// URL', async () => {
    expect(await probeOf('postgres: { url: postgres://app@db.internal:5432/app }')).toStrictEqual({
      kind: 'postgres',
      url: 'postgres://app@db.internal:5432/app',
      extensions: [],
      tables: [],
      expect: {}
    })
    expect(await probeOf('postgres: { url: postgresql://db.internal/app }')).toMatchObject({
      url: 'postgresql://db.internal/app'
    })
  })

  it('refuses a URL of another scheme, or none, without quoting it (it may hold a password)', async () => {
    // The masking of URL passwords in messages reaches the example too.
    const message = (column: number) =>
      `env.yml:4:${column}: services.db.postgres.url must be a postgres:// or postgresql:// URL (postgres://user:***@host:5432/database)`
    const problemsWithUrl = (url: string) =>
      problemsOf(yaml`
        version: 1
        environment: staging
        services:
          db: { postgres: { url: '${url}' } }
      `)
    expect(await problemsWithUrl('xpostgres://app@db/app')).toStrictEqual([message(26)])
    expect(await problemsWithUrl('postgresqlx://app@db/app')).toStrictEqual([message(26)])
    expect(await problemsWithUrl('db.internal:5432')).toStrictEqual([message(26)])
    expect(await problemsWithUrl('not a URL')).toStrictEqual([message(26)])
  })

  it('reads server_version as written when it is a single version', async () => {
    const probe = await probeOf("postgres: { url: postgres://db/app, expect: { server_version: '16.2' } }")
    expect(probe).toMatchObject({ expect: { serverVersion: '16.2' } })
  })

  it('keeps each server_version bound as version text', async () => {
    const probe = await probeOf(
      "postgres: { url: postgres://db/app, expect: { server_version: { gt: '13', gte: '14.1', lt: '17', lte: '16.10' } } }"
    )
    expect(probe).toMatchObject({
      expect: { serverVersion: { gt: '13', gte: '14.1', lt: '17', lte: '16.10' } }
    })
  })
})
