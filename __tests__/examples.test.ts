// What users copy works as shipped: the example environment files load without a problem and name
// the config schema for their editor, the example workflows use the action and ask for their
// permissions, and action.yml fits the Marketplace.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse, parseDocument } from 'yaml'
import { loadEnvironment } from '../src/config/load.js'
import { compareEnvironments } from '../src/judge/environment-drift.js'

const ROOT = process.cwd()
const EXAMPLE_WORKFLOWS = 'examples/workflows'
const OUR_WORKFLOWS = '.github/workflows'

/** Dummy values of the variables the example environment files declare, shaped as each is used. */
const DUMMY_VALUES: Record<string, string> = {
  API_URL: 'https://api.example.com',
  API_PORT: '8080',
  CACHE_PORT: '6379',
  CORE_URL: 'https://core.example.com',
  DATABASE_URL: 'postgres://app:dummy-password@db.example.com:5432/app',
  N8N_URL: 'https://n8n.example.com',
  REDIS_HOST: 'redis.example.com',
  REVENUE_DB_URL: 'postgres://revenue:dummy-password@revenue-db.example.com:5432/revenue',
  QUEUE_STATUS: 'queued',
  SMOKE_PASSWORD: 'dummy-password',
  SMOKE_TITLE: 'Smoke test upload',
  STORAGE_URL: 'https://storage.example.com',
  TOOLKIT_URL: 'https://toolkit.example.com',
  WINDMILL_TOKEN: 'dummy-token',
  WINDMILL_URL: 'https://windmill.example.com',
  WORKER_URL: 'https://worker.example.com'
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
  it('are found: the realistic preview, the document-processing system and the automation stack', () => {
    expect(environmentFiles).toEqual(
      expect.arrayContaining([
        'examples/realistic/deploy-verify.yml',
        'examples/document-processing/local.yml',
        'examples/document-processing/staging.yml',
        'examples/document-processing/production.yml',
        'examples/automation-stack/deploy-verify.yml'
      ])
    )
  })

  it.each(environmentFiles)('%s loads without a problem, its variables set to dummy values', async file => {
    const ownVariables = Object.keys(
      (parse(readFileSync(join(ROOT, file), 'utf8')) as { variables?: object }).variables ?? {}
    )

    const config = await loadEnvironment({ configPath: file, workingDirectory: ROOT, env: DUMMY_VALUES })

    expect(config.files[0]).toBe(file)
    const declared = config.variables.map(variable => variable.name)
    expect(declared).toEqual(expect.arrayContaining(ownVariables))
    // A new variable in an example needs a dummy value of its shape here.
    expect(declared.filter(name => !(name in DUMMY_VALUES))).toEqual([])
  })

  it.each(environmentFiles)('%s names the config schema on its first line, for YAML editors', file => {
    const schemaId = readJson('schema/config.schema.json').$id
    const firstLine = readFileSync(join(ROOT, file), 'utf8').split('\n')[0]
    expect(firstLine).toBe(`# yaml-language-server: $schema=${schemaId}`)
  })
})

describe('the document-processing example', () => {
  it.each(['staging', 'production'])(
    '%s differs from the local stack it is compared with only where it says so',
    async name => {
      const target = await loadEnvironment({
        configPath: `examples/document-processing/${name}.yml`,
        workingDirectory: ROOT,
        env: DUMMY_VALUES
      })
      // As the run reads it: the local file's variables take their own defaults.
      const local = await loadEnvironment({
        configPath: 'examples/document-processing/local.yml',
        workingDirectory: ROOT,
        env: {}
      })

      const drift = compareEnvironments(target, local, target.baseline)

      expect(drift.filter(difference => difference.status !== 'passed')).toEqual([])
      expect(drift.map(difference => difference.path).sort()).toEqual([
        'services.api.http.url',
        'services.cache.tcp.host',
        'services.database.postgres.url',
        'services.storage.http.url',
        'services.worker.http.url'
      ])
    }
  )
})

describe('JSON Schemas', () => {
  it('the README shows the editor line with the config schema’s $id', () => {
    const schemaId = readJson('schema/config.schema.json').$id
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(
      `# yaml-language-server: $schema=${schemaId}\n`
    )
  })

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
  on?: unknown
  permissions?: unknown
  jobs: Record<string, { permissions?: unknown; steps?: { uses?: string; with?: Record<string, unknown> }[] }>
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

  it.each(exampleWorkflows)('%s gives the action only inputs that action.yml declares', file => {
    // GitHub only warns about an unknown input; the step would run without it.
    const declared = Object.keys(
      (parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs
    )
    const given = Object.values(readWorkflow(file).jobs)
      .flatMap(job => job.steps ?? [])
      .filter(step => step.uses === 'OWNER/deploy-verify@v1')
      .flatMap(step => Object.keys(step.with ?? {}))
    expect(given.filter(input => !declared.includes(input))).toEqual([])
  })

  it('publishing a vX.Y.Z release moves the major tag, as the README says', () => {
    const release = readWorkflow(`${OUR_WORKFLOWS}/release.yml`)
    expect(release.on).toEqual({ release: { types: ['published'] } })
    const runs = Object.values(release.jobs)
      .flatMap(job => job.steps ?? [])
      .map(step => (step as { run?: string }).run ?? '')
    expect(runs.join('\n')).toContain('git push --force origin "$commit:refs/tags/$MAJOR"')
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    expect(readme).toContain('### Pinning a version')
    expect(readme).toMatch(/uses: OWNER\/deploy-verify@<full 40-character commit sha> # v1\.2\.3/)
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
