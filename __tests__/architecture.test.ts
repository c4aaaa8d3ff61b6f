// The arrows between the folders of src/ are enforced: `npm run lint` runs `npm run architecture`,
// which passes on the code as it is and fails as soon as a new import breaks
// a rule. Each case adds one offending module to a copy of src/ and runs the very same command.
import { execFile } from 'node:child_process'
import { cp, mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

const ROOT = process.cwd()
const COPIED = ['src', 'tsconfig.json', '.dependency-cruiser.mjs']

const scripts = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).scripts as Record<
  string,
  string
>

let copy: string

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'deploy-verify-architecture-'))
  for (const entry of COPIED) await cp(join(ROOT, entry), join(copy, entry), { recursive: true })
  await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir')
})

afterAll(async () => {
  await rm(copy, { recursive: true, force: true })
})

/** Runs the architecture script in the copy: its exit code and what it printed. */
async function architecture(): Promise<{ code: number; output: string }> {
  const env = { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` }
  try {
    const { stdout, stderr } = await promisify(execFile)('sh', ['-c', scripts.architecture!], {
      cwd: copy,
      env
    })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, output: stdout + stderr }
  }
}

/** Adds `files` (path in src/ -> text) to the copy for the duration of `during`. */
async function withFiles<T>(files: Record<string, string>, during: () => Promise<T>): Promise<T> {
  const paths = Object.keys(files).map(path => join(copy, 'src', path))
  try {
    for (const [index, text] of Object.values(files).entries()) {
      await mkdir(dirname(paths[index]!), { recursive: true })
      await writeFile(paths[index]!, text)
    }
    return await during()
  } finally {
    for (const path of paths) await rm(path, { force: true })
  }
}

test('lint runs the architecture check', () => {
  expect(scripts.lint).toContain('npm run architecture')
})

test('the code as it is passes', async () => {
  const { code, output } = await architecture()
  expect(output).toContain('no dependency violations found')
  expect(code).toBe(0)
})

describe('an import that breaks a rule fails it', () => {
  test.each([
    ['core-is-pure', 'the core uses the GitHub toolkit', { 'judge/offence.ts': "import '@actions/core'\n" }],
    ['core-is-pure', 'the core calls a probe', { 'report/offence.ts': "import '../probes/tcp.js'\n" }],
    [
      'core-is-pure',
      'the core names a publisher’s type',
      { 'config/offence.ts': "import type {} from '../publish/checks.js'\n" }
    ],
    [
      'core-is-pure',
      'the shared model runs a phase',
      { 'model/offence.ts': "import '../phases/deploy.js'\n" }
    ],
    ['core-is-pure', 'redaction publishes', { 'secrets/offence.ts': "import '../publish/client.js'\n" }],
    [
      'judge-does-not-report',
      'judge reaches into report',
      { 'judge/offence.ts': "import '../report/markdown.js'\n" }
    ],
    [
      'model-is-shared',
      'the model reaches into judge',
      { 'model/offence.ts': "import '../judge/retry.js'\n" }
    ],
    ['probes-only-observe', 'a probe judges', { 'probes/offence.ts': "import '../judge/expect.js'\n" }],
    ['probes-only-observe', 'a probe publishes', { 'probes/offence.ts': "import '../publish/client.js'\n" }],
    [
      'publishers-do-not-probe',
      'a publisher probes',
      { 'publish/offence.ts': "import '../probes/http.js'\n" }
    ],
    [
      'entry-points-are-not-imported',
      'a phase imports the action',
      { 'phases/offence.ts': "import '../main.js'\n" }
    ],
    [
      'entry-points-are-not-imported',
      'the engine imports the CLI',
      { 'offence.ts': "import './cli/index.js'\n", 'cli/index.ts': 'export {}\n' }
    ],
    [
      'no-cycles',
      'two modules import each other',
      { 'config/one.ts': "import './two.js'\n", 'config/two.ts': "import './one.js'\n" }
    ]
  ])('%s: %s', async (rule, _case, files) => {
    const { code, output } = await withFiles(files, architecture)
    expect(output).toContain(`error ${rule}:`)
    expect(code).not.toBe(0)
  })
})
