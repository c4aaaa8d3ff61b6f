// The sticky pull request comment: one per environment, found again by a hidden marker and updated
// in place, so a pull request that deploys ten times carries one comment, not ten.
import { succeeded, type Result } from '../model/result.js'
import type { GitHubClient } from './client.js'

/** Characters GitHub accepts in a comment body (the API description does not say so; the server does). */
export const MAX_COMMENT = 65_536

export interface CommentTarget {
  owner: string
  repo: string
  pullRequest: number
  environment: string
}

/** The hidden line that identifies this environment's comment. */
export function commentMarker(environment: string): string {
  return `<!-- deploy-verify:${environment.replace(/-->/g, '')} -->`
}

/** Creates or updates the comment; `body` is markdown within MAX_COMMENT less the marker line. */
export async function publishComment(
  client: GitHubClient,
  target: CommentTarget,
  body: string
): Promise<Result<number>> {
  const { owner, repo, pullRequest } = target
  const marker = commentMarker(target.environment)
  const text = `${marker}\n${body}`
  const comments = await client.call('list the pull request comments', 'pull-requests: write', octokit =>
    octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: pullRequest,
      per_page: 100
    })
  )
  if (!comments.ok) return comments
  const existing = comments.value.find(comment => comment.body?.startsWith(marker))
  const written = existing
    ? await client.call('update the pull request comment', 'pull-requests: write', octokit =>
        octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: text })
      )
    : await client.call('comment on the pull request', 'pull-requests: write', octokit =>
        octokit.rest.issues.createComment({ owner, repo, issue_number: pullRequest, body: text })
      )
  return written.ok ? succeeded(written.value.data.id) : written
}
