// What users copy works as shipped: the example environment files load without a problem and name
// the config schema for their editor, the example workflows use the action and ask for their
// permissions, and action.yml fits the Marketplace.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse, parseDocument } from 'yaml'
import { loadEnvironment } from '../src/config/load.js'

const ROOT = process.cwd()
const EXAMPLE_WORKFLOWS = 'examples/workflows'
const OUR_WORKFLOWS = '.github/workflows'

/** Dummy values of the variables the example environment files declare, shaped as each is used. */
const DUMMY_VALUES: Record<string, string> = {
  API_URL: 'https://api.example.com',
  API_PORT: '8080',
  CACHE_PORT: '6379',
  DATABASE_URL: 'postgres://app:dummy-password@db.example.com:5432/app',
  REDIS_HOST: 'redis.example.com',
  QUEUE_STATUS: 'queued',
  SMOKE_PASSWORD: 'dummy-password',
  SMOKE_TITLE: 'Smoke test upload'
}

/** YAML files under `folder` (relative to the repository), recursively, sorted. */
function yamlFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter(name => /\.ya?ml$/.test(name))
    .map(name => join(folder, name))
    .sort()
}

const environmentFiles = [
  ...yamlFiles('examples').filter(file => !file.startsWith(`${EXAMPLE_WORKFLOWS}/`)),
  ...yamlFiles('demo/environments')
]
const exampleWorkflows = yamlFiles(EXAMPLE_WORKFLOWS)
const ourWorkflows = yamlFiles(OUR_WORKFLOWS)

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>
}

describe('example environment files', () => {
  it('are found', () => {
    expect(environmentFiles).toEqual(expect.arrayContaining(['examples/realistic/deploy-verify.yml']))
  })

  it.each(environmentFiles)('%s loads without a problem, its variables set to dummy values', async file => {
    const declared = Object.keys(
      (parse(readFileSync(join(ROOT, file), 'utf8')) as { variables?: object }).variables ?? {}
    )
    const missing = declared.filter(name => !(name in DUMMY_VALUES))
    // A new variable in an example needs a dummy value of its shape here.
    expect(missing).toEqual([])
    const env = Object.fromEntries(declared.map(name => [name, DUMMY_VALUES[name]]))

    const config = await loadEnvironment({ configPath: file, workingDirectory: ROOT, env })

    expect(config.files[0]).toBe(file)
    expect(config.variables.map(variable => variable.name)).toEqual(declared)
  })

  it.each(environmentFiles)('%s names the config schema on its first line, for YAML editors', file => {
    const schemaId = readJson('schema/config.schema.json').$id
    const firstLine = readFileSync(join(ROOT, file), 'utf8').split('\n')[0]
    expect(firstLine).toBe(`# yaml-language-server: $schema=${schemaId}`)
  })
})

describe('JSON Schemas', () => {
  it.each(['config', 'baseline', 'report'])(
    'schema/%s.schema.json has a stable $id: its raw file at the v1 tag',
    name => {
      expect(readJson(`schema/${name}.schema.json`).$id).toBe(
        `https://raw.githubusercontent.com/OWNER/deploy-verify/v1/schema/${name}.schema.json`
      )
    }
  )
})

interface Workflow {
  permissions?: unknown
  jobs: Record<string, { permissions?: unknown; steps?: { uses?: string }[] }>
}

function readWorkflow(file: string): Workflow {
  const document = parseDocument(readFileSync(join(ROOT, file), 'utf8'))
  expect(document.errors.map(error => error.message)).toEqual([])
  return document.toJS() as Workflow
}

describe('workflows', () => {
  it('are found: the examples users copy and our own', () => {
    expect(exampleWorkflows.length).toBeGreaterThanOrEqual(6)
    expect(ourWorkflows.map(file => relative(OUR_WORKFLOWS, file))).toEqual(
      expect.arrayContaining(['ci.yml', 'check-dist.yml', 'release.yml', 'self-test.yml'])
    )
  })

  it.each([...exampleWorkflows, ...ourWorkflows])(
    '%s parses, and grants its permissions at the top or in every job',
    file => {
      const workflow = readWorkflow(file)
      const jobs = Object.entries(workflow.jobs)
      expect(jobs.length).toBeGreaterThan(0)
      const withoutPermissions = jobs
        .filter(([, job]) => workflow.permissions === undefined && job.permissions === undefined)
        .map(([name]) => name)
      expect(withoutPermissions).toEqual([])
    }
  )

  it.each(exampleWorkflows)('%s uses the action as the README does: OWNER/deploy-verify@v1', file => {
    const uses = Object.values(readWorkflow(file).jobs).flatMap(job =>
      (job.steps ?? []).flatMap(step => (step.uses ? [step.uses] : []))
    )
    const action = uses.filter(reference => /deploy-verify@|^\.\/?$/.test(reference))
    expect(action.length).toBeGreaterThan(0)
    expect(action.filter(reference => reference !== 'OWNER/deploy-verify@v1')).toEqual([])
  })

  it('the self-test runs the action from the repository: uses: ./', () => {
    const steps = Object.values(readWorkflow(`${OUR_WORKFLOWS}/self-test.yml`).jobs).flatMap(
      job => job.steps ?? []
    )
    expect(steps.filter(step => step.uses === './').length).toBeGreaterThan(0)
  })
})

describe('action.yml', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Record<string, unknown>

  it('has a description the Marketplace shows whole: at most 125 characters', () => {
    expect(typeof action.description).toBe('string')
    expect((action.description as string).length).toBeLessThanOrEqual(125)
  })

  it('names its author and its branding', () => {
    expect(action.author).toEqual(expect.stringMatching(/\S/))
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
  })
})
