// The Deployments API: the deployment's status follows the validation (in progress, then success or
// failure), with links to the environment and to this run. `create` makes a deployment first.
import { failed, succeeded, type Result } from '../model/result.js'
import type { RunStatus } from '../model/check.js'
import { clip } from '../model/wording.js'
import type { TargetRelease } from '../model/rollback.js'
import type { GitHubClient } from './client.js'

/** Deployments looked at for the last good one: the environment's newest, a page of them. */
const RECENT_DEPLOYMENTS = 30

/** GitHub's limit on a status description. */
const MAX_DESCRIPTION = 140

export interface DeploymentTarget {
  owner: string
  repo: string
  /** The `github-deployment-id` input: an id, or `create`. */
  deployment: string
  environment: string
  ref: string
  logUrl?: string
}

export class DeploymentStatus {
  private known?: number

  constructor(
    private readonly client: GitHubClient,
    private readonly target: DeploymentTarget
  ) {}

  /** The deployment whose status this run sets, once known. */
  get id(): number | undefined {
    return this.known
  }

  /** Creates the deployment when asked to, then marks it in progress; returns its id. */
  async start(): Promise<Result<number>> {
    const { owner, repo, environment, ref } = this.target
    if (this.target.deployment === 'create') {
      const created = await createDeployment(
        this.client,
        { owner, repo },
        { ref, environment, description: 'Validated by deploy-verify' }
      )
      if (!created.ok) return created
      this.known = created.value
    } else {
      this.known = Number(this.target.deployment)
    }
    const id = this.known
    const set = await this.set('in_progress', 'deploy-verify is validating the deployment')
    return set.ok ? succeeded(id) : set
  }

  async finish(status: RunStatus, summary: string, environmentUrl?: string): Promise<Result<void>> {
    return this.set(
      status === 'passed' || status === 'warning' ? 'success' : 'failure',
      summary,
      environmentUrl
    )
  }

  private async set(
    state: 'in_progress' | 'success' | 'failure',
    description: string,
    environmentUrl?: string
  ): Promise<Result<void>> {
    const id = this.id
    if (id === undefined)
      return failed(`Could not set the deployment status to ${state}: there is no deployment.`)
    const { owner, repo, logUrl } = this.target
    return setDeploymentStatus(this.client, { owner, repo }, id, {
      state,
      description,
      ...(logUrl ? { logUrl } : {}),
      ...(environmentUrl ? { environmentUrl } : {})
    })
  }
}

/**
 * After a rollback that verification proved: a deployment of the restored release, marked `success`,
 * so that the environment's Deployments page is its history (the bad one is marked `failure` by the
 * run's own deployment status) and the next rollback finds it as the last good one. Its id.
 */
export async function recordRestoredRelease(
  client: GitHubClient,
  place: { owner: string; repo: string },
  restored: {
    environment: string
    ref: string
    description: string
    logUrl?: string
    environmentUrl?: string
  }
): Promise<Result<number>> {
  const { environment, ref, description, logUrl, environmentUrl } = restored
  const created = await createDeployment(client, place, { ref, environment, description })
  if (!created.ok) return created
  const set = await setDeploymentStatus(client, place, created.value, {
    state: 'success',
    description,
    ...(logUrl ? { logUrl } : {}),
    ...(environmentUrl ? { environmentUrl } : {})
  })
  return set.ok ? created : set
}

/** A deployment of `ref` in the environment; its id. */
async function createDeployment(
  client: GitHubClient,
  place: { owner: string; repo: string },
  deployment: { ref: string; environment: string; description: string }
): Promise<Result<number>> {
  const created = await client.call('create the deployment', 'deployments: write', octokit =>
    octokit.rest.repos.createDeployment({
      ...place,
      ...deployment,
      auto_merge: false,
      // The validation is the check that matters here; other contexts must not block it.
      required_contexts: []
    })
  )
  if (!created.ok) return created
  // A 202 (a merge GitHub makes first) creates nothing.
  if (!('id' in created.value.data))
    return failed(`Could not create the deployment: ${created.value.data.message}`)
  return succeeded(created.value.data.id)
}

async function setDeploymentStatus(
  client: GitHubClient,
  place: { owner: string; repo: string },
  id: number,
  status: {
    state: 'in_progress' | 'success' | 'failure'
    description: string
    logUrl?: string
    environmentUrl?: string
  }
): Promise<Result<void>> {
  const { state, description, logUrl, environmentUrl } = status
  const set = await client.call(`set the deployment status to ${state}`, 'deployments: write', octokit =>
    octokit.rest.repos.createDeploymentStatus({
      ...place,
      deployment_id: id,
      state,
      description: clip(description, MAX_DESCRIPTION),
      ...(logUrl ? { log_url: logUrl } : {}),
      ...(environmentUrl ? { environment_url: environmentUrl } : {})
    })
  )
  return set.ok ? succeeded(undefined) : set
}

/**
 * Whether the environment's latest deployment before `current` ended in failure: how a passing run
 * knows it is a recovery. Two small reads; undefined when they fail or there is no such deployment.
 */
export async function previousDeploymentFailed(
  client: GitHubClient,
  target: { owner: string; repo: string; environment: string; current?: number }
): Promise<boolean | undefined> {
  const { owner, repo, environment, current } = target
  const listed = await recentDeployments(client, { owner, repo }, environment, 2)
  const previous = listed.ok ? listed.value.find(deployment => deployment.id !== current) : undefined
  if (!previous) return undefined
  const state = await latestState(client, { owner, repo }, previous.id)
  return state.ok && state.value !== undefined
    ? state.value === 'failure' || state.value === 'error'
    : undefined
}

/**
 * The environment's newest deployment whose latest status is `success`: the release a rollback
 * restores. Nothing when none of its recent deployments succeeded.
 */
export async function lastSuccessfulDeployment(
  client: GitHubClient,
  place: { owner: string; repo: string },
  environment: string
): Promise<Result<TargetRelease | undefined>> {
  const listed = await recentDeployments(client, place, environment, RECENT_DEPLOYMENTS)
  if (!listed.ok) return listed
  // Newest first, as GitHub lists them.
  for (const deployment of listed.value) {
    const state = await latestState(client, place, deployment.id)
    if (!state.ok) return state
    if (state.value !== 'success') continue
    return succeeded({
      sha: deployment.sha,
      ref: deployment.ref,
      deployment: String(deployment.id),
      source: `the Deployments API (the latest successful deployment of ${environment}, ${deployment.id})`
    })
  }
  return succeeded(undefined)
}

/** The environment's latest `count` deployments, newest first. */
async function recentDeployments(
  client: GitHubClient,
  place: { owner: string; repo: string },
  environment: string,
  count: number
): Promise<Result<Array<{ id: number; sha: string; ref: string }>>> {
  const listed = await client.call("list the environment's deployments", 'deployments: read', octokit =>
    octokit.rest.repos.listDeployments({ ...place, environment, per_page: count })
  )
  return listed.ok ? succeeded(listed.value.data) : listed
}

/** The state of a deployment's latest status; undefined when it has none. */
async function latestState(
  client: GitHubClient,
  place: { owner: string; repo: string },
  deploymentId: number
): Promise<Result<string | undefined>> {
  const statuses = await client.call("read a deployment's status", 'deployments: read', octokit =>
    octokit.rest.repos.listDeploymentStatuses({ ...place, deployment_id: deploymentId, per_page: 1 })
  )
  return statuses.ok ? succeeded(statuses.value.data[0]?.state) : statuses
}
