// Which commit and run a report belongs to, from the runner's variables and the event payload.
// On a pull request the commit is the PR's head, not the merge commit GITHUB_SHA points at.
import type { GitInfo } from './model.js'

interface PullRequestEvent {
  pull_request?: { number?: number; head?: { sha?: string } }
}

export function gitInfo(env: Record<string, string | undefined>, event: unknown): GitInfo {
  const pr = (event as PullRequestEvent | undefined)?.pull_request
  const repository = env.GITHUB_REPOSITORY ?? null
  const runId = env.GITHUB_RUN_ID ?? null
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
  return {
    sha: pr?.head?.sha ?? env.GITHUB_SHA ?? null,
    ref: env.GITHUB_REF ?? null,
    repository,
    run_id: runId,
    run_url: repository && runId ? `${server}/${repository}/actions/runs/${runId}` : null,
    pull_request: typeof pr?.number === 'number' ? pr.number : null
  }
}
