// Inputs made to hang the action or exhaust its memory, run through the bundled action as the
// runner runs it: a config of millions of keys or one huge value, a pattern that backtracks
// forever, servers that never stop answering, a command that prints one enormous line. Each run
// ends with a verdict or a clear error, within generous bounds of time and memory.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { Servers, startHttp } from '../support/loopback.js'

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test'
/** Bounds for a loaded 2-core machine: far above what a run takes, far below a hang. */
const ENDS_WITHIN_MS = 5_000
const PEAK_MEMORY_BYTES = 300 * 1024 * 1024

const servers = new Servers()
const sockets = new Set<Socket>()
const closers: Array<() => Promise<void>> = []

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await Promise.all(closers.map(close => close()))
  await servers.closeAll()
})

interface MeasuredRun {
  exitCode: number | null
  log: string
  outputs: Record<string, string>
  report: Record<string, unknown> | undefined
  elapsedMs: number
  /** The child's peak resident memory (VmHWM), as last read while it ran. */
  peakBytes: number
}

/** Runs the bundled action on `config` (written as env.yml), reading its peak memory as it runs. */
async function runOn(config: string, env: Record<string, string> = {}): Promise<MeasuredRun> {
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-hangs-'))
  await writeFile(join(workspace, 'env.yml'), config)
  let peakBytes = 0
  let poller: NodeJS.Timeout | undefined
  const readPeak = (pid: number | undefined): void => {
    try {
      const kilobytes = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
      peakBytes = Math.max(peakBytes, Number(kilobytes ?? 0) * 1024)
    } catch {
      // The process has exited.
    }
  }
  const started = Date.now()
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'env.yml' },
    env,
    onOutput: (_chunk, child) => {
      readPeak(child.pid)
      poller ??= setInterval(() => readPeak(child.pid), 10)
    }
  })
  const elapsedMs = Date.now() - started
  clearInterval(poller)
  const reportPath = result.outputs['report-path']
  const report = reportPath
    ? (JSON.parse(await readFile(reportPath, 'utf8')) as Record<string, unknown>)
    : undefined
  return { exitCode: result.exitCode, log: result.log, outputs: result.outputs, report, elapsedMs, peakBytes }
}

const HEAD = `version: 1
environment: staging
defaults:
  timeout: 3s
  retry: { attempts: 1 }
`

/** Ended in time and memory, with the status the action reported. */
function expectBounded(run: MeasuredRun, status: string): void {
  expect(run.outputs.status).toBe(status)
  expect(run.elapsedMs).toBeLessThan(ENDS_WITHIN_MS)
  expect(run.peakBytes).toBeGreaterThan(0)
  expect(run.peakBytes).toBeLessThan(PEAK_MEMORY_BYTES)
}

describe('a config file up to 10 MB', () => {
  test('of 10 MB of keys is refused at the line where it passes the limit', async () => {
    const keys = Array.from({ length: 600_000 }, (_, i) => `key${i}: value`).join('\n')
    const run = await runOn(`${HEAD}${keys}\n`)
    expectBounded(run, 'error')
    expect(run.log).toMatch(/env\.yml:\d+:\d+: the file has more than 50000 keys, values and list items/)
  })

  test('of one 10 MB flow mapping is refused likewise', async () => {
    const pairs = Array.from({ length: 800_000 }, (_, i) => `k${i}: v`).join(', ')
    const run = await runOn(`${HEAD}x: { ${pairs} }\n`)
    expectBounded(run, 'error')
    expect(run.log).toMatch(/env\.yml:6:\d+: the file has more than 50000 keys, values and list items/)
  })

  test('of one 10 MB value is refused at that value', async () => {
    const run = await runOn(`${HEAD}services:\n  a:\n    command: { run: "${'a'.repeat(10_000_000)}" }\n`)
    expectBounded(run, 'error')
    expect(run.log).toMatch(/env\.yml:8:\d+: the file has more than 1048576 characters of keys and values/)
  })

  test('of 10 MB of comments around a valid environment is judged', async () => {
    const comments = `# ${'c'.repeat(97)}\n`.repeat(100_000)
    const run = await runOn(`${HEAD}${comments}services:\n  noop:\n    command: { run: "true" }\n`)
    expectBounded(run, 'passed')
  })

  test('with a duplicate key among thousands names it at its line', async () => {
    const services = Array.from({ length: 5_000 }, (_, i) => `  s${i}:\n    command: { run: "true" }`)
    const run = await runOn(
      `${HEAD}services:\n${services.join('\n')}\n  s3:\n    command: { run: "false" }\n`
    )
    expectBounded(run, 'error')
    expect(run.log).toContain("env.yml:10007:3: invalid YAML: duplicate key 's3', first written at line 13")
  })

  test('with one value of 100 KB is judged', async () => {
    // Every string is searched for URL passwords when the file is read: a search that backtracks
    // on a long run of letters took 15 s for 100 KB.
    const run = await runOn(
      `${HEAD}services:\n  a:\n    command: { run: "true", env: { X: "${'a'.repeat(100_000)}" } }\n`
    )
    expectBounded(run, 'passed')
  })
})

