// The one way publishers talk to GitHub's REST API: an Octokit that retries outages (5xx, 429) with
// backoff, and calls that never throw. A refusal becomes a warning naming the permission to add;
// an outage, a warning saying what was skipped. Publishing never changes the verdict.
import type { Logger } from '../log.js'

/** What a workflow's `permissions:` must grant for each kind of call. */
export type Permission =
  'checks: write' | 'pull-requests: write' | 'deployments: write' | 'actions: read' | 'contents: write'

type Octokit = ReturnType<typeof import('@actions/github').getOctokit>

export interface ClientOptions {
  /** Retries of a 5xx or 429 answer; default 3. */
  retries?: number
  /** Retry n waits n² times this; default 1 s (1, 4, 9 s). */
  retryBaseMs?: number
}

export class GitHubClient {
  /** Permissions GitHub has refused: later calls needing them are skipped, already warned about. */
  private readonly refused = new Set<Permission>()

  private constructor(
    readonly octokit: Octokit,
    private readonly logger: Logger,
    private readonly retries: number
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
    const octokit = getOctokit(
      token,
      { baseUrl: apiUrl, retry: { retries, retryAfterBaseValue: options.retryBaseMs ?? 1000 } },
      retry
    )
    return new GitHubClient(octokit, logger, retries)
  }

  /**
   * Runs `request`; on failure logs a warning that says what could not be done and why, and
   * returns undefined. `what` reads after "could not": "create the check run". After a refusal,
   * calls needing the same permission are skipped.
   */
  async call<T>(
    what: string,
    permission: Permission,
    request: (octokit: Octokit) => Promise<T>
  ): Promise<T | undefined> {
    if (this.refused.has(permission)) return undefined
    try {
      return await request(this.octokit)
    } catch (error) {
      const status = (error as { status?: number }).status
      if (status === 401 || status === 403 || status === 404) this.refused.add(permission)
      this.logger.warning(`Could not ${what}: ${explain(error, permission, this.retries)}`)
      return undefined
    }
  }
}

/** Why a call failed, in words that say what to do. */
export function explain(error: unknown, permission: Permission, retries: number): string {
  const status = (error as { status?: number }).status
  const message = (error as Error).message ?? String(error)
  if (status === 403 || status === 404) {
    return (
      `GitHub answered ${status} (${message}). The token needs \`${permission}\`: add it under the job's ` +
      '`permissions:`. A pull request from a fork gets a read-only token; publish from a `workflow_run` workflow instead.'
    )
  }
  if (status === 401) return `GitHub answered 401 (${message}): the github-token input is not a valid token.`
  if (status === 429 || (status !== undefined && status >= 500))
    return `GitHub answered ${status} (${message}) after ${retries + 1} attempts; skipped. The verdict is unchanged.`
  return status === undefined ? message : `GitHub answered ${status} (${message}).`
}
