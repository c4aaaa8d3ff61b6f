// A loopback GitHub REST API for the endpoints deploy-verify uses. Every request is checked against
// GitHub's published OpenAPI description (@octokit/openapi): path and query parameters and the JSON
// body. What GitHub would reject is answered 422, as GitHub answers it, so a request the action makes
// wrongly fails here rather than in a user's workflow. Tests read the state the requests left, and
// can make any operation answer an error a number of times.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'

/** Operations served: method and path template, as the description spells them. */
const OPERATIONS = [
  ['post', '/repos/{owner}/{repo}/check-runs'],
  ['patch', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['post', '/repos/{owner}/{repo}/deployments'],
  ['get', '/repos/{owner}/{repo}/deployments'],
  ['post', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['get', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['post', '/repos/{owner}/{repo}/dispatches'],
  ['get', '/repos/{owner}/{repo}/actions/artifacts'],
  ['get', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}'],
  ['get', '/repos/{owner}/{repo}']
] as const

/** The server refuses comment bodies above this; the description does not say so. */
const MAX_COMMENT = 65_536

type Json = Record<string, unknown>

interface Operation {
  method: string
  template: string
  operationId: string
  pattern: RegExp
  names: string[]
  validateParams: ValidateFunction
  validateBody?: ValidateFunction
}

export interface CheckRunState {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  output: { title?: string; summary?: string; text?: string }
  annotations: Json[]
  /** Requests that carried annotations. */
  annotationRequests: number
}

export interface Fault {
  status: number
  body?: Json
  /** Such as `retry-after` or `x-ratelimit-remaining`. */
  headers?: Record<string, string>
}

export class GitHubEmulator {
  readonly checkRuns: CheckRunState[] = []
  readonly comments: Array<{ id: number; issue: number; body: string }> = []
  readonly deployments: Array<Json & { id: number }> = []
  readonly deploymentStatuses: Array<Json & { deployment_id: number }> = []
  readonly dispatches: Json[] = []
  /**
   * Artifacts the list endpoints return, newest first (those of a run by `workflow_run.id`);
   * `location` is where its download redirects.
   */
  readonly artifacts: Array<Json & { id: number; location?: string }> = []
  readonly runs = new Map<number, Json>()
  readonly repository: Json = { default_branch: 'main' }
  /** Every request, with the operation it matched and the answer. */
  readonly requests: Array<{ operationId: string; status: number; method: string; path: string }> = []
  private readonly faults = new Map<string, Fault[]>()
  private nextId = 1000

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly operations: Operation[]
  ) {}

  static async start(): Promise<GitHubEmulator> {
    const operations = loadOperations()
    const started: { emulator?: GitHubEmulator } = {}
    const server = createServer((request, response) => {
      void started.emulator?.handle(request, response).catch(error => {
        started.emulator?.reply(response, 500, { message: (error as Error).message })
      })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    started.emulator = new GitHubEmulator(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      operations
    )
    return started.emulator
  }

  /** The next answers of `operationId` (such as `checks/create`) are these errors, in turn. */
  fail(operationId: string, ...faults: Fault[]): void {
    this.faults.set(operationId, faults)
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise(resolve => this.server.close(resolve))
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url)
    const method = (request.method ?? 'GET').toLowerCase()
    const raw = await read(request)
    const record = (operationId: string, status: number) =>
      this.requests.push({ operationId, status, method, path: url.pathname })
    let params: Json = {}
    const operation = this.operations.find(op => {
      const match = op.method === method ? op.pattern.exec(url.pathname) : null
      if (match)
        params = Object.fromEntries(op.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]))
      return match !== null
    })
    if (!operation) {
      record('unknown', 404)
      return this.reply(response, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest'
      })
    }
    const answer = (status: number, body?: unknown, headers?: Record<string, string>) => {
      record(operation.operationId, status)
      this.reply(response, status, body, headers)
    }
    if (!/^(token|Bearer) \S+$/.test(request.headers.authorization ?? ''))
      return answer(401, { message: 'Requires authentication' })
    const fault = this.faults.get(operation.operationId)?.shift()
    if (fault)
      return answer(fault.status, fault.body ?? { message: `injected ${fault.status}` }, fault.headers)

    const query = Object.fromEntries(url.searchParams)
    if (!operation.validateParams({ ...query, ...params }))
      return answer(422, invalid(operation.validateParams))
    let body: Json = {}
    if (operation.validateBody) {
      try {
        body = JSON.parse(raw.toString('utf8') || 'null') as Json
      } catch {
        return answer(400, { message: 'Problems parsing JSON' })
      }
      if (!operation.validateBody(body)) return answer(422, invalid(operation.validateBody))
    }
    const result = this.operate(operation.operationId, params, query, body)
    return answer(result.status, result.body, result.headers)
  }

  /** The effect of a valid request, and GitHub's answer to it. */
  private operate(
    operationId: string,
    params: Json,
    query: Json,
    body: Json
  ): { status: number; body?: unknown; headers?: Record<string, string> } {
    const owner = String(params.owner)
    const repo = String(params.repo)
    const html = `https://github.com/${owner}/${repo}`
    switch (operationId) {
      case 'checks/create':
      case 'checks/update': {
        const output = (body.output ?? {}) as Json
        const annotations = (output.annotations ?? []) as Json[]
        if (annotations.length > 50) return unprocessable('output.annotations: at most 50 per request')
        let run: CheckRunState | undefined
        if (operationId === 'checks/create') {
          run = {
            id: this.nextId++,
            name: String(body.name),
            head_sha: String(body.head_sha),
            status: 'queued',
            conclusion: null,
            output: {},
            annotations: [],
            annotationRequests: 0
          }
          this.checkRuns.push(run)
        } else {
          run = this.checkRuns.find(r => r.id === Number(params.check_run_id))
          if (!run) return { status: 404, body: { message: 'Not Found' } }
        }
        if (body.status) run.status = String(body.status)
        if (body.conclusion) Object.assign(run, { conclusion: String(body.conclusion), status: 'completed' })
        if (body.status === 'completed' && !body.conclusion && !run.conclusion)
          return unprocessable('conclusion is required when status is completed')
        const { annotations: _sent, ...shown } = output
        Object.assign(run.output, shown)
        run.annotations.push(...annotations)
        if (annotations.length) run.annotationRequests++
        return {
          status: operationId === 'checks/create' ? 201 : 200,
          body: {
            id: run.id,
            head_sha: run.head_sha,
            name: run.name,
            status: run.status,
            conclusion: run.conclusion,
            html_url: `${html}/runs/${run.id}`
          }
        }
      }
      case 'issues/list-comments': {
        const issue = Number(params.issue_number)
        const perPage = Number(query.per_page ?? 30)
        const page = Number(query.page ?? 1)
        const all = this.comments.filter(c => c.issue === issue)
        const slice = all.slice((page - 1) * perPage, page * perPage)
        const last = Math.max(1, Math.ceil(all.length / perPage))
        const link = (n: number, rel: string) =>
          `<${this.url}/repos/${owner}/${repo}/issues/${issue}/comments?per_page=${perPage}&page=${n}>; rel="${rel}"`
        const headers: Record<string, string> =
          page < last ? { link: [link(page + 1, 'next'), link(last, 'last')].join(', ') } : {}
        return { status: 200, body: slice.map(c => this.comment(c, html)), headers }
      }
      case 'issues/create-comment':
      case 'issues/update-comment': {
        const text = String(body.body)
        if (text.length > MAX_COMMENT)
          return unprocessable(`body is too long (maximum is ${MAX_COMMENT} characters)`)
        if (operationId === 'issues/create-comment') {
          const comment = { id: this.nextId++, issue: Number(params.issue_number), body: text }
          this.comments.push(comment)
          return { status: 201, body: this.comment(comment, html) }
        }
        const comment = this.comments.find(c => c.id === Number(params.comment_id))
        if (!comment) return { status: 404, body: { message: 'Not Found' } }
        comment.body = text
        return { status: 200, body: this.comment(comment, html) }
      }
      case 'repos/create-deployment': {
        // GitHub resolves the ref to its commit; here a commit stands for itself, any other ref for a made-up one.
        const ref = String(body.ref)
        const sha = /^[0-9a-f]{40}$/.test(ref) ? ref : createHash('sha1').update(ref).digest('hex')
        const deployment = { ...body, sha, id: this.nextId++ }
        this.deployments.push(deployment)
        return {
          status: 201,
          body: { id: deployment.id, ref: body.ref, environment: body.environment ?? 'production' }
        }
      }
      case 'repos/list-deployments': {
        // Newest first, as GitHub lists them.
        const listed = this.deployments
          .filter(d => query.environment === undefined || d.environment === query.environment)
          .reverse()
          .slice(0, Number(query.per_page ?? 30))
        return { status: 200, body: listed }
      }
      case 'repos/list-deployment-statuses': {
        const deploymentId = Number(params.deployment_id)
        const listed = this.deploymentStatuses
          .filter(status => status.deployment_id === deploymentId)
          .reverse()
          .slice(0, Number(query.per_page ?? 30))
        return { status: 200, body: listed }
      }
      case 'repos/create-deployment-status': {
        const deploymentId = Number(params.deployment_id)
        const status = { ...body, deployment_id: deploymentId }
        this.deploymentStatuses.push(status)
        return {
          status: 201,
          body: { id: this.nextId++, state: body.state, environment_url: body.environment_url ?? '' }
        }
      }
      case 'repos/create-dispatch-event': {
        const payload = (body.client_payload ?? {}) as Json
        if (Object.keys(payload).length > 10)
          return unprocessable('client_payload: at most 10 top-level properties')
        this.dispatches.push(body)
        return { status: 204 }
      }
      case 'actions/list-artifacts-for-repo': {
        const named = this.artifacts.filter(a => query.name === undefined || a.name === query.name)
        return {
          status: 200,
          body: { total_count: named.length, artifacts: named.map(({ location: _l, ...a }) => a) }
        }
      }
      case 'actions/list-workflow-run-artifacts': {
        const ofRun = this.artifacts.filter(
          a =>
            (a.workflow_run as Json | undefined)?.id === Number(params.run_id) &&
            (query.name === undefined || a.name === query.name)
        )
        return {
          status: 200,
          body: { total_count: ofRun.length, artifacts: ofRun.map(({ location: _l, ...a }) => a) }
        }
      }
      case 'actions/download-artifact': {
        const artifact = this.artifacts.find(a => a.id === Number(params.artifact_id))
        if (!artifact?.location) return { status: 410, body: { message: 'Gone' } }
        return { status: 302, headers: { location: artifact.location } }
      }
      case 'actions/get-workflow-run': {
        const run = this.runs.get(Number(params.run_id))
        return run ? { status: 200, body: run } : { status: 404, body: { message: 'Not Found' } }
      }
      case 'repos/get':
        return { status: 200, body: { id: 1, name: repo, full_name: `${owner}/${repo}`, ...this.repository } }
      default:
        return { status: 404, body: { message: 'Not Found' } }
    }
  }

  private comment(comment: { id: number; issue: number; body: string }, html: string) {
    return {
      id: comment.id,
      body: comment.body,
      html_url: `${html}/issues/${comment.issue}#issuecomment-${comment.id}`
    }
  }

  private reply(
    response: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {}
  ): void {
    const text = body === undefined ? '' : JSON.stringify(body)
    response.writeHead(status, {
      ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...headers
    })
    response.end(text)
  }
}

