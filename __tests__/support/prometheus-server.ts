// A real Prometheus server scraping a real node_exporter, both on free loopback ports, with a
// generated configuration and storage in a temporary folder: the Debian packages `prometheus` and
// `prometheus-node-exporter` (`.ci/run` installs them). The services those packages may run are
// left alone: these are the tests' own processes, stopped by `stop`.
import { spawn } from 'node:child_process'
import { constants } from 'node:fs'
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { eventually, unusedPort } from './loopback.js'

/** The first scrape comes within a scrape interval of the start; a slow machine gets this long. */
const FIRST_SCRAPE_DEADLINE_MS = 30_000
/** Mount point types node_exporter leaves out: pseudo filesystems only, so a container's overlay root is kept. */
const PSEUDO_FILESYSTEMS =
  '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|mqueue|nsfs|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|sysfs|tracefs)$'

export interface PrometheusServer {
  /** The server's base URL, what a `prometheus` probe's `url` names. */
  url: string
  /** The scrape job of the exporter. */
  job: string
  /** Asks the server an instant query, as the probe does, and returns its JSON answer. */
  query(expression: string): Promise<unknown>
  /** Whether the query returns a series before the deadline (the first scrape's data may need a second). */
  until(expression: string): Promise<boolean>
  stop(): Promise<void>
}

/** Starts node_exporter and a Prometheus scraping it every second; resolves once the first scrape is in. */
export async function startPrometheus(): Promise<PrometheusServer> {
  const prometheusBinary = await onPath(['prometheus'])
  const exporterBinary = await onPath(['prometheus-node-exporter', 'node_exporter'])
  const folder = await mkdtemp(join(tmpdir(), 'deploy-verify-prometheus-'))
  const [exporterPort, serverPort] = [await unusedPort(), await unusedPort()]
  const job = 'node'
  await writeFile(
    join(folder, 'prometheus.yml'),
    `global: { scrape_interval: 1s, evaluation_interval: 1s }
scrape_configs:
  - job_name: ${job}
    static_configs: [{ targets: ['127.0.0.1:${exporterPort}'] }]
`
  )
  const children = [
    started(exporterBinary, [
      `--web.listen-address=127.0.0.1:${exporterPort}`,
      '--collector.disable-defaults',
      '--collector.meminfo',
      '--collector.cpu',
      '--collector.filesystem',
      `--collector.filesystem.fs-types-exclude=${PSEUDO_FILESYSTEMS}`
    ]),
    started(prometheusBinary, [
      `--config.file=${join(folder, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(folder, 'data')}`,
      `--web.listen-address=127.0.0.1:${serverPort}`
    ])
  ]
  const url = `http://127.0.0.1:${serverPort}`
  const query = async (expression: string): Promise<unknown> => {
    const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expression })}`, {
      signal: AbortSignal.timeout(5_000)
    })
    return response.json()
  }
  const returns = async (expression: string) => {
    const answer = (await query(expression).catch(() => undefined)) as
      { data?: { result?: unknown[] } } | undefined
    return (answer?.data?.result?.length ?? 0) > 0
  }
  const until = (expression: string) => eventually(() => returns(expression), FIRST_SCRAPE_DEADLINE_MS)
  const stop = async () => {
    await Promise.all(children.map(child => child.stop()))
    await rm(folder, { recursive: true, force: true })
  }
  const scraped = await eventually(
    async () => children.some(child => child.ended()) || returns(`up{job="${job}"} == 1`),
    FIRST_SCRAPE_DEADLINE_MS
  )
  const exited = children.find(child => child.ended())
  if (!scraped || exited) {
    const output = children.map(child => `${child.name}: ${child.output().slice(-2000)}`).join('\n')
    await stop()
    throw new Error(
      exited
        ? `${exited.name} ended before the first scrape:\n${output}`
        : `Prometheus had not scraped node_exporter after ${FIRST_SCRAPE_DEADLINE_MS / 1000} s:\n${output}`
    )
  }
  return { url, job, query, until, stop }
}

/** The first of `names` on PATH; a missing binary is an error that says how to get it, never a skipped test. */
async function onPath(names: string[]): Promise<string> {
  for (const name of names) {
    for (const folder of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      const path = join(folder, name)
      const found = await access(path, constants.X_OK).then(
        () => true,
        () => false
      )
      if (found) return path
    }
  }
  throw new Error(
    `${names.join(' or ')} is not on PATH: install the Debian packages prometheus and prometheus-node-exporter (.ci/run installs them)`
  )
}

interface Started {
  name: string
  /** Whether the process exited or could not be started. */
  ended(): boolean
  output(): string
  stop(): Promise<void>
}

function started(binary: string, args: string[]): Started {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (chunk: Buffer) => void (output = `${output}${chunk.toString()}`.slice(-20_000))
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  let ended = false
  const exited = new Promise<void>(resolve => {
    child.once('exit', (code, signal) => {
      output += `\n(exited: ${code ?? signal})`
      ended = true
      resolve()
    })
    child.once('error', error => {
      output += `\n${String(error)}`
      ended = true
      resolve()
    })
  })
  return {
    name: binary,
    ended: () => ended,
    output: () => output,
    stop: async () => {
      if (!ended) child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(killer)
    }
  }
}
