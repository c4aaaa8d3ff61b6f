// `npm run bench`: the speed targets of the action, measured as whole processes the way the runner
// starts them, against a loopback server that answers after 50 ms. Every target compares figures of
// this one run (ratios and differences), never absolute times across machines or runs. Beside the
// action: a bare Node start, undici alone (bench/undici-alone.mjs: the part of a target that is the
// HTTP client's and Node's), a curl loop and Step CI.
//
//   node bench/run.mjs [--runs N] [--quick] [--no-stepci] [--json FILE]
//
// The cases run in rounds, one run of each per round (see measureInRounds). Prints a table (median
// and spread of the runs, peak memory from the operating system) and writes the figures as JSON
// (bench/results.json by default, not committed).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { runAction } from '../tools/run-action.mjs'
import { bareHttpProbe, DELAY_MS, httpProbe, postgresProbe, startServer, workspaceFor } from './setup.mjs'

const MiB = 1024 * 1024
const STEPCI = 'stepci@2.8.2'
/** GitHub drops a job summary above 1 MiB; a check run's summary holds 65,535 characters. */
const SUMMARY_LIMIT = MiB

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    quick: { type: 'boolean', default: false },
    'no-stepci': { type: 'boolean', default: false },
    json: { type: 'string', default: new URL('results.json', import.meta.url).pathname }
  }
})
const RUNS = options.quick ? 2 : Number(options.runs)
const LOAD_AT_START = loadavg()[0].toFixed(1)
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

// --- measuring processes ----------------------------------------------------------------------

/** `/usr/bin/time` as the launcher: CPU seconds and peak resident memory (KiB) from the kernel. */
async function timed(run) {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-verify-bench-'))
  const file = join(dir, 'time')
  const launcher = TIME ? [TIME, '-f', '%U %S %M', '-o', file] : []
  const started = process.hrtime.bigint()
  const result = await run(launcher)
  const wallS = Number(process.hrtime.bigint() - started) / 1e9
  let cpuS = null
  let peakMiB = null
  if (TIME) {
    const [user, system, kib] = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .at(-1)
      .split(' ')
      .map(Number)
    cpuS = user + system
    peakMiB = kib / 1024
  }
  await rm(dir, { recursive: true, force: true })
  return { wallS, cpuS, peakMiB, result }
}