function unprocessable(message: string) {
  return { status: 422, body: { message: 'Validation Failed', errors: [{ message }] } }
}

function invalid(validate: ValidateFunction): Json {
  return {
    message: 'Validation Failed',
    errors: (validate.errors ?? []).map(e => ({
      resource: e.instancePath || '/',
      code: 'invalid',
      message: e.message ?? 'invalid'
    })),
    documentation_url: 'https://docs.github.com/rest'
  }
}

/** The used operations of GitHub's description, compiled: parameters (coerced from text) and bodies. */
function loadOperations(): Operation[] {
  const require = createRequire(import.meta.url)
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json')
  const description = JSON.parse(readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, Json>>
    components: Json & { parameters: Record<string, Json> }
  }
  // Only the operations used, plus the components they refer to: all of it does not compile.
  const paths: Record<string, Record<string, Json>> = {}
  for (const [method, template] of OPERATIONS)
    (paths[template] ??= {})[method] = description.paths[template]?.[method] as Json
  const document = withoutUntypedNullable({ paths, components: description.components }) as Json
  const bodies = new Ajv({ strict: false, validateFormats: false, allErrors: true })
  bodies.addSchema(document, 'github')
  const parameters = new Ajv({ strict: false, validateFormats: false, coerceTypes: true, allErrors: true })
  return OPERATIONS.map(([method, template]) => {
    const operation = paths[template]?.[method] as Json & {
      operationId: string
      parameters?: Array<Json & { $ref?: string }>
      requestBody?: { content: Record<string, unknown> }
    }
    const declared = (operation.parameters ?? []).map(p =>
      p.$ref ? (description.components.parameters[p.$ref.split('/').pop() ?? ''] as Json) : p
    ) as Array<{ name: string; in: string; required?: boolean; schema: Json }>
    const names = [...template.matchAll(/\{(\w+)\}/g)].map(m => m[1] ?? '')
    const pointer = `github#/paths/${template.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`
    return {
      method,
      template,
      operationId: operation.operationId,
      names,
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`),
      validateParams: parameters.compile({
        type: 'object',
        properties: Object.fromEntries(declared.map(p => [p.name, withoutUntypedNullable(p.schema)])),
        required: declared.filter(p => p.required).map(p => p.name)
      }),
      validateBody: operation.requestBody?.content['application/json']
        ? bodies.compile({ $ref: `${pointer}/requestBody/content/application~1json/schema` })
        : undefined
    }
  })
}

/** OpenAPI's `nullable` without a `type` is not JSON Schema; ajv refuses it. */
function withoutUntypedNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutUntypedNullable)
  if (node === null || typeof node !== 'object') return node
  const entries = Object.entries(node as Json).filter(
    ([key]) => !(key === 'nullable' && !('type' in (node as Json)))
  )
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutUntypedNullable(value)]))
}

async function read(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
