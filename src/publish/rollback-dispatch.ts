// Starting the rollback workflow: a repository_dispatch on a failed verdict. Events made with the
// job's GITHUB_TOKEN start no other workflow, except dispatches, so this is how a failed validation
// can start the user's rollback by itself.
import { succeeded, type Result } from '../model/result.js'
import type { Report } from '../model/report.js'
import type { GitHubClient } from './client.js'

/** A payload stays small: GitHub allows 10 top-level keys, and a rollback needs only these. */
const MAX_FAILED_CHECKS = 20

export interface DispatchTarget {
  owner: string
  repo: string
  eventType: string
}

export function dispatchPayload(report: Report): Record<string, unknown> {
  const failed = report.checks
    .filter(check => check.status === 'failed' || check.status === 'error')
    .map(check => check.id)
  return {
    environment: report.environment,
    status: report.status,
    deployment_id: report.deployment_id,
    sha: report.git.sha,
    ref: report.git.ref,
    run_url: report.git.run_url,
    failed_checks: failed.slice(0, MAX_FAILED_CHECKS),
    failed_count: failed.length,
    summary: report.summary
  }
}

/** Sends the dispatch; when GitHub accepted it, the keys of the client_payload it carried. */
export async function dispatchRollback(
  client: GitHubClient,
  target: DispatchTarget,
  report: Report
): Promise<Result<string[]>> {
  const { owner, repo, eventType } = target
  const payload = dispatchPayload(report)
  const sent = await client.call(`send the ${eventType} repository_dispatch`, 'contents: write', octokit =>
    octokit.rest.repos.createDispatchEvent({ owner, repo, event_type: eventType, client_payload: payload })
  )
  return sent.ok ? succeeded(Object.keys(payload)) : sent
}
