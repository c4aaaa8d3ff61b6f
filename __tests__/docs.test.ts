// The reference documents are generated from the schemas and action.yml (npm run docs); a stale
// one fails here, so that what users read is what the code accepts.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { anchor, generatedDocs } from '../scripts/docs.mjs'
import { actionFor, RULE_NAMES, SECURITY_LEVELS } from '../src/judge/security-rules.js'

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

  it.each(['docs/configuration.md', 'docs/report-format.md'])(
    '%s links each nested object to a section of its own',
    file => {
      const text = generated(file)
      const headings = new Set(
        [...text.matchAll(/^#+ (.+)$/gm)].map(match => anchor((match[1] ?? '').replace(/\\(.)/g, '$1')))
      )
      const links = [...text.matchAll(/\]\(#([^)]+)\)/g)].map(match => match[1])
      expect(links.length).toBeGreaterThan(10)
      expect(links.filter(link => !headings.has(link ?? ''))).toEqual([])
    }
  )

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

/** Every .ts file under src/, concatenated: where the messages are written. */
function sourceText(folder = 'src'): string {
  return readdirSync(join(ROOT, folder), { withFileTypes: true })
    .map(entry => {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) return entry.name === 'generated' ? '' : sourceText(path)
      return entry.name.endsWith('.ts') ? read(path) : ''
    })
    .join('\n')
}

/**
 * A fixed piece of each family of messages. Each must still be in the code (a reworded message
 * fails here, so the document is updated with it) and in docs/errors.md.
 */
const MESSAGE_FAMILIES = [
  // reading the files
  'was not found',
  'extends cycle',
  'is outside',
  'is a symbolic link to',
  'is not a regular file',
  'the most a named file may hold',
  'is not valid UTF-8',
  'changed while it was read',
  'far more than an environment needs',
  'the file must be a mapping of keys such as version and services',
  // YAML
  'invalid YAML',
  'duplicate key',
  'must be quoted',
  // the schema
  'unknown key',
  'is missing',
  'must be longer than 0',
  'must be a bound such as p95 < 500ms or p99 <= +20%',
  'must be a whole number',
  'must be true or false',
  'must be a status code such as 200 or a class such as 2xx',
  'is not a regular expression this action runs',
  // variables
  'which is not declared',
  'is required but not set',
  'so its default would never be used',
  'are kept for captured values',
  'which commands do not inherit',
  'without a closing }',
  'which is not a variable reference',
  'a value never becomes SQL text',
  'the shell is named as written',
  'a captured value never becomes script text',
  'captured values reach only the commands (run:) of smoke steps',
  // services, probes and steps
  'has no probe',
  'has more than one probe',
  'which is not a service',
  'dependency cycle',
  'must be an absolute http:// or https:// URL',
  'must be a postgres:// or postgresql:// URL',
  'must be an HTTP method such as GET, HEAD or POST',
  'has both body and json',
  'holds no PEM certificate',
  'is only for smoke steps',
  'is not an HTTP service',
  'a burst is a probe, not a load test',
  'has neither http nor run',
  'has both http and run',
  'is for run steps',
  'gives no id',
  'is used by an earlier step',
  'names no earlier smoke step',
  'can only be used in smoke steps',
  'must be a JSONPath such as $.token',
  'would overwrite the configuration file',
  // inputs
  'is not one of',
  'is not true or false',
  'is not a deployment id',
  // the run
  'connection refused',
  'host not found',
  'connection reset by the server',
  'timed out after',
  'TLS: the server certificate is self-signed and not trusted',
  "trust its CA: name the CA's PEM file as the service's ca_file, or set NODE_EXTRA_CA_CERTS",
  'the server closed the connection without answering',
  'redirect loop: the server redirects back to a URL it already redirected from',
  'made a report that fails its own schema',
  'not masked: under',
  'TLS: the certificate does not match the host name',
  'TLS: the server certificate has expired',
  'gave up after',
  'not evaluated',
  'the report could not be written to',
  'deploy-verify failed unexpectedly',
  // baselines
  'no baseline to compare with',
  'not recorded: a baseline must be known-good',
  'to compare with',
  'config drift was not compared',
  'cannot be compared:',
  'only the password differs (not shown)',
  'which is in neither file',
  // publishing
  'a rate limit, not a missing permission',
  'the github-token input is not a valid token',
  'Not publishing to GitHub',
  'no artifact runtime'
]

describe('docs/errors.md', () => {
  const source = sourceText()
  const errors = read('docs/errors.md')

  it.each(MESSAGE_FAMILIES)('explains "%s", a message the code gives', fragment => {
    expect({ inCode: source.includes(fragment), inDoc: errors.includes(fragment) }).toEqual({
      inCode: true,
      inDoc: true
    })
  })
})

describe('docs/security.md', () => {
  it('shows the table of rules and levels the code uses', () => {
    const rows = [
      ...read('docs/security.md').matchAll(/^\| `([a-z_.-]+)`\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|/gm)
    ]
    expect(Object.fromEntries(rows.map(([, rule, ...levels]) => [rule, levels]))).toEqual(
      Object.fromEntries(RULE_NAMES.map(rule => [rule, SECURITY_LEVELS.map(level => actionFor(rule, level))]))
    )
  })
})
