// Starting the rollback workflow: a repository_dispatch on a failed verdict. Events made with the
// job's GITHUB_TOKEN start no other workflow, except dispatches, so this is how a failed validation
// can start the user's rollback by itself.
import { succeeded, type Result } from '../model/result.js'
import type { Report } from '../model/report.js'
import { dispatchPayload } from '../report/failed-run.js'
import type { GitHubClient } from './client.js'

export interface DispatchTarget {
  owner: string
  repo: string
  eventType: string
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
    octokit.rest.repos.createDispatchEvent({
      owner,
      repo,
      event_type: eventType,
      client_payload: { ...payload }
    })
  )
  return sent.ok ? succeeded(Object.keys(payload)) : sent
}
