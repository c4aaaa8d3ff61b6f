// The pull request's check run: created in progress when the validation starts, completed with the
// verdict, its summary and an annotation on the YAML line of every failing or warning check. The
// Checks API takes at most 50 annotations a request, so the rest follow in further updates.
import { succeeded, type Result } from '../model/result.js'
import type { Annotation } from '../report/annotations.js'
import type { RunStatus } from '../model/check.js'
import type { GitHubClient } from './client.js'

export const ANNOTATIONS_PER_REQUEST = 50
/** Characters GitHub accepts in a check run's summary. */
export const MAX_CHECK_SUMMARY = 65_535

type Conclusion = 'success' | 'neutral' | 'failure'

/** A warning is worth a look but blocks nothing: neutral. An error means nothing was verified: failure. */
const CONCLUSION: Record<RunStatus, Conclusion> = {
  passed: 'success',
  warning: 'neutral',
  failed: 'failure',
  error: 'failure'
}

export interface CheckRunTarget {
  owner: string
  repo: string
  /** The commit the check belongs to: on a pull request, its head, not the merge commit. */
  headSha: string
  name: string
  detailsUrl?: string
}

export interface CheckRunResult {
  status: RunStatus
  title: string
  /** Markdown already within MAX_CHECK_SUMMARY characters. */
  summary: string
  annotations: readonly Annotation[]
}

export class CheckRun {
  private id?: number

  constructor(
    private readonly client: GitHubClient,
    private readonly target: CheckRunTarget
  ) {}

  async start(): Promise<Result<number>> {
    const { owner, repo, headSha, name, detailsUrl } = this.target
    const created = await this.client.call('create the check run', 'checks: write', octokit =>
      octokit.rest.checks.create({
        owner,
        repo,
        name,
        head_sha: headSha,
        status: 'in_progress',
        started_at: new Date().toISOString(),
        ...(detailsUrl ? { details_url: detailsUrl } : {})
      })
    )
    if (!created.ok) return created
    this.id = created.value.data.id
    return succeeded(this.id)
  }

  /**
   * Completes the run (creating it if an outage kept it from starting); its id, also when it
   * exists but could not be completed.
   */
  async complete(result: CheckRunResult): Promise<Result<number>> {
    const { owner, repo, headSha, name, detailsUrl } = this.target
    const batches = chunk(result.annotations.map(toApi), ANNOTATIONS_PER_REQUEST)
    const output = (annotations: ReturnType<typeof toApi>[] = []) => ({
      title: result.title,
      summary: result.summary,
      ...(annotations.length ? { annotations } : {})
    })
    const completion = {
      status: 'completed' as const,
      conclusion: CONCLUSION[result.status],
      completed_at: new Date().toISOString()
    }
    const [first, ...rest] = batches
    const id = this.id
    const done =
      id === undefined
        ? await this.client.call('create the check run', 'checks: write', octokit =>
            octokit.rest.checks.create({
              owner,
              repo,
              name,
              head_sha: headSha,
              ...(detailsUrl ? { details_url: detailsUrl } : {}),
              ...completion,
              output: output(first)
            })
          )
        : await this.client.call('complete the check run', 'checks: write', octokit =>
            octokit.rest.checks.update({
              owner,
              repo,
              check_run_id: id,
              ...completion,
              output: output(first)
            })
          )
    if (!done.ok) return this.id === undefined ? done : succeeded(this.id)
    const checkRunId = done.value.data.id
    // Each update appends its annotations to those already on the run.
    for (const batch of rest) {
      const sent = await this.client.call('add annotations to the check run', 'checks: write', octokit =>
        octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, output: output(batch) })
      )
      if (!sent.ok) break
    }
    return succeeded(checkRunId)
  }
}

function toApi(annotation: Annotation) {
  return {
    path: annotation.path,
    start_line: annotation.line,
    end_line: annotation.line,
    annotation_level: annotation.level,
    title: annotation.title,
    message: annotation.message
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}