function command(cmd, args, env = process.env, cwd = process.cwd()) {
  return launcher =>
    new Promise((resolve, reject) => {
      const [head, ...rest] = [...launcher, cmd, ...args]
      const child = spawn(head, rest, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', chunk => (stderr = (stderr + chunk).slice(-4000)))
      child.on('error', reject)
      child.on('close', exitCode => resolve({ exitCode, stderr }))
    })
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

// --- the cases --------------------------------------------------------------------------------

/**
 * One row of the table.
 * @typedef {object} Case
 * @property {string} key how the targets name it
 * @property {string} name
 * @property {number} runs
 * @property {(launcher: string[]) => Promise<any>} run one run of it, under `launcher`
 * @property {(result: any) => string | undefined} problem why a run's result fails the case
 * @property {(result: any) => Promise<object>} [figures] more figures from its last run's result
 * @property {boolean} [connections] whether it counts the bench server's connections
 * @property {string} [unavailable] why it cannot be measured at all
 */

const exited = r => (r.exitCode === 0 ? undefined : `exit ${r.exitCode}: ${r.stderr}`)

/**
 * The bundled action over the checks `workspace` holds (`figures` says how many, how many at once);
 * a run fails the case unless every check passed. `connections`: whether the checks go to the bench
 * server, whose connections are then counted.
 */
function actionCase(key, name, runs, workspace, figures, connections = true) {
  return {
    key,
    name,
    runs,
    connections,
    run: launcher => runAction({ cwd: workspace, inputs: { config: 'env.yml' }, launcher }),
    problem: result =>
      result.outputs.status === 'passed'
        ? undefined
        : `${result.outputs.status ?? 'no status'}: ${result.log.split('\n').findLast(line => line.startsWith('::error::')) ?? ''}`,
    figures: async result => ({
      ...figures,
      reportBytes: (await stat(result.outputs['report-path'])).size,
      summaryBytes: Buffer.byteLength(result.summary)
    })
  }
}

/** How curl-based health-check actions work: one curl process per URL, one after the other. */
function curlCase(runs, count, url) {
  const script = `for i in $(seq 1 ${count}); do curl -sf -o /dev/null "${url}/health?n=$i" || exit 1; done`
  return {
    key: 'curl',
    name: `curl loop, ${count} URLs`,
    runs,
    run: command('bash', ['-c', script]),
    problem: exited
  }
}

/** Step CI, installed at bench time outside the repository (never committed); null when it can't be. */
async function stepCiBinary() {
  const dir = join(tmpdir(), 'deploy-verify-bench-stepci')
  const bin = join(dir, 'node_modules', '.bin', 'stepci')
  if (existsSync(bin)) return bin
  await mkdir(dir, { recursive: true })
  process.stderr.write(`  installing ${STEPCI} into a temporary folder...\n`)
  const { exitCode } = await command('npm', [
    'install',
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--prefix',
    dir,
    STEPCI
  ])([])
  return exitCode === 0 && existsSync(bin) ? bin : null
}

/** Step CI over the same `count` checks, its workflow in `dir`. */
async function stepCiCase(runs, count, url, dir) {
  const name = `Step CI 2.8.2, ${count} checks`
  if (options['no-stepci']) return { key: 'stepci', name, unavailable: 'skipped (--no-stepci)' }
  const bin = await stepCiBinary().catch(() => null)
  if (!bin) return { key: 'stepci', name, unavailable: `${STEPCI} could not be installed from npm` }
  const tests = Array.from(
    { length: count },
    (_, i) =>
      `  t${i}:\n    steps:\n      - http: { url: "${url}/health?n=${i}", method: GET, check: { status: 200 } }`
  )
  await writeFile(join(dir, 'workflow.yml'), `version: "1.1"\nname: bench\ntests:\n${tests.join('\n')}\n`)
  const env = { ...process.env, STEPCI_DISABLE_ANALYTICS: 'true' }
  return { key: 'stepci', name, runs, run: command(bin, ['run', 'workflow.yml'], env, dir), problem: exited }
}

/**
 * bench/undici-alone.mjs bundled as the action is (scripts/bundle.mjs), into `dir`: undici as a run
 * loads it, without the engine. Throws when it cannot be bundled.
 */
async function bundleUndiciAlone(dir) {
  const root = new URL('..', import.meta.url).pathname
  const { exitCode, stderr } = await command(
    process.execPath,
    ['scripts/bundle.mjs', 'bench/undici-alone.mjs', dir],
    process.env,
    root
  )([])
  if (exitCode !== 0) throw new Error(`bundling bench/undici-alone.mjs failed: ${stderr}`)
  // As dist/ is: its chunks are ES modules.
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n')
}

/** undici alone sending `count` requests at once to the server, as the service checks do. */
function undiciAloneCase(key, runs, count, url, bundled) {
  const name = `undici alone, ${count.toLocaleString('en')} request${count === 1 ? '' : 's'}`
  if (bundled instanceof Error) return { key, name, unavailable: bundled.message.split('\n')[0] }
  const env = { ...process.env, BENCH_URL: url, BENCH_REQUESTS: String(count) }
  return {
    key,
    name,
    runs,
    run: command(process.execPath, [join(bundled, 'index.js')], env),
    problem: exited
  }
}

// --- measuring in rounds ----------------------------------------------------------------------

/**
 * Runs every case in rounds, one run of each per round, so that a machine that slows down for a
 * while slows every case alike and the gaps and ratios between them hold. Each run starts once the
 * server holds no connection of the run before. A case whose run fails is measured no further and
 * becomes a row that says why. Figures: medians, with the spread (max - min) of the wall time.
 */
async function measureInRounds(cases, server) {
  const samples = new Map(cases.map(c => [c, []]))
  const failures = new Map()
  const rounds = Math.max(...cases.map(c => c.runs ?? 0))
  for (let round = 1; round <= rounds; round++) {
    process.stderr.write(`  round ${round} of ${rounds}\n`)
    for (const c of cases) {
      if (c.unavailable || failures.has(c) || round > c.runs) continue
      await server.settled()
      server.reset()
      try {
        const sample = await timed(c.run)
        const problem = c.problem(sample.result)
        if (problem) throw new Error(problem)
        samples.get(c).push({ ...sample, peakConnections: server.counts.peak })
      } catch (error) {
        failures.set(c, error)
      }
    }
  }
  const measured = {}
  for (const c of cases) {
    const failure = failures.get(c)
    const taken = samples.get(c)
    if (c.unavailable || failure) {
      const why = c.unavailable ?? `failed: ${failure.message.split('\n')[0].slice(0, 200)}`
      measured[c.key] = { name: c.name, unavailable: why }
      continue
    }
    const pick = key => (taken[0][key] === null ? null : median(taken.map(s => s[key])))
    const walls = taken.map(s => s.wallS)
    measured[c.key] = {
      name: c.name,
      runs: c.runs,
      wallS: median(walls),
      spreadS: Math.max(...walls) - Math.min(...walls),
      cpuS: pick('cpuS'),
      peakMiB: pick('peakMiB'),
      ...(c.connections ? { peakConnections: Math.max(...taken.map(s => s.peakConnections)) } : {}),
      ...(c.figures ? await c.figures(taken.at(-1).result) : {})
    }
  }
  return measured
}

// --- the table --------------------------------------------------------------------------------

const s = x => (x === null || x === undefined ? '-' : `${x.toFixed(2)} s`)
const mib = x => (x === null || x === undefined ? '-' : `${Math.round(x)} MiB`)

/** Every target of issue 15, from figures of this run; a row whose cases failed says which. */
function targets(c) {
  const rows = []
  const target = (row, cases, met, measured) => {
    const missing = cases.find(k => k.unavailable)
    if (missing) rows.push({ row, met: null, measured: `${missing.name}: ${missing.unavailable}` })
    else rows.push({ row, met: met(), measured: measured() })
  }
  const gap = (a, b) => a.wallS - b.wallS
  // The same gap for undici alone: the share of the target that is the HTTP client's and Node's.
  const alone = (a, b) => (a.unavailable || b.unavailable ? '' : ` (undici alone: +${s(gap(a, b))})`)
  target(
    "1 check: at most 0.15 s above a bare `node -e ''`",
    [c.one, c.node],
    () => gap(c.one, c.node) <= 0.15,
    () => `+${s(gap(c.one, c.node))}${alone(c.alone1, c.node)}`
  )
  target(
    '100 checks: within 0.10 s of 1 check',
    [c.hundred, c.one],
    () => gap(c.hundred, c.one) <= 0.1,
    () => `+${s(gap(c.hundred, c.one))}${alone(c.alone100, c.alone1)}`
  )
  target(
    '1,000 checks: within 0.6 s of 1 check',
    [c.thousand, c.one],
    () => gap(c.thousand, c.one) <= 0.6,
    () => `+${s(gap(c.thousand, c.one))}${alone(c.alone1000, c.alone1)}`
  )
  if (TIME)
    target(
      '1,000 checks: 150 MiB or less',
      [c.thousand],
      () => c.thousand.peakMiB <= 150,
      () => mib(c.thousand.peakMiB)
    )
  target(
    'Step CI 2.8.2, 100 checks: we are 6 times faster',
    [c.stepci, c.hundred],
    () => c.stepci.wallS / c.hundred.wallS >= 6,
    () => `${(c.stepci.wallS / c.hundred.wallS).toFixed(1)}x`
  )
  target(
    '5,000 checks: job summary within 1 MiB',
    [c.report],
    () => c.report.summaryBytes <= SUMMARY_LIMIT,
    () =>
      `${(c.report.summaryBytes / 1024).toFixed(0)} KiB summary, ${(c.report.reportBytes / 1024).toFixed(0)} KiB report`
  )
  return rows
}

function print(c, rows) {
  const lines = [
    '| case | wall (median) | spread | CPU | peak memory | server connections |',
    '| --- | --- | --- | --- | --- | --- |'
  ]
  // The cases in the order they were measured (measureInRounds keeps it).
  for (const k of Object.values(c)) {
    if (k.unavailable) lines.push(`| ${k.name} | ${k.unavailable} | | | | |`)
    else
      lines.push(
        `| ${k.name} | ${s(k.wallS)} | ${s(k.spreadS)} | ${s(k.cpuS)} | ${mib(k.peakMiB)} | ${k.peakConnections ?? ''} |`
      )
  }
  lines.push('', '| target | measured | met |', '| --- | --- | --- |')
  for (const r of rows)
    lines.push(`| ${r.row} | ${r.measured} | ${r.met === null ? 'not measured' : r.met ? 'yes' : 'NO'} |`)
  if (TIME && !c.thousand.unavailable && !c.one.unavailable) {
    const perCheck = ((c.thousand.cpuS - c.one.cpuS) / 999) * 1000
    lines.push('', `CPU per check (1,000 against 1): ${perCheck.toFixed(2)} ms`)
  }
  lines.push(
    `${RUNS} runs per case (1,000 and 5,000 checks: ${Math.min(RUNS, 3)}), Node ${process.version}, ` +
      `50 ms server delay, ${cpus().length} CPUs, load average ${LOAD_AT_START} at the start and ` +
      `${loadavg()[0].toFixed(1)} at the end (a busy machine stretches every wall time).`
  )
  console.log(lines.join('\n'))
}

async function main() {
  const server = await startServer()
  const heavy = Math.min(RUNS, 3)
  const temporary = []
  const folder = async prefix => {
    const dir = await mkdtemp(join(tmpdir(), prefix))
    temporary.push(dir)
    return dir
  }
  /** The action over `count` checks of `probe`, `concurrency` at once, in a workspace of its own. */
  const action = async (key, name, runs, count, probe, concurrency = count) => {
    const workspace = await workspaceFor(
      Array.from({ length: count }, () => probe),
      concurrency
    )
    temporary.push(workspace)
    return actionCase(key, name, runs, workspace, { checks: count, concurrency }, probe !== postgresProbe)
  }
  try {
    process.stderr.write(`Preparing: workspaces, undici alone's bundle, Step CI...\n`)
    const http = httpProbe(server.url)
    const undiciAlone = await folder('deploy-verify-bench-undici-')
    const bundled = await bundleUndiciAlone(undiciAlone).then(
      () => undiciAlone,
      error => error
    )
    const cases = [
      {
        key: 'node',
        name: "bare node -e ''",
        runs: RUNS,
        run: command(process.execPath, ['-e', '']),
        problem: exited
      },
      await action('one', 'deploy-verify, 1 check', RUNS, 1, http),
      await action('ten', 'deploy-verify, 10 checks', RUNS, 10, http),
      await action('hundred', 'deploy-verify, 100 checks', RUNS, 100, http),
      await action('thousand', 'deploy-verify, 1,000 checks', heavy, 1000, http),
      undiciAloneCase('alone1', RUNS, 1, server.url, bundled),
      undiciAloneCase('alone100', RUNS, 100, server.url, bundled),
      undiciAloneCase('alone1000', heavy, 1000, server.url, bundled),
      curlCase(RUNS, 100, server.url),
      await stepCiCase(RUNS, 100, server.url, await folder('deploy-verify-bench-stepci-ws-')),
      // PostgreSQL allows 100 connections by default, some of them taken: 20 at once.
      await action(
        'postgres',
        'deploy-verify, 100 PostgreSQL checks (20 at once)',
        RUNS,
        100,
        postgresProbe,
        20
      ),
      await action(
        'report',
        'deploy-verify, 5,000 checks (1,000 at once)',
        heavy,
        5000,
        bareHttpProbe(server.url),
        1000
      )
    ]
    process.stderr.write(`Measuring in rounds (${RUNS} runs per case, ${heavy} for 1,000 and 5,000)...\n`)
    const c = await measureInRounds(cases, server)
    const rows = targets(c)
    print(c, rows)
    await writeFile(
      options.json,
      JSON.stringify(
        { node: process.version, delayMs: DELAY_MS, runs: RUNS, cases: c, targets: rows },
        null,
        2
      ) + '\n'
    )
  } finally {
    await server.close()
    await Promise.all(temporary.map(dir => rm(dir, { recursive: true, force: true })))
  }
}

await main()
