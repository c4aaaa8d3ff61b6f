// The shipped JSON Schema: valid draft-07 that ajv compiles strictly, accepts the full example, and
// gives editors a description for every key and no room for unknown ones.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv, type SchemaObject } from 'ajv'
import { parse } from 'yaml'
import schema from '../../schema/config.schema.json' with { type: 'json' }
import { DEFAULT_CONCURRENCY, DEFAULT_POLICY, DEFAULT_REPORT_PATH } from '../../src/config/defaults.js'
import { parseDuration } from '../../src/config/duration.js'
import { loadEnvironment } from '../../src/config/load.js'

const FIXTURES = resolve('__tests__/fixtures/config')
const fullExample: unknown = parse(readFileSync(resolve(FIXTURES, 'full.yml'), 'utf8'))

/** Every schema object in the tree, with the JSON pointer it sits at. */
function schemaNodes(node: unknown, at = '#'): Array<[string, Record<string, unknown>]> {
  if (typeof node !== 'object' || node === null) return []
  const children = Object.entries(node).flatMap(([key, child]) => schemaNodes(child, `${at}/${key}`))
  return Array.isArray(node) ? children : [[at, node as Record<string, unknown>], ...children]
}

describe('the config schema', () => {
  it('compiles under ajv as draft-07 in strict mode and accepts the full example', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true })
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#')
    const validate = ajv.compile(schema as SchemaObject)
    expect(validate(fullExample)).toBe(true)
    expect(validate.errors ?? []).toStrictEqual([])
  })

  it('describes every property, for editors', () => {
    const undescribed = schemaNodes(schema)
      .filter(([, node]) => typeof node.properties === 'object')
      .flatMap(([at, node]) =>
        Object.entries(node.properties as Record<string, { description?: string }>)
          .filter(([, property]) => typeof property.description !== 'string' || property.description === '')
          .map(([name]) => `${at}/properties/${name}`)
      )
    expect(undescribed).toStrictEqual([])
  })

  it('allows no unknown key where keys are fixed', () => {
    const open = schemaNodes(schema)
      .filter(([, node]) => typeof node.properties === 'object' && node.additionalProperties !== false)
      .map(([at]) => at)
    expect(open).toStrictEqual([])
  })

  it('documents the same defaults the loader applies', () => {
    const { defaults, report } = schema.properties
    const { retry } = schema.definitions
    expect({
      timeoutMs: parseDuration(defaults.properties.timeout.default),
      retry: {
        attempts: retry.properties.attempts.default,
        initialDelayMs: parseDuration(retry.properties.initial_delay.default),
        maxDelayMs: parseDuration(retry.properties.max_delay.default),
        factor: retry.properties.factor.default,
        jitter: retry.properties.jitter.default,
        onPermanent: retry.properties.on_permanent.default
      },
      startupBudgetMs: parseDuration(defaults.properties.startup_budget.default),
      successThreshold: defaults.properties.success_threshold.default
    }).toStrictEqual(DEFAULT_POLICY)
    expect(defaults.properties.concurrency.default).toBe(DEFAULT_CONCURRENCY)
    expect(report.properties.path.default).toBe(DEFAULT_REPORT_PATH)
  })

  it('describes a file the loader accepts in full', async () => {
    const config = await loadEnvironment({
      configPath: 'full.yml',
      workingDirectory: FIXTURES,
      env: { API_URL: 'https://api.example.com', DATABASE_URL: 'postgres://app:pw@db/app', TOKEN: 'tok' }
    })
    expect(config.services.map(service => [service.name, service.probe.kind])).toStrictEqual([
      ['api', 'http'],
      ['database', 'postgres'],
      ['search', 'http'],
      ['cache', 'tcp'],
      ['migrations', 'command']
    ])
    expect(config.deploy.map(step => step.id)).toStrictEqual(['apply'])
    expect(config.smoke.map(step => [step.id, step.check.kind])).toStrictEqual([
      ['login', 'http'],
      ['worker-end-to-end', 'command']
    ])
    expect(config.secrets).toEqual(expect.arrayContaining(['tok', 'pw', 'postgres://app:pw@db/app']))
  })
})
