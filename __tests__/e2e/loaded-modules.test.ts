// What a run loads is part of its speed: the bundled action, probing plain HTTP, loads none of
// Node's HTTP/2, TLS or the modules that only patterns need (scripts/bundle.mjs and
// src/config/pattern.ts say why), and still speaks to the server. Node's own list of the built-in
// modules it loaded is read as the process exits.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runAction } from '../../tools/run-action.mjs'

let server: Server
let url: string
let workspace: string

beforeAll(async () => {
  server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","version":"1.4.2"}')
  )
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-loaded-'))
  // Loaded before the action (--import): writes the built-in modules loaded since, as the process exits.
  await writeFile(
    join(workspace, 'list-modules.mjs'),
    [
      'const before = new Set(process.moduleLoadList)',
      "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(process.moduleLoadList.filter(m => !before.has(m))) + '\\n'))"
    ].join('\n')
  )
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
  await rm(workspace, { recursive: true, force: true })
})

/** The run's status and the built-in modules (`node:` names) it loaded, for `expect`. */
async function run(expectation: string): Promise<{ status: string; builtins: string[] }> {
  await writeFile(
    join(workspace, 'env.yml'),
    [
      'version: 1',
      'defaults: { retry: { attempts: 1 } }',
      'services:',
      '  api:',
      `    http: { url: "${url}/health", expect: ${expectation} }`
    ].join('\n')
  )
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'env.yml' },
    env: { NODE_OPTIONS: `--import=${pathToFileURL(join(workspace, 'list-modules.mjs')).href}` }
  })
  const listed = /^LOADED (.*)$/m.exec(result.log)?.[1]
  if (listed === undefined) throw new Error(`no module list in the log:\n${result.log.slice(-2000)}`)
  const loaded = JSON.parse(listed) as string[]
  return {
    status: result.outputs.status ?? 'no status output',
    builtins: loaded.filter(m => m.startsWith('NativeModule ')).map(m => m.slice('NativeModule '.length))
  }
}

describe('what a run with an HTTP check loads', () => {
  it('passes over HTTP/1.1 without loading node:http2 or node:tls', async () => {
    const { status, builtins } = await run('{ status: 200, json: { $.status: ok } }')
    expect(status).toBe('passed')
    expect(builtins).toEqual(expect.arrayContaining(['net', 'http']))
    expect(builtins).not.toContain('http2')
    expect(builtins).not.toContain('tls')
  })

  it('judges a pattern as well, RE2 being loaded for it', async () => {
    const passing = await run('{ json: { $.version: { matches: "^1\\\\.4\\\\." } } }')
    expect(passing.status).toBe('passed')
    const failing = await run('{ json: { $.version: { matches: "^2\\\\." } } }')
    expect(failing.status).toBe('failed')
  })
})
