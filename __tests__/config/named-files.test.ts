// The files a configuration names (the environment file, extends, ca_file, compare_config) and the
// report it writes stay inside the workspace; a refusal points at the YAML line that named the file,
// and no message quotes more than a short excerpt of a file that is not an environment file.
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadEnvironment } from '../../src/config/load.js'
import { ConfigError } from '../../src/config/problems.js'
import { cleanup, load, problems, workspace } from './helpers.js'

afterAll(cleanup)

const SERVICE = 'services: { api: { tcp: { host: localhost, port: 80 } } }\n'

async function problemsIn(directory: string, configPath = 'env.yml', env = {}): Promise<string[]> {
  const error = await loadEnvironment({ configPath, workingDirectory: directory, env }).then(
    () => undefined,
    (thrown: unknown) => thrown
  )
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`)
  return error.message.split('\n')
}

let outside: string
beforeAll(async () => {
  outside = await mkdtemp(join(tmpdir(), 'deploy-verify-outside-'))
  await writeFile(join(outside, 'base.yml'), 'version: 1\n')
})
afterAll(() => rm(outside, { recursive: true, force: true }))

describe('extends', () => {
  it('an absolute path outside the workspace is refused at its line, and the file is never read', async () => {
    const found = await problems({ 'env.yml': `version: 1\nextends: /etc/passwd\n${SERVICE}` })
    expect(found).toStrictEqual([
      expect.stringMatching(
        /^env\.yml:2:10: extends file '\/etc\/passwd' is outside the workspace \(looked for .*etc\/passwd\): name a file inside the workspace$/
      )
    ])
    expect(found.join('\n')).not.toContain('root:')
  })

  it('a ../ path that leaves the workspace is refused at its line', async () => {
    expect(
      await problems({ 'env.yml': `version: 1\nextends: ../../../../../../etc/hostname\n` })
    ).toStrictEqual([
      expect.stringMatching(/^env\.yml:2:10: extends file '[./]+etc\/hostname' is outside the workspace/)
    ])
  })

  it('a symbolic link inside the workspace that leads outside is refused at its line', async () => {
    const directory = await workspace({ 'env.yml': `version: 1\nextends: ./base.yml\n${SERVICE}` })
    await symlink(join(outside, 'base.yml'), join(directory, 'base.yml'))
    expect(await problemsIn(directory)).toStrictEqual([
      expect.stringMatching(
        /^env\.yml:2:10: extends file '\.\/base\.yml' is a symbolic link to .*base\.yml, outside the workspace \(looked for base\.yml\): name a file inside the workspace$/
      )
    ])
  })

  it('an extended file that is not UTF-8 is reported at its own line of the first bad byte', async () => {
    const directory = await workspace({ 'env.yml': `version: 1\nextends: ./base.yml\n${SERVICE}` })
    await writeFile(join(directory, 'base.yml'), Buffer.from('# base\nenvironment: café\n', 'latin1'))
    expect(await problemsIn(directory)).toStrictEqual([
      'base.yml:2:1: base.yml is not valid UTF-8 (the first byte that is not UTF-8 is on line 2): save it as UTF-8'
    ])
  })
})

describe('the environment file', () => {
  it('outside the workspace is refused, though the config input names it exactly', async () => {
    const directory = await workspace({})
    expect(await problemsIn(directory, join(outside, 'base.yml'))).toStrictEqual([
      expect.stringMatching(
        /^.*base\.yml:1:1: environment file .*base\.yml is outside the workspace: name a file inside the workspace$/
      )
    ])
  })

  it('in Latin-1 is refused with its line, never read as replacement characters', async () => {
    const directory = await workspace({})
    await writeFile(
      join(directory, 'env.yml'),
      Buffer.from(`version: 1\nenvironment: café\n${SERVICE}`, 'latin1')
    )
    expect(await problemsIn(directory)).toStrictEqual([
      'env.yml:2:1: env.yml is not valid UTF-8 (the first byte that is not UTF-8 is on line 2): save it as UTF-8'
    ])
  })

  it('with a byte order mark is read as if it had none', async () => {
    const config = await load({ 'env.yml': `\uFEFFversion: 1\nenvironment: café\n${SERVICE}` })
    expect(config.environment).toBe('café')
  })
})

describe('files named inside the document', () => {
  it('a ca_file outside the workspace is refused at its line', async () => {
    expect(
      await problems({
        'env.yml':
          'version: 1\nservices:\n  api:\n    http: { url: https://api.example.com, ca_file: /etc/ssl/certs/ca-certificates.crt }\n'
      })
    ).toStrictEqual([
      expect.stringMatching(
        /^env\.yml:4:52: services\.api\.http\.ca_file: '\/etc\/ssl\/certs\/ca-certificates\.crt' is outside the workspace \(looked for .*\): name a file inside the workspace$/
      )
    ])
  })

  it('a compare_config outside the workspace is refused at its line', async () => {
    expect(
      await problems({ 'env.yml': `version: 1\n${SERVICE}baseline:\n  compare_config: /etc/passwd\n` })
    ).toStrictEqual([
      expect.stringMatching(
        /^env\.yml:4:19: baseline\.compare_config '\/etc\/passwd' is outside the workspace \(looked for .*\): name a file inside the workspace$/
      )
    ])
  })
})

describe('report.path', () => {
  it('outside the workspace is refused at its line', async () => {
    expect(
      await problems({ 'env.yml': `version: 1\n${SERVICE}report:\n  path: /tmp/report.json\n` })
    ).toStrictEqual([
      "env.yml:4:9: report.path '/tmp/report.json' is outside the workspace: name a file inside the workspace"
    ])
  })

  it('may be in RUNNER_TEMP, where the runner keeps a job’s temporary files', async () => {
    const config = await load(
      { 'env.yml': `version: 1\n${SERVICE}report:\n  path: ${join(outside, 'report.json')}\n` },
      { env: { RUNNER_TEMP: outside } }
    )
    expect(config.report.path).toBe(join(outside, 'report.json'))
  })

  it('naming the environment file is refused: the report never replaces the configuration', async () => {
    expect(await problems({ 'env.yml': `version: 1\n${SERVICE}report:\n  path: ./env.yml\n` })).toStrictEqual(
      [
        "env.yml:4:9: report.path './env.yml' would overwrite the configuration file env.yml: name another file for the report"
      ]
    )
  })

  it('naming a file the environment extends is refused', async () => {
    expect(
      await problems({
        'base.yml': 'version: 1\n',
        'env.yml': `extends: ./base.yml\n${SERVICE}report:\n  path: base.yml\n`
      })
    ).toStrictEqual([
      "env.yml:4:9: report.path 'base.yml' would overwrite the configuration file base.yml: name another file for the report"
    ])
  })

  it('is refused when the file of another format would land on a configuration file', async () => {
    expect(
      await problems({
        'notes.md': 'version: 1\n',
        'env.yml': `extends: ./notes.md\n${SERVICE}report:\n  path: notes.json\n  formats: [markdown]\n`
      })
    ).toStrictEqual([
      "env.yml:4:9: report.path 'notes.json' would overwrite the configuration file notes.md: name another file for the report"
    ])
  })
})

it('an unknown key is quoted in at most 40 characters', async () => {
  const line = 'root:$6$Zm9vYmFyYmF6cXV4$0123456789abcdefghijklmnopqrstuvwxyzABCDEF:19000:0:99999:7::'
  const [problem] = await problems({ 'env.yml': `version: 1\n${SERVICE}${line}\n` })
  expect(problem).toBe(
    "env.yml:3:1: unknown key 'root:$6$Zm9vYmFyYmF6cXV4$0123456789abcd…' at the top level: valid keys are version, environment, extends, variables, defaults, services, report, deploy, smoke, security, baseline, monitor, rollback, notify"
  )
})
