// Cancellation and timeouts leave nothing behind, through the bundled action and the bundled CLI:
// the runner cancels a job with SIGINT, then SIGTERM; a command that outlives its timeout, even
// one that left its process group with setsid, is killed with everything it started.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runAction } from '../../tools/run-action.mjs'
import { reportSchemaErrors } from '../support/report-schema.js'

const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))
/** Generous on a loaded machine; the action gives itself 6 s at most. */
const EXITS_WITHIN_MS = 20_000
const leftovers: number[] = []

afterAll(() => {
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Gone, as it should be.
    }
  }
})

async function workspaceWith(config: string): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-cancel-'))
  await writeFile(join(workspace, 'env.yml'), config)
  return workspace
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** The pid a command wrote, once it has written it. */
async function pidFrom(file: string): Promise<number> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await pause(50)) {
    const text = await readFile(file, 'utf8').catch(() => '')
    if (text.trim()) {
      const pid = Number(text)
      leftovers.push(pid)
      return pid
    }
  }
  throw new Error(`${file} was never written`)
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/** True once the process is gone (ESRCH), polled up to a generous deadline. */
async function goneWithin(pid: number, ms = 15_000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await pause(50)) {
    if (!exists(pid)) return true
  }
  return !exists(pid)
}

/** Runs the action, sends `signal` once `pidFile` is written, and says how long it took to exit after. */
async function cancelAction(config: string, pidFile: string, signal: NodeJS.Signals) {
  const workspace = await workspaceWith(config)
  let action: ChildProcess | undefined
  const running = runAction({
    cwd: workspace,
    inputs: { config: 'env.yml' },
    onOutput: (_text, child) => void (action ??= child)
  })
  const pid = await pidFrom(join(workspace, pidFile))
  const signalledAt = Date.now()
  action?.kill(signal)
  const result = await running
  const exitedAfterMs = Date.now() - signalledAt
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  return { ...result, report, pid, exitedAfterMs }
}

const SLEEPING_DEPLOY = `version: 1
environment: staging
deploy:
  - name: Roll out
    run: sleep 300 & echo $! > sleep.pid; wait
    timeout: 10m
services:
  api:
    tcp: { host: 127.0.0.1, port: 9 }
`

describe.each(['SIGTERM', 'SIGINT'] as const)('a job cancelled with %s during a deploy step', signal => {
  test('exits within seconds, kills the step and what it started, and leaves a report, a summary and outputs that say it was cancelled', async () => {
    const { exitCode, outputs, summary, report, pid, exitedAfterMs } = await cancelAction(
      SLEEPING_DEPLOY,
      'sleep.pid',
      signal
    )

    expect(exitedAfterMs).toBeLessThan(EXITS_WITHIN_MS)
    expect(exitCode).toBe(1)
    expect(await goneWithin(pid)).toBe(true)

    expect(report.status).toBe('error')
    expect(report.errors).toEqual([{ message: `the run was cancelled (${signal}) before it finished` }])
    expect(report.deploy.steps['roll-out']).toMatchObject({
      status: 'error',
      message: `not evaluated: the run was cancelled (${signal}) while it was running`
    })
    // What the cancellation cut short is not reported as the environment's doing.
    expect(report.services).toEqual({})
    expect(reportSchemaErrors(report)).toEqual([])

    expect(summary).toContain(`the run was cancelled (${signal})`)
    expect(outputs.status).toBe('error')
    expect(outputs['report-path']).toMatch(/deploy-verify-report\.json$/)
  })
})

test('a job cancelled while a service command probe runs kills the probe and records that service as cancelled', async () => {
  const { exitCode, outputs, summary, report, pid, exitedAfterMs } = await cancelAction(
    `version: 1
environment: staging
services:
  queue:
    timeout: 10m
    command:
      run: sleep 300 & echo $! > probe.pid; wait
`,
    'probe.pid',
    'SIGTERM'
  )

  expect(exitedAfterMs).toBeLessThan(EXITS_WITHIN_MS)
  expect(exitCode).toBe(1)
  expect(await goneWithin(pid)).toBe(true)
  expect(report.services.queue).toMatchObject({
    status: 'error',
    message: 'not evaluated: the run was cancelled (SIGTERM) while it was running'
  })
  expect(summary).toContain('cancelled')
  expect(outputs.status).toBe('error')
})

test('a deploy step that outlives its timeout is killed with a process it moved to a new session', async () => {
  const workspace = await workspaceWith(`version: 1
environment: staging
deploy:
  - name: Hang
    run: setsid sleep 300 & echo $! > session.pid; sleep 300
    timeout: 1s
`)
  const { exitCode, outputs } = await runAction({ cwd: workspace, inputs: { config: 'env.yml' } })
  const pid = await pidFrom(join(workspace, 'session.pid'))

  expect(exitCode).toBe(1)
  expect(outputs.status).toBe('failed')
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  expect(report.deploy.steps.hang).toMatchObject({ status: 'failed', timed_out: true })
  expect(await goneWithin(pid)).toBe(true)
})

test('a daemon that a successful deploy step started keeps running after the action', async () => {
  const workspace = await workspaceWith(`version: 1
environment: staging
deploy:
  - name: Start app
    run: setsid sleep 300 > /dev/null 2>&1 & echo $! > app.pid
`)
  const { exitCode } = await runAction({ cwd: workspace, inputs: { config: 'env.yml' } })
  const pid = await pidFrom(join(workspace, 'app.pid'))

  expect(exitCode).toBe(0)
  // It is what was deployed: the action leaves it to the job.
  expect(exists(pid)).toBe(true)
})

test('the CLI stopped with SIGTERM kills the running step and still writes its report', async () => {
  const workspace = await workspaceWith(SLEEPING_DEPLOY)
  const cli = spawn(process.execPath, [CLI, '--config', 'env.yml', '--quiet'], {
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  cli.stdout.on('data', chunk => (stdout += chunk))
  const exited = new Promise<number | null>(resolve => cli.on('close', resolve))
  const pid = await pidFrom(join(workspace, 'sleep.pid'))
  const signalledAt = Date.now()
  cli.kill('SIGTERM')
  const exitCode = await exited

  expect(Date.now() - signalledAt).toBeLessThan(EXITS_WITHIN_MS)
  expect(exitCode).toBe(1)
  expect(await goneWithin(pid)).toBe(true)
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  expect(report.status).toBe('error')
  expect(report.deploy.steps['roll-out'].message).toBe(
    'not evaluated: the run was cancelled (SIGTERM) while it was running'
  )
  expect(stdout).toContain('the run was cancelled (SIGTERM)')
})