describe('a matches: pattern that backtracks exponentially in JavaScript', () => {
  test('is judged at once against a 41-byte body, within its timeout', async () => {
    const server = await startHttp((_, response) => response.end(`${'a'.repeat(40)}!`))
    closers.push(server.close)
    const run = await runOn(
      `${HEAD}services:\n  api:\n    http:\n      url: ${server.url}/\n      expect: { body: { matches: '^(a+)+$' } }\n`
    )
    expectBounded(run, 'failed')
    expect(JSON.stringify(run.report)).toContain('expected body to match /^(a+)+$/')
  })

  test('with a backreference is refused at its line, naming the syntax accepted', async () => {
    const run = await runOn(
      `${HEAD}services:\n  api:\n    http:\n      url: http://127.0.0.1:9/\n      expect: { body: { matches: '(a)\\1' } }\n`
    )
    expectBounded(run, 'error')
    expect(run.log).toContain(
      'env.yml:10:34: services.api.http.expect.body.matches is not a regular expression this action runs (invalid escape sequence: `\\1`): write RE2 syntax'
    )
  })
})

describe('services that never stop answering', () => {
  // The rows come from generate_series in the select list, which streams them (in FROM it would
  // build all fifty million before sending the first, and the check would rightly time out).
  test('a huge HTTP body, an endless TCP stream and millions of rows are each cut, and judged', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x')
    const pour = (write: (data: Buffer) => boolean, on: (event: 'drain', go: () => void) => void) => {
      const go = (): void => {
        while (write(chunk));
      }
      on('drain', go)
      go()
    }
    const http = await startHttp((request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' })
      request.socket.on('error', () => undefined)
      pour(
        data => !response.destroyed && response.write(data),
        (event, go) => response.on(event, go)
      )
    })
    closers.push(http.close)
    const tcp = createServer(socket => {
      sockets.add(socket)
      socket.on('error', () => undefined)
      pour(
        data => !socket.destroyed && socket.write(data),
        (event, go) => socket.on(event, go)
      )
    })
    const tcpPort = await servers.listen(tcp)
    const run = await runOn(
      `${HEAD}variables:
  DATABASE_URL: { required: true }
services:
  web:
    http:
      url: ${http.url}/
      expect: { body: { contains: needle } }
  stream:
    tcp: { host: 127.0.0.1, port: ${tcpPort}, expect: { response: { contains: needle } } }
  rows:
    postgres:
      url: \${DATABASE_URL}
      query:
        sql: SELECT generate_series(1, 50000000) AS n
        expect: { '$[5000].n': 5001 }
`,
      { DATABASE_URL }
    )
    expectBounded(run, 'failed')
    const services = run.report?.services as Record<string, { message: string }>
    expect(services.web?.message).toContain('(body truncated at 1048576 bytes)')
    expect(services.stream?.message).toContain('(response truncated at 65536 bytes)')
    expect(services.rows?.message).toContain('(result truncated at 1000 rows)')
  })
})

describe('a deploy step', () => {
  test('that prints one 1 MB line is logged cut, and the run goes on, within 2 s for the step', async () => {
    const run = await runOn(
      `${HEAD}deploy:\n  - name: Loud\n    run: "(yes 'word' || true) | head -c 1048576 | tr '\\\\n' ' '; echo; echo done"\n`
    )
    expectBounded(run, 'passed')
    const steps = (
      run.report?.deploy as { steps: Record<string, { duration_ms: number; output_tail: string[] }> }
    ).steps
    const loud = Object.values(steps)[0]
    expect(loud?.duration_ms).toBeLessThan(2_000)
    expect(loud?.output_tail).toEqual([`${'word '.repeat(819)}… (line cut at 4096 characters)`, 'done'])
    expect(run.log).toContain('… (line cut at 4096 characters)')
  })

  test('whose script is too long for the system ends the run at once', async () => {
    const run = await runOn(`${HEAD}deploy:\n  - name: Long\n    run: "true #${'x'.repeat(200_000)}"\n`)
    expectBounded(run, 'failed')
    expect(run.log).toContain('E2BIG')
  })
})
