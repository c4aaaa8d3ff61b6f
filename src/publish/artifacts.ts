// Artifacts through @actions/artifact, loaded only when a run uploads or downloads one: the report
// artifact (JSON, JUnit, summary), the baseline artifact, and the reports of a matrix for merge mode.
// Failures are warnings; outside Actions (no artifact runtime) they are skipped with a notice.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../log.js'
import { failed, succeeded, type Result } from '../model/result.js'
import { errorMessage } from '../model/errors.js'
import type { Report } from '../model/report.js'

/** Characters GitHub refuses in an artifact name, as @actions/artifact lists them (an apostrophe is fine). */
const FORBIDDEN = /[":<>|*?\r\n\\/]/g

/** A valid artifact name: each forbidden character becomes `-`. */
export function artifactName(name: string): string {
  return name.replace(FORBIDDEN, '-')
}

/** Report artifacts are named this and the environment; merge mode collects them by it. */
export const REPORT_ARTIFACT_PREFIX = 'deploy-verify-report-'

/**
 * The report artifact's default name: the environment, and the mode when it is baseline, so that a
 * job that records and verifies in two steps uploads two names (a clash still gets a suffix).
 */
export function reportArtifactName(report: Pick<Report, 'environment' | 'mode'>): string {
  return `${REPORT_ARTIFACT_PREFIX}${report.environment}${report.mode === 'baseline' ? '-baseline' : ''}`
}

/** The runner gives a job these when it may use artifacts. */
export function hasArtifactRuntime(env: Record<string, string | undefined>): boolean {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL)
}

export interface Upload {
  name: string
  files: readonly string[]
  rootDirectory: string
  /** 0 or undefined: the repository's default. */
  retentionDays?: number
  /**
   * When this workflow run already holds an artifact of the name (names are unique in a run, across
   * its jobs): `rename` takes the next free `name-2`, `name-3`…; `refuse` gives up, with `advice`
   * (for an artifact that others look up by its exact name).
   */
  ifTaken: { rename: true } | { refuse: string }
}

/** Renamed uploads tried after the first: more steps than any job has upload a report. */
const MAX_RENAMES = 20

/** Uploads the files (the caller knows there is an artifact runtime); a failure is also warned about. */
export async function uploadArtifact(upload: Upload, logger: Logger): Promise<Result<number>> {
  const wanted = artifactName(upload.name)
  const names =
    'rename' in upload.ifTaken
      ? [wanted, ...Array.from({ length: MAX_RENAMES }, (_, i) => `${wanted}-${i + 2}`)]
      : [wanted]
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const client = new DefaultArtifactClient()
    const taken = await runArtifactNames(client)
    for (const name of names.filter(candidate => !taken.has(candidate))) {
      try {
        const { id } = await client.uploadArtifact(name, [...upload.files], upload.rootDirectory, {
          ...(upload.retentionDays ? { retentionDays: upload.retentionDays } : {})
        })
        if (id === undefined) throw new Error('the artifact service returned no id')
        const renamed = name === wanted ? '' : `, as this workflow run already holds ${wanted}`
        logger.info(`Uploaded the artifact ${name} (id ${id})${renamed}.`)
        return succeeded(id)
      } catch (error) {
        // Another job of the run took the name since the listing: try the next one.
        if (!/\(409\)/.test(errorMessage(error))) throw error
      }
    }
    throw new Error(
      'refuse' in upload.ifTaken
        ? `this workflow run already holds an artifact of that name: ${upload.ifTaken.refuse}`
        : `this workflow run already holds it and ${names.length - 1} renamed ones`
    )
  } catch (error) {
    const problem = `Could not upload the artifact ${wanted}: ${errorMessage(error)}`
    logger.warning(problem)
    return failed(problem)
  }
}

/** Names of this workflow run's artifacts; none when they cannot be listed (an upload then finds a clash itself). */
async function runArtifactNames(client: {
  listArtifacts(): Promise<{ artifacts: ReadonlyArray<{ name: string }> }>
}): Promise<Set<string>> {
  try {
    return new Set((await client.listArtifacts()).artifacts.map(artifact => artifact.name))
  } catch {
    return new Set()
  }
}

/**
 * Downloads every artifact of this run whose name starts with `prefix`, each into its own folder;
 * the folders. A failure is also warned about.
 */
export async function downloadRunArtifacts(
  prefix: string,
  into: string,
  logger: Logger
): Promise<Result<string[]>> {
  const give = (problem: string) => {
    logger.warning(problem)
    return failed(problem)
  }
  if (!hasArtifactRuntime(process.env))
    return give(
      'No artifact runtime: merge mode runs only in GitHub Actions, after the jobs that upload reports.'
    )
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const client = new DefaultArtifactClient()
    const { artifacts } = await client.listArtifacts()
    const folders: string[] = []
    for (const artifact of artifacts.filter(a => a.name.startsWith(prefix))) {
      const folder = join(into, artifactName(artifact.name))
      await mkdir(folder, { recursive: true })
      await client.downloadArtifact(artifact.id, { path: folder })
      folders.push(folder)
    }
    return succeeded(folders)
  } catch (error) {
    return give(`Could not collect the ${prefix}* artifacts of this run: ${errorMessage(error)}`)
  }
}

export interface OtherRunArtifact {
  id: number
  runId: number
  owner: string
  repo: string
  token: string
}

/**
 * Downloads an artifact of another run (through the REST API, which needs `actions: read`) into
 * `into`. The caller words a failure: it knows what the artifact was for.
 */
export async function downloadArtifactOfRun(artifact: OtherRunArtifact, into: string): Promise<Result<void>> {
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    await mkdir(into, { recursive: true })
    await new DefaultArtifactClient().downloadArtifact(artifact.id, {
      path: into,
      findBy: {
        token: artifact.token,
        workflowRunId: artifact.runId,
        repositoryOwner: artifact.owner,
        repositoryName: artifact.repo
      }
    })
    return succeeded(undefined)
  } catch (error) {
    return failed(`artifact ${artifact.id} could not be downloaded: ${errorMessage(error)}`)
  }
}
