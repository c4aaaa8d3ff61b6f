// The CLI as people run it, in-process through `cli(argv, terminal)` with a terminal that records
// what it is given, against real loopback servers: what each command runs and leaves untouched,
// what it prints, and the exit status a script sees.
import { createServer as createNetServer } from 'node:net'
import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli } from '../../src/cli/main.js'
import type { Terminal } from '../../src/cli/terminal.js'
import { Servers, startHttp } from '../support/loopback.js'

const servers = new Servers()
let api: Awaited<ReturnType<typeof startHttp>>
let dbPort: number
/** Requests the HTTP server was sent, by path. */
const requests: string[] = []

beforeAll(async () => {
  api = await startHttp((request, response) => {
    requests.push(request.url ?? '')
    if (request.url === '/health') return response.writeHead(200).end('{"status":"ok"}')
    if (request.url === '/login') return response.writeHead(200).end('{"token":"t"}')
    response.writeHead(500).end('broken')
  })
  dbPort = await servers.listen(createNetServer(socket => socket.end()))
})

afterAll(async () => {
  await api.close()
  await servers.closeAll()
})

beforeEach(() => {
  requests.length = 0
})

const CONFIG = () => `version: 1
environment: preview
variables:
  API_TOKEN: { required: true, secret: true }
defaults:
  timeout: 2s
  retry: { attempts: 1, initial_delay: 10ms, max_delay: 10ms }
deploy:
  - name: Roll out
    run: touch deployed
services:
  db:
    tcp: { host: 127.0.0.1, port: ${dbPort} }
  api:
    depends_on: [db]
    http: { url: "${api.url}/health", headers: { authorization: "Bearer \${API_TOKEN}" } }
  search:
    http: { url: "${api.url}/search" }
smoke:
  - name: Sign in
    id: login
    http: { method: POST, url: "${api.url}/login", expect: { status: 200 } }
`

async function workspace(config = CONFIG()): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-verify-cli-'))
  await writeFile(join(dir, 'env.yml'), config)
  return dir
}

/** A terminal that is not interactive unless said: what a pipe or a CI log gets. */
function recordingTerminal(cwd: string, options: Partial<Terminal> = {}) {
  const out: string[] = []
  const err: string[] = []
  const terminal: Terminal = {
    out: text => void out.push(text),
    err: text => void err.push(text),
    interactive: false,
    colour: false,
    env: { API_TOKEN: 'tok-secret-123' },
    cwd,
    ...options
  }
  return { terminal, stdout: () => out.join(''), stderr: () => err.join('') }
}

async function run(argv: string[], dir: string, options: Partial<Terminal> = {}) {
  const recording = recordingTerminal(dir, options)
  const exitCode = await cli(argv, recording.terminal)
  return { exitCode, stdout: recording.stdout(), stderr: recording.stderr() }
}

const reportIn = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'deploy-verify-report.json'), 'utf8'))
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false
  )

describe('validate', () => {
  it('reads the configuration and runs or probes nothing', async () => {
    const dir = await workspace()
    const { exitCode, stdout } = await run(['validate', '--config', 'env.yml'], dir)
    expect(stdout).toBe('valid: preview from env.yml: 3 services, 1 deploy step, 1 smoke test\n')
    expect(exitCode).toBe(0)
    expect(requests).toEqual([])
    expect(await exists(join(dir, 'deployed'))).toBe(false)
    expect(await exists(join(dir, 'deploy-verify-report.json'))).toBe(false)
  })

  it('lists each problem at its file and line, says how to write a YAML trap, and exits 1', async () => {
    const dir = await workspace(CONFIG().replace('"Bearer ${API_TOKEN}"', 'Bearer ${API_TOKEN}'))
    const { exitCode, stdout } = await run(['validate', '--config', 'env.yml'], dir)
    expect(stdout).toMatch(
      /^env\.yml:16:\d+: invalid YAML: .*write authorization: "Bearer \$\{API_TOKEN\}"\ninvalid: 1 problem to fix\n$/
    )
    expect(exitCode).toBe(1)
  })

  it('never prints the value of a secret variable a problem quotes', async () => {
    const dir = await workspace(CONFIG().replace('timeout: 2s', 'timeout: "${API_TOKEN}"'))
    const { stdout } = await run(['validate', '--config', 'env.yml'], dir)
    expect(stdout).toMatch(/^env\.yml:6:\d+: defaults\.timeout must be a duration/)
    expect(stdout).not.toContain('tok-secret-123')
  })
})

