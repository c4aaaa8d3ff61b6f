// What a run loads and holds is part of its speed: the bundled action, probing plain HTTP, loads none
// of Node's HTTP/2, TLS, crypto or the modules that only patterns need (scripts/bundle.mjs and
// src/config/pattern.ts say why), and still speaks to the server; with hundreds of checks in flight
// its young generation keeps its first size and TurboFan compiles nothing (src/v8-flags.ts), and its
// WebAssembly HTTP parser stays with the baseline compiler (src/probes/undici.ts). Node's list of
// the built-in modules it loaded and V8's heap figures are read as the process exits.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runAction } from '../../tools/run-action.mjs'
import { startHttp } from '../support/loopback.js'

let api: Awaited<ReturnType<typeof startHttp>>
let workspace: string

beforeAll(async () => {
  api = await startHttp((_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","version":"1.4.2"}')
  )
  workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-loaded-'))
  // Loaded before the action (--import): as the process exits, writes the built-in modules loaded
  // since and the young generation's size then and now.
  await writeFile(
    join(workspace, 'observe.mjs'),
    [
      "import { getHeapSpaceStatistics } from 'node:v8'",
      "const young = () => getHeapSpaceStatistics().find(space => space.space_name === 'new_space').space_size",
      'const before = new Set(process.moduleLoadList)',
      'const youngAtStart = young()',
      "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(process.moduleLoadList.filter(m => !before.has(m))) + '\\n' + `YOUNG ${youngAtStart} ${young()}\\n`))"
    ].join('\n')
  )
})

afterAll(async () => {
  await api.close()
  await rm(workspace, { recursive: true, force: true })
})

interface Observed {
  status: string
  /** The built-in modules (`node:` names) the run loaded. */
  builtins: string[]
  /** The young generation's size at the end over its size at the start. */
  youngGrowth: number
  log: string
}

/** Runs the bundle over `services` HTTP checks, each with `expectation`, Node given `nodeArgs`. */
async function run(expectation: string, services = 1, nodeArgs: string[] = []): Promise<Observed> {
  await writeFile(
    join(workspace, 'env.yml'),
    [
      'version: 1',
      `defaults: { retry: { attempts: 1 }, concurrency: ${services} }`,
      'services:',
      ...Array.from(
        { length: services },
        (_, i) => `  api${i}: { http: { url: "${api.url}/health?n=${i}", expect: ${expectation} } }`
      )
    ].join('\n')
  )
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'env.yml' },
    nodeArgs,
    env: { NODE_OPTIONS: `--import=${pathToFileURL(join(workspace, 'observe.mjs')).href}` }
  })
  const listed = /^LOADED (.*)$/m.exec(result.log)?.[1]
  const young = /^YOUNG (\d+) (\d+)$/m.exec(result.log)
  if (listed === undefined || !young) throw new Error(`no figures in the log:\n${result.log.slice(-2000)}`)
  const loaded = JSON.parse(listed) as string[]
  return {
    status: result.outputs.status ?? 'no status output',
    builtins: loaded.filter(m => m.startsWith('NativeModule ')).map(m => m.slice('NativeModule '.length)),
    youngGrowth: Number(young[2]) / Number(young[1]),
    log: result.log
  }
}

describe('what a run with an HTTP check loads', () => {
  it('passes over HTTP/1.1 without loading node:http2, node:tls or node:crypto', async () => {
    const { status, builtins } = await run('{ status: 200, json: { $.status: ok } }')
    expect(status).toBe('passed')
    expect(builtins).toEqual(expect.arrayContaining(['net', 'http']))
    expect(builtins).not.toContain('http2')
    expect(builtins).not.toContain('tls')
    // Outputs, the report's temporary file and the checks need no randomness from node:crypto.
    expect(builtins).not.toContain('crypto')
  })

  it('judges a pattern as well, RE2 being loaded for it', async () => {
    const passing = await run('{ json: { $.version: { matches: "^1\\\\.4\\\\." } } }')
    expect(passing.status).toBe('passed')
    const failing = await run('{ json: { $.version: { matches: "^2\\\\." } } }')
    expect(failing.status).toBe('failed')
  })
})

describe('how a run parses HTTP', () => {
  it('compiles the WebAssembly parser with Liftoff only, however hot the parsing gets', async () => {
    // V8 prints a line per compiled function: "Compiled function ...#20 using Liftoff, took ...".
    const { status, log } = await run('{ status: 200 }', 100, ['--trace-wasm-compilation-times'])
    expect(status).toBe('passed')
    const compilers = new Set([...log.matchAll(/^Compiled function \S+ using (\w+)/gm)].map(m => m[1]))
    // Without --no-wasm-tier-up and --no-wasm-dynamic-tiering, this run gave Liftoff and TurboFan.
    expect([...compilers]).toEqual(['Liftoff'])
  })
})

describe('what a run with hundreds of checks in flight holds', () => {
  it('keeps the young generation near its first size', async () => {
    const { status, youngGrowth } = await run('{ status: 200 }', 300)
    expect(status).toBe('passed')
    // Without --semi-space-growth-factor=1, V8 grew it 32 times over in this run (Node 24, 24 GiB).
    expect(youngGrowth).toBeLessThanOrEqual(2)
  })

  it('optimizes only the hottest functions, with Maglev, never TurboFan', async () => {
    // V8 prints "[completed compiling 0x... <JSFunction name ...> (target MAGLEV) - took ...]".
    const { status, log } = await run('{ status: 200 }', 300, ['--trace-opt'])
    expect(status).toBe('passed')
    const targets = [...log.matchAll(/\[completed compiling .*?\(target (\w+)\)/g)].map(m => m[1])
    // Without --no-turbofan, this run completed 114 compilations with TURBOFAN_JS.
    expect([...new Set(targets)]).toEqual(['MAGLEV'])
    // With Maglev's default of 400 calls it compiled 332 functions here; after 2,000 calls, 156.
    expect(targets.length).toBeLessThan(250)
  })
})
