// Runs the bundled action the way the GitHub runner does: inputs as INPUT_* variables, outputs and
// the job summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, the event at
// GITHUB_EVENT_PATH. Shared by the end-to-end tests and the demo so both exercise the real contract.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))

/**
 * @typedef {object} RunOptions
 * @property {Record<string, string>} [inputs] action inputs by their action.yml names (`fail-on`)
 * @property {Record<string, string>} [env] extra environment (the step's `env:`)
 * @property {string} [cwd] the workspace; defaults to a fresh temporary folder
 * @property {object} [event] the webhook payload written to GITHUB_EVENT_PATH
 * @property {string} [entry] the script to run; defaults to the committed bundle
 * @property {string[]} [launcher] a command that runs Node for us (`/usr/bin/time -o file`), for measuring
 * @property {string[]} [nodeArgs] options for Node itself, before the script (`--trace-...` flags)
 * @property {(chunk: string, child: import('node:child_process').ChildProcess) => void} [onOutput]
 *   receives the action's log as it is written, with the process (to signal it, as a cancelled job is)
 *
 * @typedef {object} RunResult
 * @property {number | null} exitCode
 * @property {string} log stdout and stderr, interleaved
 * @property {Record<string, string>} outputs parsed from GITHUB_OUTPUT
 * @property {string} summary the contents of GITHUB_STEP_SUMMARY
 * @property {string} workspace
 * @property {string} runnerDir where the runner's files are
 */

/** @param {RunOptions} options @returns {Promise<RunResult>} */
export async function runAction(options = {}) {
  const runnerDir = await mkdtemp(join(tmpdir(), 'deploy-verify-runner-'))
  const workspace = options.cwd ?? runnerDir
  const files = {
    output: join(runnerDir, 'github_output'),
    summary: join(runnerDir, 'step_summary.md'),
    event: join(runnerDir, 'event.json')
  }
  await Promise.all([
    writeFile(files.output, ''),
    writeFile(files.summary, ''),
    writeFile(files.event, JSON.stringify(options.event ?? {}))
  ])

  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerDir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: runnerDir,
    ...options.env
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }

  const entry = options.entry ?? join(root, 'dist', 'index.js')
  const [command, ...args] = [
    ...(options.launcher ?? []),
    process.execPath,
    ...(options.nodeArgs ?? []),
    entry
  ]
  const child = spawn(command, args, { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  const collect = chunk => {
    const text = chunk.toString()
    log += text
    options.onOutput?.(text, child)
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exitCode = await new Promise((resolveExit, reject) => {
    child.on('error', reject)
    child.on('close', code => resolveExit(code))
  })

  return {
    exitCode,
    log,
    outputs: parseOutputFile(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    workspace,
    runnerDir
  }
}

/** Reads `name<<DELIMITER` blocks (what @actions/core writes) and plain `name=value` lines. */
export function parseOutputFile(text) {
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      outputs[name] = value.join('\n')
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      outputs[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return outputs
}
