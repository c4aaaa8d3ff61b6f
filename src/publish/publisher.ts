// Everything a run publishes on GitHub, in one place: the check run and the deployment status when
// the validation starts; then the report artifact, the check run's verdict and annotations, the
// sticky comment, the deployment's final status and the rollback dispatch. What the run cannot do
// (outside Actions, no token, no permission, an outage) is skipped with a notice or a warning; the
// verdict never depends on it.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { Inputs } from '../inputs.js'
import type { Logger } from '../log.js'
import type { Annotation } from '../report/annotations.js'
import { formatPath } from '../model/report-files.js'
import { renderSummary } from '../report/markdown.js'
import type { GitInfo, Report } from '../model/report.js'
import type { Redactor } from '../secrets/redact.js'
import { writeReport } from '../report/write.js'
import { hasArtifactRuntime, uploadArtifact } from './artifacts.js'
import { baselineArtifactName, fetchBaselineArtifact } from './baseline-artifact.js'
import { CheckRun, MAX_CHECK_SUMMARY } from './checks.js'
import { GitHubClient, type ClientOptions } from './client.js'
import { DeploymentStatus } from './deployments.js'
import { commentMarker, MAX_COMMENT, publishComment } from './pr-comment.js'
import { dispatchRollback } from './rollback-dispatch.js'

/** Report artifacts are named this and the environment; merge mode collects them by it. */
export const REPORT_ARTIFACT_PREFIX = 'deploy-verify-report-'

export interface PublishContext {
  inputs: Inputs
  env: Record<string, string | undefined>
  git: GitInfo
  /** The event's repository.default_branch, when the payload has one. */
  defaultBranch?: string
  /** Redacts what it logs: a server's answer quoted in a warning may hold a secret. */
  logger: Logger
  /** Every payload (summary, check run, comment, statuses, dispatch, artifact) goes through it. */
  redactor: Redactor
  /** Retry settings of the API client (tests shorten them). */
  client?: ClientOptions
}

export interface RunOutcome {
  report: Report
  /** The report as the job summary names it (from the workspace). */
  reportShown: string
  annotations: readonly Annotation[]
  /** The baseline this run wrote (baseline mode). */
  baselinePath?: string
  /** The repository_dispatch event_type of the environment's rollback, if any. */
  rollbackDispatch?: string
  environmentUrl?: string
  /** The file's report.retention_days; the retention-days input wins. */
  retentionDays?: number
  /** Writes the job summary (it links the artifact, so it is written once that is uploaded). */
  writeSummary(markdown: string): Promise<void>
}

export interface Published {
  checkRunId?: number
  artifactId?: number
}

/** Where on GitHub this run publishes; undefined when it cannot (outside Actions, no token). */
interface Place {
  client: GitHubClient
  owner: string
  repo: string
  sha: string
}

export class Publisher {
  private checkRun?: CheckRun
  private deployment?: DeploymentStatus

  private constructor(
    private readonly context: PublishContext,
    private readonly place: Place | undefined
  ) {}

  /** Decides what this run can publish; nothing is sent yet. */
  static async connect(context: PublishContext): Promise<Publisher> {
    return new Publisher(context, await connect(context))
  }

  /** Once the environment is known: the check run and the deployment status, in progress. */
  async start(environment: string): Promise<void> {
    if (!this.place) return
    const { client, owner, repo, sha } = this.place
    const { inputs, git } = this.context
    this.checkRun = this.newCheckRun(this.place)
    if (inputs.githubDeploymentId)
      this.deployment = new DeploymentStatus(client, {
        owner,
        repo,
        deployment: inputs.githubDeploymentId,
        environment,
        // The commit validated: on a pull request its head, not the merge ref.
        ref: sha,
        logUrl: git.run_url ?? undefined
      })
    await Promise.all([this.checkRun.start(), this.deployment?.start()])
  }

  /**
   * The report artifact (the JSON report, its JUnit XML and its summary, staged in the runner's
   * temporary folder) and the baseline this run recorded, if any; the report artifact's id.
   */
  private async uploadArtifacts(outcome: RunOutcome, retentionDays?: number): Promise<number | undefined> {
    const { env, inputs, logger } = this.context
    const { report } = outcome
    const name = inputs.artifactName ?? `${REPORT_ARTIFACT_PREFIX}${report.environment}`
    if (!hasArtifactRuntime(env)) {
      logger.info(`Artifact ${name} not uploaded: no artifact runtime (not running in GitHub Actions).`)
      return undefined
    }
    if (outcome.baselinePath) {
      const baseline = { files: [outcome.baselinePath], rootDirectory: dirname(outcome.baselinePath) }
      await uploadArtifact(
        { name: baselineArtifactName(report.environment), ...baseline, retentionDays },
        logger
      )
    }
    const stage = await mkdtemp(join(env.RUNNER_TEMP ?? tmpdir(), 'deploy-verify-artifact-'))
    const fileName = basename(outcome.reportShown)
    const jsonPath = join(stage, fileName.endsWith('.json') ? fileName : `${fileName}.json`)
    await writeReport(jsonPath, report, ['junit', 'markdown'])
    const files = [jsonPath, formatPath(jsonPath, 'junit'), formatPath(jsonPath, 'markdown')]
    return uploadArtifact({ name, files, rootDirectory: stage, retentionDays }, logger)
  }

