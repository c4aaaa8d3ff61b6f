// `baseline: artifact`: the baseline artifact of the latest successful run on the default branch,
// found through the REST API and downloaded with @actions/artifact. A baseline is only recorded from
// an environment whose checks all passed; the run must also have succeeded as a whole.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { failed, succeeded, type Result } from '../model/result.js'
import { artifactName, downloadArtifactOfRun } from './artifacts.js'
import type { GitHubClient } from './client.js'

/** Newest candidates looked at before giving up: older baselines are stale anyway. */
const MAX_CANDIDATES = 10

export function baselineArtifactName(environment: string): string {
  return artifactName(`deploy-verify-baseline-${environment}`)
}

export interface BaselineArtifactSource {
  client: GitHubClient
  owner: string
  repo: string
  token: string
  /** From the event payload when it has one; else asked of the API. */
  defaultBranch?: string
  /** Where to download it. */
  into: string
}

export async function fetchBaselineArtifact(
  source: BaselineArtifactSource,
  environment: string
): Promise<Result<{ path: string; origin: string }>> {
  const { client, owner, repo } = source
  const name = baselineArtifactName(environment)
  const defaultBranch = source.defaultBranch ?? (await readDefaultBranch(client, owner, repo))
  if (!defaultBranch) return failed('the repository’s default branch could not be read')
  const listed = await client.call(`list the ${name} artifacts`, 'actions: read', octokit =>
    octokit.rest.actions.listArtifactsForRepo({ owner, repo, name, per_page: 100 })
  )
  if (!listed.ok) return failed(`the artifacts could not be listed (see the warning above)`)
  const candidates = listed.value.data.artifacts
    .filter(artifact => !artifact.expired && artifact.workflow_run?.head_branch === defaultBranch)
    .slice(0, MAX_CANDIDATES)
  for (const artifact of candidates) {
    const runId = artifact.workflow_run?.id
    if (runId === undefined) continue
    const run = await client.call(`read run ${runId}`, 'actions: read', octokit =>
      octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })
    )
    if (!run.ok || run.value.data.conclusion !== 'success') continue
    const downloaded = await downloadArtifactOfRun(
      { id: artifact.id, runId, owner, repo, token: source.token },
      source.into
    )
    if (!downloaded.ok) return downloaded
    // The artifact holds the one baseline file, under whatever name the recording run gave it.
    const file = (await readdir(source.into)).find(entry => entry.endsWith('.json'))
    if (!file) return failed(`artifact ${artifact.id} holds no .json file`)
    const sha = artifact.workflow_run?.head_sha?.slice(0, 7) ?? 'unknown commit'
    return succeeded({
      path: join(source.into, file),
      origin: `artifact ${name} (id ${artifact.id}) of run ${runId} on ${defaultBranch} at ${sha}`
    })
  }
  return failed(
    `no ${name} artifact of a successful run on ${defaultBranch}: record one with mode: baseline on ${defaultBranch}`
  )
}

async function readDefaultBranch(client: GitHubClient, owner: string, repo: string) {
  const read = await client.call('read the repository', 'metadata: read', octokit =>
    octokit.rest.repos.get({ owner, repo })
  )
  return read.ok ? read.value.data.default_branch : undefined
}
