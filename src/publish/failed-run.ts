// Mode rollback's failed run, from the event that started the rollback workflow: the report artifact
// of the `workflow_run` that failed (downloaded from that run with @actions/artifact, loaded only
// here), or the client_payload of the `repository_dispatch` the failed run sent. The failed-report
// input, a file, is the engine's to read and comes first (see docs/decisions.md).
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { failed, succeeded, type Result } from '../model/result.js'
import { failedRunOfDispatch, failedRunOfReport, type FailedRun } from '../report/failed-run.js'
import { MAX_REPORT_BYTES, readSavedReport } from '../report/read.js'
import { artifactName, downloadArtifactOfRun, reportArtifactName } from './artifacts.js'
import type { GitHubClient } from './client.js'

export interface FailedRunSource {
  /** GITHUB_EVENT_NAME and the payload at GITHUB_EVENT_PATH. */
  eventName: string | undefined
  event: unknown
  /** This run's environment: the failed run's report artifact is named after it. */
  environment: string
  /** Where the report artifact is downloaded. */
  into: string
  /** The repository and a token to read its runs' artifacts with; undefined outside Actions. */
  github?: { client: GitHubClient; owner: string; repo: string; token: string }
}

/** The failed run the event names; undefined when the event is neither of the two that can. */
export async function failedRunOfEvent(source: FailedRunSource): Promise<Result<FailedRun> | undefined> {
  const { eventName, event } = source
  if (eventName === 'repository_dispatch') {
    const { action, client_payload } = (event ?? {}) as { action?: unknown; client_payload?: unknown }
    const type = typeof action === 'string' ? ` ${action}` : ''
    return failedRunOfDispatch(client_payload, `the client_payload of the repository_dispatch${type}`)
  }
  if (eventName !== 'workflow_run') return undefined
  const runId = (event as { workflow_run?: { id?: unknown } } | undefined)?.workflow_run?.id
  if (typeof runId !== 'number' || !Number.isSafeInteger(runId) || runId <= 0)
    return failed('the workflow_run event names no run (github.event.workflow_run.id)')
  if (!source.github)
    return failed(
      `the report artifact of run ${runId} cannot be read: there is no GitHub token or repository`
    )
  return reportOfRun(source.github, runId, source.environment, source.into)
}

/** The run's report artifact for the environment, downloaded and checked against the report schema. */
async function reportOfRun(
  github: NonNullable<FailedRunSource['github']>,
  runId: number,
  environment: string,
  into: string
): Promise<Result<FailedRun>> {
  const { client, owner, repo, token } = github
  const name = artifactName(reportArtifactName({ environment, mode: 'verify' }))
  const shown = `the report artifact ${name} of run ${runId}`
  const listed = await client.call(`list the artifacts of run ${runId}`, 'actions: read', octokit =>
    octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: runId, name, per_page: 100 })
  )
  if (!listed.ok) return failed(`${shown} could not be listed (see the warning above)`)
  const artifact = listed.value.data.artifacts.find(each => each.name === name && !each.expired)
  if (!artifact)
    return failed(
      `${shown}: the run holds none (it uploads one when it ran deploy-verify for ${environment})`
    )
  if (artifact.size_in_bytes > MAX_REPORT_BYTES)
    return failed(`${shown}: larger than any deploy-verify report`)
  const downloaded = await downloadArtifactOfRun({ id: artifact.id, runId, owner, repo, token }, into)
  if (!downloaded.ok) return failed(`${shown}: ${downloaded.problem}`)
  const file = (await readdir(into)).find(entry => entry.endsWith('.json'))
  if (!file) return failed(`${shown}: it holds no JSON report`)
  const read = await readSavedReport(join(into, file), shown)
  return read.ok ? succeeded(failedRunOfReport(read.value, shown)) : read
}
