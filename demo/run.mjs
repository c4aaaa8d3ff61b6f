// `npm run demo`: starts a small stack on loopback (PostgreSQL with pgvector embedded as PGlite, a
// cache, the demo app), then runs the bundled action on it exactly as the GitHub runner would:
// against an environment that matches its file (it must pass), against one that drifted (it must
// fail), then records a baseline and compares a later deploy with it (its schema changes warn).
// Exits 0 when every run did what it should.
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { constants } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runAction } from '../tools/run-action.mjs'
import { startApp } from './app.mjs'
import { startCache, unusedPort } from './cache.mjs'
import { startDatabase } from './database.mjs'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const bundle = join(root, 'dist', 'index.js')
// DATABASE_URL carries a password so that the demo can show it never reaches any output.
const DATABASE_PASSWORD = 'demo-Pa55word-not-for-production'
// Each run has a working directory of its own under .demo/; the baseline is kept beside them, for the next.
const BASELINE_INPUT = '../deploy-verify-baseline.json'

/** Stop functions of what has started, in start order. */
const running = []
/** The action's process while it runs, so that Ctrl-C ends it too. */
let action
let stopping

function stopAll() {
  stopping ??= (async () => {
    if (action?.exitCode === null) action.kill('SIGTERM')
    for (const stop of running.reverse()) await stop().catch(error => console.error(`  ${error.message}`))
  })()
  return stopping
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    console.log(`\n${signal} received: stopping the demo stack.`)
    await stopAll()
    console.log('Everything the demo started is stopped.')
    process.exit(128 + constants.signals[signal])
  })
}

function section(title) {
  console.log(`\n${title}\n${'='.repeat(title.length)}\n`)
}

const fromRoot = path => relative(root, path) || '.'

/**
 * @typedef {object} Scenario
 * @property {string} name the environment file's stem, and the folder under .demo/ the report lands in
 * @property {string} title
 * @property {string[]} story what this run shows
 * @property {number} expectedExit
 * @property {Record<string, string>} env the step's env:, as a workflow would pass it
 * @property {string} [config] the environment file's stem, when it is not `name`
 * @property {Record<string, string>} [inputs] more action inputs
 * @property {() => Promise<void>} [before] what changes in the stack before this run
 */

async function main() {
  section('1. Starting the demo stack')
  if (!existsSync(bundle)) {
    console.log(
      'The action bundle dist/index.js is missing: build it with `npm run build`, then run the demo again.'
    )
    return 1
  }
  const database = await startDatabase()
  running.push(database.stop)
  console.log(`database  ${database.version}, on 127.0.0.1:${database.port}`)
  console.log('          tables documents (embedding vector(3)) and jobs (id, status)')
  const cache = await startCache()
  running.push(cache.stop)
  console.log(`cache     answers PING with PONG, on 127.0.0.1:${cache.port}`)
  const databaseUrl = database.url(DATABASE_PASSWORD)
  const app = await startApp({ databaseUrl })
  running.push(app.stop)
  console.log(`app       ${app.url}/health checks the database, then answers {"status":"ok","database":"up"}`)
  const oldCachePort = await unusedPort()
  const healthyEnv = { API_URL: app.url, DATABASE_URL: databaseUrl, CACHE_PORT: String(cache.port) }
  const baselinePath = resolve(root, '.demo', 'scenario', BASELINE_INPUT)
  await rm(baselinePath, { force: true })

  /** @type {Scenario[]} */
  const scenarios = [
    {
      name: 'healthy',
      title: 'A healthy environment',
      story: ['Everything the file expects is there. Expected verdict: passed, exit code 0.'],
      expectedExit: 0,
      env: healthyEnv
    },
    {
      name: 'broken',
      title: 'An environment that drifted',
      story: [
        'The new release expects more than the deployed environment has:',
        '  - the pg_trgm extension, which nobody installed on this database;',
        '  - the audit_log table, from a migration that never ran;',
        `  - the cache on port ${oldCachePort}, its old port, where nothing listens any more.`,
        'Expected verdict: failed, exit code 1, which is what stops a rollout (or starts a rollback).'
      ],
      expectedExit: 1,
      env: { API_URL: app.url, DATABASE_URL: databaseUrl, CACHE_PORT: String(oldCachePort) }
    },
    {
      name: 'record',
      config: 'healthy',
      title: 'Recording a known-good baseline',
      story: [
        'mode: baseline checks the healthy environment again, then records it: 20 latency samples',
        'of each service and the database schema (tables, column types, indexes, extensions).',
        `Expected verdict: passed, exit code 0, and the baseline written to ${fromRoot(baselinePath)}.`
      ],
      expectedExit: 0,
      inputs: { mode: 'baseline', baseline: BASELINE_INPUT },
      env: healthyEnv
    },
    {
      name: 'compare',
      config: 'healthy',
      title: 'A later deploy, compared with the baseline',
      story: [
        'Since the baseline, a migration added the column documents.summary and an index on jobs.',
        'The file still passes, but the live schema differs from the recorded one: an extra column',
        'or index only warns (nothing the app relied on is gone; a missing table or extension would',
        'fail), and each service latency is compared with its baseline samples.',
        'Expected verdict: warning, exit code 0 (fail-on: failure lets warnings through).'
      ],
      expectedExit: 0,
      inputs: { baseline: BASELINE_INPUT },
      before: () =>
        database.exec(
          'ALTER TABLE documents ADD COLUMN summary text; CREATE INDEX jobs_status ON jobs (status)'
        ),
      env: healthyEnv
    }
  ]

  const outcomes = []
  for (const [index, scenario] of scenarios.entries()) {
    if (stopping) break
    outcomes.push(await verify(index + 2, scenario))
  }
  if (stopping) return 1

  section(`${scenarios.length + 2}. Result`)
  for (const outcome of outcomes) console.log(outcome.line)
  const ok = outcomes.every(outcome => outcome.ok)
  console.log(
    ok
      ? '\nThe demo behaved as expected: the matching environment passed, the drifted one was stopped, and the later deploy was compared with its baseline.'
      : '\nThe demo did NOT behave as expected: see the sections above.'
  )
  return ok ? 0 : 1
}

