// A thousand checks against one server, run by the bundled action as the runner runs it: the action
// opens no more connections than `concurrency` allows, and what it writes for GitHub fits GitHub's
// limits. Counted on the server's side, where the connections are.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { reportSchemaErrors } from '../support/report-schema.js'

const CHECKS = 1000
const CONCURRENCY = 25
/** GitHub drops a step's job summary above 1 MiB. */
const JOB_SUMMARY_LIMIT = 1024 * 1024

let server: Server
let url: string
const connections = { open: 0, peak: 0, requests: 0 }
let workspace: string

beforeAll(async () => {
  server = createServer((_request, response) => {
    connections.requests++
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
  })
  server.on('connection', socket => {
    connections.peak = Math.max(connections.peak, ++connections.open)
    socket.on('close', () => connections.open--)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-scale-'))
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
  await rm(workspace, { recursive: true, force: true })
})

function environmentFile(): string {
  const services = Array.from(
    { length: CHECKS },
    (_, i) =>
      `  api-${i}:\n    http: { url: "${url}/health?n=${i}", expect: { status: 200, json: { $.status: ok } } }`
  )
  return [
    'version: 1',
    'environment: production',
    'defaults:',
    `  concurrency: ${CONCURRENCY}`,
    '  retry: { attempts: 1 }',
    'services:',
    ...services
  ].join('\n')
}

describe('a thousand checks against one server', () => {
  let result: Awaited<ReturnType<typeof runAction>>
  let report: { status: string; checks: Array<{ id: string; status: string }> }

  beforeAll(async () => {
    await writeFile(join(workspace, 'env.yml'), environmentFile())
    result = await runAction({ cwd: workspace, inputs: { config: 'env.yml' } })
    report = JSON.parse(await readFile(result.outputs['report-path'] ?? '', 'utf8'))
  }, 120_000)

  it('passes every check, one request each', () => {
    expect(result.exitCode).toBe(0)
    expect(report.status).toBe('passed')
    expect(report.checks.filter(check => check.status === 'passed')).toHaveLength(CHECKS)
    expect(connections.requests).toBe(CHECKS)
  })

  // undici frees a connection a tick after its response ends: without the run's cap of `concurrency`
  // connections per origin, the next check would open another and the server would see twice as many.
  it('keeps at most `concurrency` connections open at once', () => {
    expect(connections.peak).toBeGreaterThan(0)
    expect(connections.peak).toBeLessThanOrEqual(CONCURRENCY)
  })

  it('writes a job summary within 1 MiB and a report that matches its schema', () => {
    expect(result.summary.length).toBeGreaterThan(0)
    expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT)
    expect(reportSchemaErrors(report)).toEqual([])
  })
})
