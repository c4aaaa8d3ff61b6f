// `extends`: layers merge in order, mappings key by key and lists replaced; every value keeps the
// file and line of the layer that set it.
import { cleanup, load, problems, yaml } from './helpers.js'

afterAll(cleanup)

const SERVICE = 'services: { api: { tcp: { host: localhost, port: 80 } } }\n'

describe('merging layers', () => {
  it('merges mappings key by key and replaces lists and scalars whole', async () => {
    const config = await load({
      'base.yml': yaml`
        version: 1
        defaults: { timeout: 5s, retry: { attempts: 3, factor: 3 } }
        services:
          database:
            postgres: { url: postgres://db/app, tables: [a, b, c], extensions: [vector] }
      `,
      'env.yml': yaml`
        extends: ./base.yml
        defaults: { retry: { attempts: 4 } }
        services:
          database:
            postgres: { tables: [d] }
      `
    })
    expect(config.defaults.timeoutMs).toBe(5_000)
    expect(config.defaults.retry).toMatchObject({ attempts: 4, factor: 3 })
    expect(config.services[0]?.probe).toMatchObject({
      url: 'postgres://db/app',
      tables: [{ name: 'd', columns: [] }],
      extensions: [{ name: 'vector' }]
    })
  })

  it('applies a list of extended files in order, each after the files it extends itself', async () => {
    const config = await load({
      'root.yml': 'version: 1\ndefaults: { timeout: 1s, startup_budget: 1m, concurrency: 1 }\n',
      'one.yml': 'extends: ./root.yml\ndefaults: { timeout: 2s, startup_budget: 2m }\n',
      'two.yml': 'defaults: { timeout: 3s }\n',
      'env.yml': 'extends: [./one.yml, ./two.yml]\n'
    })
    expect(config.defaults).toMatchObject({ timeoutMs: 3_000, startupBudgetMs: 120_000, concurrency: 1 })
    expect(config.files).toStrictEqual(['env.yml', 'root.yml', 'one.yml', 'two.yml'])
  })

  it('merges a file reached twice once, at its first place', async () => {
    const config = await load({
      'common.yml': 'version: 1\ndefaults: { timeout: 1s }\n',
      'left.yml': 'extends: ./common.yml\ndefaults: { timeout: 2s }\n',
      'right.yml': 'extends: ./common.yml\n',
      'env.yml': 'extends: [./left.yml, ./right.yml]\n'
    })
    expect(config.defaults.timeoutMs).toBe(2_000)
    expect(config.files).toStrictEqual(['env.yml', 'common.yml', 'left.yml', 'right.yml'])
  })

  it('resolves extends relative to the extending file', async () => {
    const config = await load(
      {
        'deploy/production.yml': 'extends: ../shared/base.yml\n',
        'shared/base.yml': `version: 1\nextends: ./defaults.yml\n${SERVICE}`,
        'shared/defaults.yml': 'defaults: { concurrency: 3 }\n'
      },
      { configPath: 'deploy/production.yml' }
    )
    expect(config.defaults.concurrency).toBe(3)
    expect(config.files).toStrictEqual(['deploy/production.yml', 'shared/defaults.yml', 'shared/base.yml'])
  })
})

describe('sources', () => {
  it('are those of the layer that set each value', async () => {
    const config = await load({
      'base.yml': yaml`
        version: 1
        variables:
          REGION: { default: eu-west-1 }
          ZONE: { default: a }
        services:
          api: { tcp: { host: localhost, port: 80 } }
          web: { tcp: { host: localhost, port: 81 } }
      `,
      'env.yml': yaml`
        extends: base.yml
        variables:
          ZONE: { default: b }
        services:
          web: { critical: true }
      `
    })
    expect(config.variables.map(variable => [variable.name, variable.source])).toStrictEqual([
      ['REGION', { file: 'base.yml', line: 3, column: 3 }],
      ['ZONE', { file: 'env.yml', line: 3, column: 3 }]
    ])
    expect(config.services.map(service => [service.name, service.source])).toStrictEqual([
      ['api', { file: 'base.yml', line: 6, column: 3 }],
      ['web', { file: 'env.yml', line: 5, column: 3 }]
    ])
  })

  it('point a problem in an extended file at that file', async () => {
    expect(
      await problems({
        'base.yml': yaml`
          version: 1
          defaults:
            timeout: 10 seconds
        `,
        'env.yml': `extends: ./base.yml\n${SERVICE}`
      })
    ).toStrictEqual([
      "base.yml:3:12: defaults.timeout must be a duration such as 250ms, 10s, 5m, 1h or 1m30s, not '10 seconds'"
    ])
  })
})

describe('extends problems', () => {
  it('a missing file is reported at its extends entry', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          extends:
            - ./base.yml
            - ./shared/missing.yml
        `,
        'base.yml': '{}\n'
      })
    ).toStrictEqual([
      "env.yml:4:5: extends file './shared/missing.yml' was not found (looked for shared/missing.yml): fix the path, which is relative to this file"
    ])
  })

  it('a cycle is reported where it closes', async () => {
    expect(
      await problems({
        'env.yml': 'version: 1\nextends: ./a.yml\n',
        'a.yml': 'extends: ./b.yml\n',
        'b.yml': '# b\nextends: [./env.yml]\n'
      })
    ).toStrictEqual([
      'b.yml:2:11: extends cycle: env.yml → a.yml → b.yml → env.yml: remove one of these extends'
    ])
  })

  it('a cycle among extended files is named from the file where it starts', async () => {
    expect(
      await problems({
        'env.yml': 'version: 1\nextends: ./a.yml\n',
        'a.yml': 'extends: ./b.yml\n',
        'b.yml': 'extends: ./a.yml\n'
      })
    ).toStrictEqual(['b.yml:1:10: extends cycle: a.yml → b.yml → a.yml: remove one of these extends'])
  })

  it('an empty entry is reported as no path, not read as the folder', async () => {
    expect(await problems({ 'env.yml': "version: 1\nextends: ''\n" })).toStrictEqual([
      'env.yml:2:10: extends must be a file path (such as ./base.yml) or a list of file paths'
    ])
  })

  it('an entry that is not a path is reported', async () => {
    expect(
      await problems({ 'env.yml': 'version: 1\nextends: [./a.yml, 5]\n', 'a.yml': '{}\n' })
    ).toStrictEqual([
      'env.yml:2:20: extends must be a file path (such as ./base.yml) or a list of file paths'
    ])
  })

  it('a YAML syntax error in an extended file is reported with its line and column', async () => {
    expect(
      await problems({
        'env.yml': 'version: 1\nextends: ./base.yml\n',
        'base.yml': yaml`
          defaults:
            timeout: 5s
           retry: 3
        `
      })
    ).toStrictEqual(['base.yml:3:1: invalid YAML: All mapping items must start at the same column'])
  })

  it('a missing environment file is reported', async () => {
    expect(await problems({}, { configPath: '.github/deploy-verify.yml' })).toStrictEqual([
      '.github/deploy-verify.yml:1:1: environment file .github/deploy-verify.yml was not found: set the config input to its path, relative to the working directory'
    ])
  })
})