/** Runs the action on one environment file and prints what a user would look at. */
async function verify(number, scenario) {
  const file = join(root, 'demo', 'environments', `${scenario.config ?? scenario.name}.yml`)
  const workspace = join(root, '.demo', scenario.name)
  section(`${number}. ${scenario.title}: ${fromRoot(file)}`)
  for (const line of scenario.story) console.log(line)
  console.log()

  // A fresh working directory each time, so that an old report is never mistaken for this run's.
  await rm(workspace, { recursive: true, force: true })
  await mkdir(workspace, { recursive: true })
  await scenario.before?.()
  // The clone is the workspace, as a checkout is on GitHub: every file the run reads must be in it.
  const result = await runAction({
    cwd: root,
    inputs: {
      config: relative(workspace, file),
      'working-directory': relative(root, workspace),
      'fail-on': 'failure',
      ...scenario.inputs
    },
    env: scenario.env,
    onOutput: (_chunk, child) => {
      action = child
    }
  })
  action = undefined
  // Everything in the runner's folder (outputs, summary) has been read into result.
  await rm(result.runnerDir, { recursive: true, force: true })
  const log = runnerView(result.log)
  const logPath = join(workspace, 'action.log')
  await writeFile(logPath, log.masked)

  console.log('--- job summary (the markdown GitHub shows on the run page) ---\n')
  console.log(result.summary.trim() || '(empty)')
  console.log('\n--- end of job summary ---\n')

  // The output is the authority on where the report went; the default name is the fallback.
  const reportPath = resolve(workspace, result.outputs['report-path'] || 'deploy-verify-report.json')
  const report = await readFile(reportPath, 'utf8').catch(() => undefined)
  console.log(`Report:  ${fromRoot(reportPath)}${report === undefined ? ' (not written!)' : ''}`)
  console.log(`Log:     ${fromRoot(logPath)}`)
  const { status = '(none)', 'failed-checks': failed = '(none)' } = result.outputs
  console.log(`Outputs: status=${status}, failed-checks=${failed}`)

  const leaked = [log.text, result.summary, report ?? '', JSON.stringify(result.outputs)].some(text =>
    text.includes(DATABASE_PASSWORD)
  )
  console.log(
    leaked
      ? 'Secret:  the database password LEAKED into the log, summary, report or outputs.'
      : 'Secret:  the database password appears nowhere in the log, summary, report or outputs.'
  )

  const { exitCode } = result
  const exitOk = exitCode === scenario.expectedExit
  const meaning =
    exitCode === 0
      ? 'the step succeeds and the rollout goes on'
      : 'the step fails, so the rollout stops (or the rollback workflow starts)'
  if (exitOk) console.log(`\nExit code ${exitCode}, as expected: ${meaning}.`)
  else {
    console.log(`\nExit code ${exitCode}, but ${scenario.expectedExit} was expected: ${meaning}.`)
    console.log(`The action's log:\n\n${log.masked}`)
  }
  const ok = exitOk && report !== undefined && !leaked
  const mark = ok ? 'ok  ' : 'FAIL'
  return {
    ok,
    line: `${mark}  ${scenario.title}: ${status}, exit code ${exitCode} (expected ${scenario.expectedExit})`
  }
}

/**
 * The log as the runner shows it. The action's ::add-mask:: lines name the values the runner hides,
 * and are never shown themselves. `text` is before masking: whether the action kept the secret out
 * on its own; `masked` is what a reader sees.
 */
function runnerView(log) {
  const masks = []
  const lines = []
  for (const line of log.split('\n')) {
    if (line.startsWith('::add-mask::')) masks.push(line.slice('::add-mask::'.length))
    else lines.push(line)
  }
  const text = lines.join('\n')
  // Longest first, so that a URL is masked whole rather than around its password.
  masks.sort((a, b) => b.length - a.length)
  return {
    text,
    masked: masks.filter(Boolean).reduce((masked, value) => masked.replaceAll(value, '***'), text)
  }
}

let demoExitCode = 1
try {
  demoExitCode = await main()
} catch (error) {
  console.error(`\nThe demo could not run: ${error.stack ?? error}`)
} finally {
  if (!stopping) {
    section('Stopping')
    await stopAll()
    console.log('Everything the demo started is stopped.')
  }
}
process.exitCode = demoExitCode
