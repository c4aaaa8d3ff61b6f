// Artifacts through @actions/artifact, loaded only when a run uploads or downloads one: the report
// artifact (JSON, JUnit, summary), the baseline artifact, and the reports of a matrix for merge mode.
// Failures are warnings; outside Actions (no artifact runtime) they are skipped with a notice.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../log.js'
import { failed, succeeded, type Result } from '../model/result.js'
import { errorMessage } from '../model/errors.js'

/** Characters GitHub refuses in an artifact name, as @actions/artifact lists them (an apostrophe is fine). */
const FORBIDDEN = /[":<>|*?\r\n\\/]/g

/** A valid artifact name: each forbidden character becomes `-`. */
export function artifactName(name: string): string {
  return name.replace(FORBIDDEN, '-')
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
}

/** Uploads the files (the caller knows there is an artifact runtime); a failure is also warned about. */
export async function uploadArtifact(upload: Upload, logger: Logger): Promise<Result<number>> {
  const name = artifactName(upload.name)
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const { id } = await new DefaultArtifactClient().uploadArtifact(
      name,
      [...upload.files],
      upload.rootDirectory,
      {
        ...(upload.retentionDays ? { retentionDays: upload.retentionDays } : {})
      }
    )
    if (id === undefined) throw new Error('the artifact service returned no id')
    logger.info(`Uploaded the artifact ${name} (id ${id}).`)
    return succeeded(id)
  } catch (error) {
    const problem = `Could not upload the artifact ${name}: ${errorMessage(error)}`
    logger.warning(problem)
    return failed(problem)
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