describe('check', () => {
  it('probes every service, runs no deploy step and no smoke test, writes the report and exits 1 on a failure', async () => {
    const dir = await workspace()
    const { exitCode, stdout } = await run(['check', '--config', 'env.yml'], dir)
    const report = await reportIn(dir)
    expect(report.checks.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toEqual([
      'services.db passed',
      'services.api passed',
      'services.search failed'
    ])
    expect(await exists(join(dir, 'deployed'))).toBe(false)
    expect(requests).not.toContain('/login')
    expect(exitCode).toBe(1)
    // Plain text for a pipe: the verdict, a line per check, where the report is; no markdown, no escapes.
    expect(stdout).toMatch(
      /^FAILED {2}preview {2}deploy_\d{8}_\d{6}\nfailed: 1 of 3 checks failed \(services\.search\)/
    )
    expect(stdout).toMatch(/\n {2}failed +services\.search +\S+ ms {2}.*500.*\n/)
    expect(stdout).toContain('\nReport: deploy-verify-report.json\n')
    expect(stdout).not.toMatch(/[|#]/)
    expect(stdout).not.toContain('\u001b')
    expect(stdout).not.toContain('tok-secret-123')
  })

  it('with --services checks those and what they depend on, and passes when they pass', async () => {
    const dir = await workspace()
    const { exitCode } = await run(['check', '--config', 'env.yml', '--services', 'api'], dir)
    const report = await reportIn(dir)
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual(['services.db', 'services.api'])
    expect(report.status).toBe('passed')
    expect(exitCode).toBe(0)
  })

  it('names a mistyped service with the nearest one, at the services of the file', async () => {
    const dir = await workspace()
    const { exitCode, stdout } = await run(['check', '--config', 'env.yml', '--services', 'apu'], dir)
    expect((await reportIn(dir)).errors).toEqual([
      expect.objectContaining({
        file: 'env.yml',
        line: 12,
        message: "'apu' is not a service of preview: did you mean 'api'?"
      })
    ])
    expect(stdout).toContain("env.yml:12:3: 'apu' is not a service of preview: did you mean 'api'?")
    expect(exitCode).toBe(1)
    expect(requests).toEqual([])
  })

  it('--quiet prints only the verdict, the report summary', async () => {
    const dir = await workspace()
    const { stdout, stderr } = await run(['check', '--config', 'env.yml', '--quiet'], dir)
    expect(stdout).toBe(`${(await reportIn(dir)).summary}\n`)
    expect(stderr).toBe('')
  })

  it('inside a workflow appends the same job summary as the action', async () => {
    const dir = await workspace()
    const summary = join(dir, 'step-summary.md')
    await run(['check', '--config', 'env.yml'], dir, {
      env: { API_TOKEN: 'tok-secret-123', GITHUB_STEP_SUMMARY: summary }
    })
    const markdown = await readFile(summary, 'utf8')
    expect(markdown).toMatch(/^## ❌ failed · preview · `deploy_\d+_\d+`\n/)
    expect(markdown).toContain('Full report: `deploy-verify-report.json`')
  })

  it('--fail-on never exits 0 whatever the verdict, as the action does', async () => {
    const dir = await workspace()
    expect((await run(['check', '--config', 'env.yml', '--fail-on', 'never'], dir)).exitCode).toBe(0)
  })

  it('colours the verdict and the statuses on a colour terminal, and not with --no-color', async () => {
    const dir = await workspace()
    const coloured = await run(['check', '--config', 'env.yml'], dir, { colour: true })
    expect(coloured.stdout).toContain('\u001b[31mFAILED\u001b[0m')
    expect(coloured.stdout).toContain('\u001b[32mpassed ')
    const plain = await run(['check', '--config', 'env.yml', '--no-color'], dir, { colour: true })
    expect(plain.stdout).not.toContain('\u001b')
  })
})

describe('the other runs', () => {
  it('smoke probes the services, then runs the smoke tests, without deploying', async () => {
    const dir = await workspace()
    const { exitCode } = await run(['smoke', '--config', 'env.yml', '--services', 'api'], dir)
    const report = await reportIn(dir)
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual([
      'services.db',
      'services.api',
      'smoke.login'
    ])
    expect(report.status).toBe('passed')
    expect(exitCode).toBe(0)
    expect(await exists(join(dir, 'deployed'))).toBe(false)
  })

  it('verify, the default, does what the action does: the deploy step runs first', async () => {
    const dir = await workspace(CONFIG().replace(/ {2}search:\n.*\n/, ''))
    const { exitCode } = await run(['--config', 'env.yml'], dir)
    const report = await reportIn(dir)
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual([
      'deploy.roll-out',
      'services.db',
      'services.api',
      'smoke.login'
    ])
    expect(await exists(join(dir, 'deployed'))).toBe(true)
    expect(exitCode).toBe(0)
  })

  it('baseline records the environment in the file named', async () => {
    const dir = await workspace(CONFIG().replace(/ {2}search:\n.*\n/, ''))
    const { exitCode } = await run(['baseline', '--config', 'env.yml', '--baseline', 'known-good.json'], dir)
    expect(exitCode).toBe(0)
    expect((await reportIn(dir)).mode).toBe('baseline')
    const baseline = JSON.parse(await readFile(join(dir, 'known-good.json'), 'utf8'))
    expect(baseline.environment).toBe('preview')
  })
})

describe('report', () => {
  it('shows a saved report as the run showed it, with the exit status of its verdict', async () => {
    const dir = await workspace()
    const ran = await run(['check', '--config', 'env.yml'], dir)
    const shown = await run(['report', 'deploy-verify-report.json'], dir)
    expect(`${shown.stdout}\nReport: deploy-verify-report.json\n`).toBe(ran.stdout)
    expect(shown.exitCode).toBe(1)
    expect((await run(['report', 'deploy-verify-report.json', '--fail-on', 'never'], dir)).exitCode).toBe(0)
  })

  it('refuses a file that is not a report, saying why', async () => {
    const dir = await workspace()
    await writeFile(join(dir, 'other.json'), '{"status":"passed"}')
    const { exitCode, stderr } = await run(['report', 'other.json'], dir)
    expect(stderr).toMatch(
      /^deploy-verify: other\.json: not a deploy-verify report: at the top level, must have required property '\w+'\n/
    )
    expect(exitCode).toBe(2)
  })
})

describe('command-line mistakes', () => {
  const mistakes: Array<[string[], string]> = [
    [['chek'], "unknown command 'chek': did you mean 'check'?"],
    [['check', '--servces', 'api'], "unknown flag --servces: did you mean '--services'?"],
    [['validate', '--services', 'api'], '--services is not a flag of validate; check, smoke take it'],
    [
      ['check', '--fail-on', 'warnin'],
      "--fail-on: 'warnin' is not one of failure, warning, never: did you mean 'warning'?"
    ],
    [['--mode', 'rollback'], '--mode rollback runs only in the action; here: verify or baseline'],
    [['--mode', 'merge'], '--mode merge runs only in the action; here: verify or baseline'],
    [['check', '--config'], '--config needs a value'],
    [['report'], 'report takes one FILE, got 0']
  ]
  it.each(mistakes)('%j is refused with exit status 2: %s', async (argv, message) => {
    const dir = await workspace()
    const { exitCode, stderr, stdout } = await run(argv, dir)
    expect(stderr).toBe(`deploy-verify: ${message}\nRun 'deploy-verify --help' for usage.\n`)
    expect(stdout).toBe('')
    expect(exitCode).toBe(2)
    expect(requests).toEqual([])
  })
})
