// Which run a report belongs to: its deployment id, and the commit and workflow run it validates.
import type { GitInfo } from './report.js'

interface PullRequestEvent {
  pull_request?: { number?: number; head?: { sha?: string } }
}

/**
 * The commit and run, from the runner's variables and the event payload. On a pull request the
 * commit is the PR's head, not the merge commit GITHUB_SHA points at.
 */
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

/**
 * The validation's id, `deploy_YYYYMMDD_HHMMSS` in UTC: sortable, readable, and the same in the
 * report, the outputs and the artifact names.
 */
export function deploymentId(date: Date): string {
  // toISOString is always UTC: `2026-03-04T05:06:07.089Z` -> `20260304_050607`.
  const iso = date.toISOString()
  return `deploy_${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`
}
