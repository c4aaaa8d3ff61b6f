// The one way publishers talk to GitHub's REST API: an Octokit that retries outages (5xx) with
// backoff, and calls that never throw. A refusal becomes a warning naming the permission to add;
// an outage, a warning saying what was skipped. Publishing never changes the verdict.
import { setTimeout } from 'node:timers/promises'
import type { Logger } from '../log.js'
import { failed, succeeded, type Result } from '../model/result.js'
import { errorMessage } from '../model/errors.js'

/** What a workflow's `permissions:` must grant for each kind of call. */
export type Permission =
  | 'checks: write'
  | 'pull-requests: write'
  | 'deployments: write'
  | 'deployments: read'
  | 'actions: read'
  | 'contents: write'
  | 'metadata: read'

type Octokit = ReturnType<typeof import('@actions/github').getOctokit>

export interface ClientOptions {
  /** Retries of a 5xx answer; default 3. */
  retries?: number
  /** A second, in ms (tests shorten it): retry n of an outage waits n² of them (1, 4, 9 s). */
  retryBaseMs?: number
}

/** The longest wait for a rate limit worth making; beyond it the call is skipped. */
const MAX_RATE_LIMIT_WAIT_S = 60
/** GitHub asks for at least a minute when a rate limit names no wait. */
const UNNAMED_RATE_LIMIT_WAIT_S = 60

export class GitHubClient {
  /** Permissions GitHub has refused: later calls needing them are skipped, already warned about. */
  private readonly refused = new Set<Permission>()

  private constructor(
    readonly octokit: Octokit,
    private readonly logger: Logger,
    private readonly retries: number,
    private readonly secondMs: number
  ) {}

  /** Loads the GitHub libraries only now: a run that publishes nothing never pays for them. */
  static async create(
    token: string,
    apiUrl: string,
    logger: Logger,
    options: ClientOptions = {}
  ): Promise<GitHubClient> {
    const [{ getOctokit }, { retry }] = await Promise.all([
      import('@actions/github'),
      import('@octokit/plugin-retry')
    ])
    const retries = options.retries ?? 3
    const secondMs = options.retryBaseMs ?? 1000
    // A rate limit (429) is left to call(): the plugin would retry it sooner than GitHub asks.
    const doNotRetry = [400, 401, 403, 404, 410, 422, 429, 451]
    const octokit = getOctokit(
      token,
      { baseUrl: apiUrl, retry: { retries, retryAfterBaseValue: secondMs, doNotRetry } },
      retry
    )
    return new GitHubClient(octokit, logger, retries, secondMs)
  }

  /**
   * Runs `request`; on failure logs a warning that says what could not be done and why, and
   * returns that problem. `what` reads after "could not": "create the check run". After a refusal,
   * calls needing the same permission are skipped (already warned about). A short rate limit is
   * waited out once.
   */
  async call<T>(
    what: string,
    permission: Permission,
    request: (octokit: Octokit) => Promise<T>
  ): Promise<Result<T>> {
    if (this.refused.has(permission))
      return failed(`Could not ${what}: skipped, GitHub already refused \`${permission}\`.`)
    try {
      return succeeded(await this.waitingOutRateLimit(() => request(this.octokit)))
    } catch (error) {
      const status = (error as { status?: number }).status
      const refusal = status === 401 || status === 403 || status === 404
      if (refusal && rateLimitWait(error) === undefined) this.refused.add(permission)
      const problem = `Could not ${what}: ${explain(error, permission, this.retries)}`
      this.logger.warning(problem)
      return failed(problem)
    }
  }

  private async waitingOutRateLimit<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send()
    } catch (error) {
      const wait = rateLimitWait(error)
      // Not a rate limit, a long one, or a wait that is not a number of seconds: give up now.
      if (wait === undefined || !(wait <= MAX_RATE_LIMIT_WAIT_S)) throw error
      await setTimeout(wait * this.secondMs)
      return send()
    }
  }
}

/**
 * Seconds GitHub asks to wait when `error` is a rate limit (a 429, or a 403 that says so), else
 * undefined: `retry-after`, or until `x-ratelimit-reset` once the hour's budget is spent.
 */
export function rateLimitWait(error: unknown): number | undefined {
  const { status, message, response } = error as {
    status?: number
    message?: string
    response?: { headers?: Record<string, string | number | undefined> }
  }
  const headers = response?.headers ?? {}
  const limited =
    status === 429 ||
    (status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message ?? '')))
  if (!limited) return undefined
  if (headers['retry-after'] !== undefined) return Number(headers['retry-after'])
  if (headers['x-ratelimit-remaining'] === '0')
    return Math.max(0, Number(headers['x-ratelimit-reset']) - Math.floor(Date.now() / 1000))
  return UNNAMED_RATE_LIMIT_WAIT_S
}

/** Why a call failed, in words that say what to do. */
export function explain(error: unknown, permission: Permission, retries: number): string {
  const status = (error as { status?: number }).status
  const message = errorMessage(error)
  if (rateLimitWait(error) !== undefined)
    return `GitHub answered ${status} (${message}): a rate limit, not a missing permission; skipped. The verdict is unchanged.`
  if (status === 403 || status === 404) {
    return (
      `GitHub answered ${status} (${message}). The token needs \`${permission}\`: add it under the job's ` +
      '`permissions:`. A pull request from a fork gets a read-only token: the job summary and annotations still carry the verdict.'
    )
  }
  if (status === 401) return `GitHub answered 401 (${message}): the github-token input is not a valid token.`
  if (status !== undefined && status >= 500)
    return `GitHub answered ${status} (${message}) after ${retries + 1} attempts; skipped. The verdict is unchanged.`
  return status === undefined ? message : `GitHub answered ${status} (${message}).`
}