  private newCheckRun({ client, owner, repo, sha }: Place): CheckRun {
    const { inputs, git } = this.context
    return new CheckRun(client, {
      owner,
      repo,
      headSha: sha,
      name: inputs.checkName,
      detailsUrl: git.run_url ?? undefined
    })
  }

  /** For `baseline: artifact`: downloads the latest good baseline into `into`. */
  async fetchBaseline(environment: string, into: string) {
    const { place, context } = this
    if (!place || !context.inputs.githubToken)
      return { problem: 'there is no GitHub token or repository to find it with' }
    if (!hasArtifactRuntime(context.env))
      return { problem: 'there is no artifact runtime (not running in GitHub Actions)' }
    return fetchBaselineArtifact(
      { ...place, token: context.inputs.githubToken, defaultBranch: context.defaultBranch, into },
      environment
    )
  }

  async finish(unredacted: RunOutcome): Promise<Published> {
    const { inputs, git, logger, redactor } = this.context
    const outcome = { ...unredacted, report: redactor.deep(unredacted.report) }
    const { report } = outcome
    const retentionDays = inputs.retentionDays ?? outcome.retentionDays
    // The summary must be written whatever happens to the artifact (a full disk, a broken runner).
    const artifactId = await this.uploadArtifacts(outcome, retentionDays).catch(
      (error: Error) => void logger.warning(`Could not stage the report artifact: ${error.message}`)
    )
    const artifactUrl =
      artifactId !== undefined && git.run_url ? `${git.run_url}/artifacts/${artifactId}` : undefined
    const markdown = (maxBytes?: number) =>
      redactor.text(
        renderSummary(report, {
          reportPath: outcome.reportShown,
          artifactUrl,
          ...(maxBytes ? { maxBytes } : {})
        })
      )
    await outcome.writeSummary(markdown())

    if (!this.place) return { artifactId }
    const { client, owner, repo } = this.place
    // GitHub counts characters and the summary is cut to a byte budget: bytes >= characters, so it fits.
    // A run that stopped before its environment was known still gets its check run, completed.
    this.checkRun ??= this.newCheckRun(this.place)
    const checkRunId = await this.checkRun.complete({
      status: report.status,
      title: `${report.status} · ${report.environment}`,
      summary: markdown(MAX_CHECK_SUMMARY),
      annotations: redactor.deep(outcome.annotations)
    })
    const pullRequest = git.pull_request
    if (pullRequest !== null && inputs.comment !== false) {
      const marker = commentMarker(report.environment)
      await publishComment(
        client,
        { owner, repo, pullRequest, environment: report.environment },
        markdown(MAX_COMMENT - marker.length - 1)
      )
    }
    await this.deployment?.finish(report.status, report.summary, outcome.environmentUrl)
    if (report.status === 'failed' && outcome.rollbackDispatch)
      await dispatchRollback(client, { owner, repo, eventType: outcome.rollbackDispatch }, report)
    return { checkRunId, artifactId }
  }
}

/** The API client and repository, or undefined with a notice saying why nothing is published there. */
async function connect(context: PublishContext): Promise<Place | undefined> {
  const { env, inputs, git, logger } = context
  const skip = (why: string) => {
    logger.info(`Not publishing to GitHub (check run, comment, deployment status): ${why}.`)
    return undefined
  }
  if (env.GITHUB_ACTIONS !== 'true') return skip('not running in GitHub Actions')
  if (!inputs.githubToken) return skip('no github-token')
  const [owner, repo] = (git.repository ?? '').split('/')
  if (!owner || !repo || !git.sha) return skip('GITHUB_REPOSITORY or the commit is unknown')
  const client = await GitHubClient.create(
    inputs.githubToken,
    env.GITHUB_API_URL ?? 'https://api.github.com',
    logger,
    context.client
  )
  return { client, owner, repo, sha: git.sha }
}
