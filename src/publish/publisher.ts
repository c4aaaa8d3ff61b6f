// Everything a run publishes, in one place: the check run and the deployment status when the
// validation starts; the rollback dispatch once the verdict is known (before the report is
// written, so that the report and the summary say what became of it); then the report artifact,
// the job summary, the check run's verdict and annotations, the sticky comment, the deployment's
// final status (and the restored release after a proven rollback) and the notification. It also
// reads what a rollback needs from GitHub: the last good release and the failed run. What the run
// cannot do (outside Actions, no token, no permission, an outage) is skipped with a notice or a
// warning; the verdict never depends on it.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { Inputs } from '../inputs.js'
import type { Logger } from '../log.js'
import { failed, succeeded, type Result } from '../model/result.js'
import { errorMessage } from '../model/errors.js'
import type { Annotation } from '../report/annotations.js'
import { formatPath } from '../model/report-files.js'
import { renderSummary } from '../report/markdown.js'
import { rollbackLogLine, type RollbackDispatch } from '../report/rollback-notice.js'
import { notificationFor, type RollbackOutcome } from '../report/notification.js'
import type { NotifyConfig } from '../config/model.js'
import type { GitInfo, Report } from '../model/report.js'
import type { TargetRelease } from '../model/rollback.js'
import type { FailedRun } from '../report/failed-run.js'
import type { Redactor } from '../secrets/redact.js'
import { writeReport } from '../report/write.js'
import { hasArtifactRuntime, reportArtifactName, uploadArtifact } from './artifacts.js'
import { baselineArtifactName, fetchBaselineArtifact } from './baseline-artifact.js'
import { CheckRun, MAX_CHECK_SUMMARY } from './checks.js'
import { GitHubClient, type ClientOptions } from './client.js'
import {
  DeploymentStatus,
  lastSuccessfulDeployment,
  previousDeploymentFailed,
  recordRestoredRelease
} from './deployments.js'
import { sendSlack } from './notify.js'
import { commentMarker, MAX_COMMENT, publishComment } from './pr-comment.js'
import { dispatchRollback } from './rollback-dispatch.js'
import { failedRunOfEvent } from './failed-run.js'

/** Runs of these events validate a proposed change, not what is deployed: they roll nothing back unless asked. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

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
  /** Redacted where it was assembled (the engine's snapshot, the merge); published as it is. */
  report: Report
  /** The report as the job summary names it (from the workspace). */
  reportShown: string
  /** Redacted, like the report they point into. */
  annotations: readonly Annotation[]
  /** The baseline this run wrote (baseline mode). */
  baselinePath?: string
  /** What became of the rollback dispatch (see `dispatchRollback`); a sent one is in the report. */
  rollbackDispatch?: RollbackDispatch
  /** How the in-job rollback ended, when one ran: the notification says so. */
  rollbackOutcome?: RollbackOutcome
  /** The environment file's notify: section. */
  notify?: NotifyConfig
  environmentUrl?: string
  /** Maps a report file (relative to the working directory) to the repository: summary links. */
  fromRoot?: (file: string) => string
  /** The file's report.retention_days; the retention-days input wins. */
  retentionDays?: number
  /** Writes the job summary (it links the artifact, so it is written once that is uploaded). */
  writeSummary(markdown: string): Promise<void>
}

export interface Published {
  checkRunId?: number
  artifactId?: number
}

