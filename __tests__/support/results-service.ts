// A loopback stand-in for GitHub's artifact backend, so that the real @actions/artifact client
// uploads and downloads for real: the Twirp JSON service (CreateArtifact, FinalizeArtifact,
// ListArtifacts, GetSignedArtifactURL) and the Azure Blob side behind its signed URLs (block upload,
// block list, download). It checks what the real service checks: the runtime token's scope, the
// backend ids, a unique name per run, and the size and sha256 of what was finalized.
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { unzipSync, zipSync } from 'fflate'

const RUN = 'run-backend-1'
const JOB = 'job-backend-1'
const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/'

export interface StoredArtifact {
  id: number
  name: string
  runBackendId: string
  expiresAt?: string
  mimeType?: string
  blocks: Map<string, Buffer>
  bytes: Buffer
  finalized: boolean
  size?: number
  hash?: string
}

export class ResultsService {
  readonly artifacts: StoredArtifact[] = []
  /** Twirp methods called, in order. */
  readonly calls: string[] = []
  private nextId = 1
  private faults = new Map<string, number[]>()

  private constructor(
    private readonly server: Server,
    readonly url: string
  ) {}

  static async start(): Promise<ResultsService> {
    const started: { service?: ResultsService } = {}
    const server = createServer((request, response) => {
      void started.service?.handle(request, response).catch(error => {
        response.writeHead(500, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ code: 'internal', msg: (error as Error).message }))
      })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    started.service = new ResultsService(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    return started.service
  }

  /** The variables the runner gives a job that may use artifacts. */
  runnerEnv(): Record<string, string> {
    const claims = { scp: `Actions.GenericRead:${RUN} Actions.Results:${RUN}:${JOB}` }
    const token = [{ alg: 'none', typ: 'JWT' }, claims, 'unsigned'].map(part =>
      Buffer.from(typeof part === 'string' ? part : JSON.stringify(part)).toString('base64url')
    )
    return { ACTIONS_RUNTIME_TOKEN: token.join('.'), ACTIONS_RESULTS_URL: `${this.url}/` }
  }

  /** The next `statuses.length` calls of `method` answer these statuses instead. */
  fail(method: string, ...statuses: number[]): void {
    this.faults.set(method, statuses)
  }

  /** An artifact of this run, already finalized, holding `files` zipped (for download tests). */
  seed(name: string, files: Record<string, string>, runBackendId = RUN): StoredArtifact {
    const bytes = Buffer.from(
      zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, Buffer.from(t)])))
    )
    const artifact: StoredArtifact = {
      id: this.nextId++,
      name,
      runBackendId,
      blocks: new Map(),
      bytes,
      finalized: true,
      size: bytes.length
    }
    this.artifacts.push(artifact)
    return artifact
  }

  /** A URL serving an artifact's zip as blob storage does (where GitHub's REST download redirects). */
  downloadUrl(artifact: StoredArtifact): string {
    return `${this.url}/devstoreaccount1/artifacts/${artifact.id}.zip?sig=download`
  }

  /** The files inside an uploaded artifact. */
  files(name: string): Record<string, string> {
    const artifact = this.artifacts.find(a => a.name === name && a.finalized)
    if (!artifact) throw new Error(`no finalized artifact named ${name}`)
    return Object.fromEntries(
      Object.entries(unzipSync(artifact.bytes)).map(([n, b]) => [n, Buffer.from(b).toString('utf8')])
    )
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise(resolve => this.server.close(resolve))
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url)
    const body = await read(request)
    if (url.pathname.startsWith(TWIRP))
      return this.twirp(url.pathname.slice(TWIRP.length), request, body, response)
    return this.blob(request.method ?? 'GET', url, body, response)
  }

  private twirp(method: string, request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    this.calls.push(method)
    const error = (status: number, code: string, msg: string): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code, msg }))
    }
    const fault = this.faults.get(method)?.shift()
    if (fault) return error(fault, 'unavailable', `injected ${fault}`)
    if (request.headers.authorization !== `Bearer ${this.runnerEnv().ACTIONS_RUNTIME_TOKEN}`)
      return error(401, 'unauthenticated', 'the runtime token is missing or wrong')
    const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>
    if (input.workflow_run_backend_id !== RUN || input.workflow_job_run_backend_id !== JOB)
      return error(
        400,
        'invalid_argument',
        'workflow_run_backend_id and workflow_job_run_backend_id must be the token’s'
      )
    const reply = (value: unknown): void => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value))
    }
    const named = this.artifacts.find(a => a.name === input.name && a.runBackendId === RUN)
    switch (method) {
      case 'CreateArtifact': {
        if (typeof input.name !== 'string' || input.version !== 7)
          return error(400, 'invalid_argument', 'name and version 7 are required')
        if (named)
          return error(409, 'already_exists', `an artifact named ${input.name} already exists in this run`)
        const artifact: StoredArtifact = {
          id: this.nextId++,
          name: input.name,
          runBackendId: RUN,
          expiresAt: input.expires_at as string | undefined,
          mimeType: input.mime_type as string | undefined,
          blocks: new Map(),
          bytes: Buffer.alloc(0),
          finalized: false
        }
        this.artifacts.push(artifact)
        return reply({
          ok: true,
          signed_upload_url: `${this.url}/devstoreaccount1/artifacts/${artifact.id}.zip?sig=upload`
        })
      }
      case 'FinalizeArtifact': {
        if (!named || named.finalized)
          return error(404, 'not_found', `no artifact ${String(input.name)} to finalize`)
        const hash = `sha256:${createHash('sha256').update(named.bytes).digest('hex')}`
        if (
          String(input.size) !== String(named.bytes.length) ||
          (input.hash !== undefined && input.hash !== hash)
        )
          return error(
            400,
            'invalid_argument',
            `size ${String(input.size)} / hash ${String(input.hash)} do not match the upload`
          )
        Object.assign(named, { finalized: true, size: named.bytes.length, hash })
        return reply({ ok: true, artifact_id: String(named.id) })
      }
      case 'ListArtifacts': {
        const nameFilter = input.name_filter as string | undefined
        const idFilter = input.id_filter as string | undefined
        return reply({
          artifacts: this.artifacts
            .filter(a => a.finalized && a.runBackendId === RUN)
            .filter(a => nameFilter === undefined || a.name === nameFilter)
            .filter(a => idFilter === undefined || String(a.id) === String(idFilter))
            .map(a => ({
              workflow_run_backend_id: RUN,
              workflow_job_run_backend_id: JOB,
              database_id: String(a.id),
              name: a.name,
              size: String(a.size ?? 0),
              created_at: '2026-11-22T00:00:00Z'
            }))
        })
      }
      case 'GetSignedArtifactURL':
        if (!named?.finalized) return error(404, 'not_found', `no artifact named ${String(input.name)}`)
        return reply({ signed_url: this.downloadUrl(named) })
      default:
        return error(404, 'bad_route', `no method ${method}`)
    }
  }

  /** The Azure Blob side: Put Block, Put Block List, Put Blob, Get Blob on signed URLs. */
  private blob(method: string, url: URL, body: Buffer, response: ServerResponse): void {
    const id = Number(/^\/devstoreaccount1\/artifacts\/(\d+)\.zip$/.exec(url.pathname)?.[1])
    const artifact = this.artifacts.find(a => a.id === id)
    if (!artifact || !url.searchParams.get('sig')) return void response.writeHead(404).end()
    const stored = { 'x-ms-request-id': String(Date.now()), 'x-ms-version': '2024-08-04', etag: '"0x1"' }
    const comp = url.searchParams.get('comp')
    if (method === 'PUT' && comp === 'block') {
      artifact.blocks.set(url.searchParams.get('blockid') ?? '', body)
      return void response.writeHead(201, stored).end()
    }
    if (method === 'PUT' && comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)<\//g)].map(
        m => m[1] ?? ''
      )
      if (ids.some(blockId => !artifact.blocks.has(blockId))) return void response.writeHead(400).end()
      artifact.bytes = Buffer.concat(ids.map(blockId => artifact.blocks.get(blockId) as Buffer))
      return void response.writeHead(201, stored).end()
    }
    if (method === 'PUT') {
      artifact.bytes = body
      return void response.writeHead(201, stored).end()
    }
    if (method === 'GET' && artifact.finalized) {
      return void response
        .writeHead(200, {
          'content-type': 'application/zip',
          'content-length': String(artifact.bytes.length)
        })
        .end(artifact.bytes)
    }
    response.writeHead(405).end()
  }
}

async function read(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
