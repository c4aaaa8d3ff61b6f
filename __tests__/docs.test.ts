// The reference documents are generated from the schemas and action.yml (npm run docs); a stale
// one fails here, so that what users read is what the code accepts.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { generatedDocs } from '../scripts/docs.mjs'

const ROOT = process.cwd()

function read(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8')
}

describe('generated documents', () => {
  let documents: Record<string, string>

  beforeAll(async () => {
    documents = await generatedDocs()
  })

  function generated(file: string): string {
    const text = documents[file]
    if (text === undefined) throw new Error(`${file} is not generated`)
    return text
  }

  it('cover the configuration reference, the inputs and outputs, and the report fields', () => {
    expect(Object.keys(documents).sort()).toEqual([
      'docs/configuration.md',
      'docs/inputs.md',
      'docs/report-format.md'
    ])
  })

  it.each(['docs/configuration.md', 'docs/inputs.md', 'docs/report-format.md'])(
    '%s is up to date with its source (npm run docs regenerates it)',
    file => {
      expect(read(file)).toBe(generated(file))
    }
  )

  it('the configuration reference names every key of the schema', () => {
    const schema = JSON.parse(read('schema/config.schema.json')) as {
      properties: Record<string, unknown>
      definitions: Record<string, { properties?: Record<string, unknown> }>
    }
    const keys = [
      ...Object.keys(schema.properties),
      ...Object.values(schema.definitions).flatMap(definition => Object.keys(definition.properties ?? {}))
    ]
    const missing = keys.filter(key => !generated('docs/configuration.md').includes(`| \`${key}\``))
    expect(missing).toEqual([])
  })

  it('the inputs document lists every input and output of action.yml', () => {
    const names = [...read('action.yml').matchAll(/^ {2}([a-z-]+):$/gm)].map(match => match[1])
    expect(names.length).toBeGreaterThan(10)
    const missing = names.filter(name => !generated('docs/inputs.md').includes(`| \`${name}\``))
    expect(missing).toEqual([])
  })
})

describe('docs/report-format.md', () => {
  it('shows an example that the report schema accepts', () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(read('docs/report-format.md'))
    if (!example?.[1]) throw new Error('docs/report-format.md has no json example')
    const validate = new Ajv({ strict: true, allErrors: true }).compile(
      JSON.parse(read('schema/report.schema.json')) as object
    )
    expect(validate(JSON.parse(example[1])) ? [] : validate.errors).toEqual([])
  })
})