/** The environment file's rollback dispatch. */
export interface DispatchRequest {
  /** The repository_dispatch event_type of rollback.dispatch, if any. */
  eventType?: string
  /** rollback.dispatch_from_pull_requests. */
  fromPullRequests?: boolean
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
    private readonly place: Place | undefined,
    /** Why nothing is published on GitHub, when it is not. */
    private readonly unpublished?: string
  ) {}

  /** Decides what this run can publish; nothing is sent yet. */
  static async connect(context: PublishContext): Promise<Publisher> {
    const place = await connect(context)
    return typeof place === 'string'
      ? new Publisher(context, undefined, place)
      : new Publisher(context, place)
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
  private async uploadArtifacts(outcome: RunOutcome, retentionDays?: number): Promise<Result<number>> {
    const { env, inputs, logger } = this.context
    const { report } = outcome
    const name = inputs.artifactName ?? reportArtifactName(report)
    if (!hasArtifactRuntime(env)) {
      const problem = `Artifact ${name} not uploaded: no artifact runtime (not running in GitHub Actions).`
      logger.info(problem)
      return failed(problem)
    }
    if (outcome.baselinePath) {
      const baseline = { files: [outcome.baselinePath], rootDirectory: dirname(outcome.baselinePath) }
      // `baseline: artifact` takes it by its exact name: never renamed.
      const refuse = `record each environment's baseline once per workflow run`
      await uploadArtifact(
        { name: baselineArtifactName(report.environment), ...baseline, retentionDays, ifTaken: { refuse } },
        logger
      )
    }
    const staged = await stageReport(report, outcome.reportShown, env.RUNNER_TEMP ?? tmpdir())
    if (!staged.ok) {
      logger.warning(staged.problem)
      return staged
    }
    return uploadArtifact({ name, ...staged.value, retentionDays, ifTaken: { rename: true } }, logger)
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

  /** For a rollback: the environment's last successful deployment, from the Deployments API. */
  async lastGoodRelease(environment: string): Promise<Result<TargetRelease | undefined>> {
    if (!this.place) return failed(this.unpublished ?? 'there is no GitHub repository to ask')
    return lastSuccessfulDeployment(this.place.client, this.place, environment)
  }

  /** For mode rollback: the failed run the event names (its report artifact, or the dispatch's payload). */
  async failedRun(event: unknown, environment: string, into: string): Promise<Result<FailedRun> | undefined> {
    const { place, context } = this
    const token = context.inputs.githubToken
    return failedRunOfEvent({
      eventName: context.env.GITHUB_EVENT_NAME,
      event,
      environment,
      into,
      ...(place && token ? { github: { ...place, token } } : {})
    })
  }

  /** For `baseline: artifact`: downloads the latest good baseline into `into`. */
  async fetchBaseline(environment: string, into: string): Promise<Result<{ path: string; origin: string }>> {
    const { place, context } = this
    if (!place || !context.inputs.githubToken)
      return failed('there is no GitHub token or repository to find it with')
    if (!hasArtifactRuntime(context.env))
      return failed('there is no artifact runtime (not running in GitHub Actions)')
    return fetchBaselineArtifact(
      { ...place, token: context.inputs.githubToken, defaultBranch: context.defaultBranch, into },
      environment
    )
  }

  async finish(outcome: RunOutcome): Promise<Published> {
    const { inputs, git, redactor } = this.context
    const { report } = outcome
    const retentionDays = inputs.retentionDays ?? outcome.retentionDays
    const rollback = outcome.rollbackDispatch
    const uploaded = await this.uploadArtifacts(outcome, retentionDays)
    const artifactId = uploaded.ok ? uploaded.value : undefined
    const artifactUrl =
      artifactId !== undefined && git.run_url ? `${git.run_url}/artifacts/${artifactId}` : undefined
    const markdown = (maxBytes?: number) =>
      redactor.text(
        renderSummary(report, {
          reportPath: outcome.reportShown,
          artifactUrl,
          rollback,
          ...(outcome.fromRoot
            ? {
                sourceLinks: {
                  serverUrl: this.context.env.GITHUB_SERVER_URL ?? 'https://github.com',
                  fromRoot: outcome.fromRoot
                }
              }
            : {}),
          ...(maxBytes ? { maxBytes } : {})
        })
      )
    await outcome.writeSummary(markdown())
    const checkRunId = this.place ? await this.publishOnGitHub(this.place, outcome, markdown) : undefined
    await this.notify(outcome)
    return { checkRunId, artifactId }
  }

  /** The check run's verdict, the sticky comment and the deployment's final status; the check run's id. */
  private async publishOnGitHub(
    place: Place,
    outcome: RunOutcome,
    markdown: (maxBytes?: number) => string
  ): Promise<number | undefined> {
    const { inputs, git } = this.context
    const { report } = outcome
    const { client, owner, repo } = place
    // GitHub counts characters and the summary is cut to a byte budget: bytes >= characters, so it fits.
    // A run that stopped before its environment was known still gets its check run, completed.
    this.checkRun ??= this.newCheckRun(place)
    const completed = await this.checkRun.complete({
      status: report.status,
      title: `${report.status} · ${report.environment}`,
      summary: markdown(MAX_CHECK_SUMMARY),
      annotations: outcome.annotations
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
    await this.recordRestored(place, outcome)
    return completed.ok ? completed.value : undefined
  }

  /**
   * After a rollback that the verification proved: the restored release as a new deployment of the
   * environment, marked success, so that the Deployments page is the history.
   */
  private async recordRestored({ client, owner, repo }: Place, outcome: RunOutcome): Promise<void> {
    const { report, environmentUrl } = outcome
    const rollback = report.rollback
    if (rollback?.state !== 'succeeded') return
    const { logger, git } = this.context
    const proven = rollback.verification?.status === 'passed' || rollback.verification?.status === 'warning'
    const ref = rollback.target?.sha ?? rollback.target?.ref
    if (!proven || !ref) {
      const why = proven ? 'its release is not known' : 'no verify: services proved it'
      logger.info(`The restored release is not recorded as a deployment: ${why}.`)
      return
    }
    const recorded = await recordRestoredRelease(
      client,
      { owner, repo },
      {
        environment: report.environment,
        ref,
        description: `Restored by the rollback after ${rollback.failed_run?.deployment_id ?? report.deployment_id} failed`,
        ...(git.run_url ? { logUrl: git.run_url } : {}),
        ...(environmentUrl ? { environmentUrl } : {})
      }
    )
    if (recorded.ok)
      logger.info(
        `Recorded the restored release ${ref} as deployment ${recorded.value} of ${report.environment}: success.`
      )
  }

  /**
   * The Slack message this run owes (a failure, a rollback's outcome, a recovery), if the file asks
   * for one. A notification that fails is a warning; the verdict is already decided.
   */
  private async notify({ report, notify, rollbackOutcome }: RunOutcome): Promise<void> {
    const slack = notify?.slack
    if (!slack) return
    const passing = report.status === 'passed' || report.status === 'warning'
    // Only a passing run asks whether it is a recovery: the previous deployment's status.
    const previousFailed =
      passing && this.place
        ? await previousDeploymentFailed(this.place.client, {
            ...this.place,
            environment: report.environment,
            current: this.deployment?.id
          })
        : undefined
    const notification = notificationFor({ report, previousFailed, rollback: rollbackOutcome })
    if (!notification) return
    const { logger, redactor } = this.context
    const sent = await sendSlack(
      { url: slack, timeoutMs: notify.timeoutMs },
      redactor.text(notification.text)
    )
    if (sent.ok) logger.info(`Slack notified: ${notification.reason}.`)
    else
      logger.warning(
        `Could not send the Slack notification (${notification.reason}): ${sent.problem}. The verdict is unchanged.`
      )
  }

  /**
   * On a failed verdict, the repository_dispatch that starts the rollback workflow, logged; what
   * became of it, for the report and the summary (nothing to say when the run passed and names no
   * rollback). Sent before the report is written, so that the report records it.
   */
  async dispatchRollback(report: Report, request: DispatchRequest): Promise<RollbackDispatch | undefined> {
    const dispatch = await this.sendDispatch(report, request)
    if (dispatch && (dispatch.sent || report.status === 'failed'))
      this.context.logger.info(rollbackLogLine(dispatch))
    return dispatch
  }

  private async sendDispatch(
    report: Report,
    { eventType, fromPullRequests }: DispatchRequest
  ): Promise<RollbackDispatch | undefined> {
    if (report.status !== 'failed' || report.mode === 'merge') {
      if (!eventType) return undefined
      return {
        sent: false,
        eventType,
        reason: `the verdict is ${report.status}, and only a failed one starts the rollback`
      }
    }
    if (!eventType) return { sent: false, reason: 'the environment file names no rollback.dispatch event' }
    // A rollback run whose verification failed would start its own workflow again, and again.
    if (report.mode === 'rollback')
      return {
        sent: false,
        eventType,
        reason: 'a mode rollback run never starts another rollback, which would start itself again'
      }
    if (!this.context.inputs.rollbackDispatch)
      return { sent: false, eventType, reason: 'the rollback-dispatch input of this workflow is false' }
    const event = this.context.env.GITHUB_EVENT_NAME ?? ''
    if (PULL_REQUEST_EVENTS.has(event) && !fromPullRequests)
      return {
        sent: false,
        eventType,
        reason: `a ${event} run validates a proposed change and rolls back nothing (set rollback.dispatch_from_pull_requests: true to dispatch from it)`
      }
    if (!this.place)
      return { sent: false, eventType, reason: this.unpublished ?? 'nothing is published on GitHub' }
    const { client, owner, repo } = this.place
    const sent = await dispatchRollback(client, { owner, repo, eventType }, report)
    return sent.ok
      ? { sent: true, eventType, payloadKeys: sent.value }
      : {
          sent: false,
          eventType,
          reason: 'GitHub did not accept it: the warning in the log says why (it needs `contents: write`)'
        }
  }
}

/**
 * The report, its JUnit XML and its summary, written into a new folder under `temp` for upload. A
 * full disk or a broken runner is a problem, not a throw: the job summary must still be written.
 */
async function stageReport(
  report: Report,
  reportShown: string,
  temp: string
): Promise<Result<{ files: string[]; rootDirectory: string }>> {
  try {
    const stage = await mkdtemp(join(temp, 'deploy-verify-artifact-'))
    const fileName = basename(reportShown)
    const jsonPath = join(stage, fileName.endsWith('.json') ? fileName : `${fileName}.json`)
    await writeReport(jsonPath, report, ['junit', 'markdown'])
    const files = [jsonPath, formatPath(jsonPath, 'junit'), formatPath(jsonPath, 'markdown')]
    return succeeded({ files, rootDirectory: stage })
  } catch (error) {
    return failed(`Could not stage the report artifact: ${errorMessage(error)}`)
  }
}

/** The API client and repository, or why nothing is published there (also said in a notice). */
async function connect(context: PublishContext): Promise<Place | string> {
  const { env, inputs, git, logger } = context
  const skip = (why: string) => {
    logger.info(`Not publishing to GitHub (check run, comment, deployment status): ${why}.`)
    return why
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
