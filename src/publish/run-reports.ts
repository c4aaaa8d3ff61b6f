// Merge mode's input: the reports that the jobs of this workflow run uploaded as artifacts. A file
// that is not a report is left out with a warning, never merged as if it were one.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../log.js'
import { succeeded, type Result } from '../model/result.js'
import { errorMessage } from '../model/errors.js'
import { REPORT_VERSION, type Report } from '../model/report.js'
import { downloadRunArtifacts } from './artifacts.js'

/** The reports; a failure to collect them is also warned about, a file left out only warned about. */
export async function collectRunReports(
  prefix: string,
  into: string,
  logger: Logger
): Promise<Result<Report[]>> {
  const downloaded = await downloadRunArtifacts(prefix, into, logger)
  if (!downloaded.ok) return downloaded
  // A merged report is itself an artifact of this prefix: never merge it again.
  const folders = downloaded.value.filter(folder => !folder.endsWith(`${prefix}merged`))
  const reports: Report[] = []
  for (const folder of folders) {
    const files = await readdir(folder).catch((error: unknown) => {
      logger.warning(`Left out ${folder}: ${errorMessage(error)}`)
      return []
    })
    for (const file of files.filter(name => name.endsWith('.json'))) {
      try {
        const report = JSON.parse(await readFile(join(folder, file), 'utf8')) as Report
        if (report.report_version !== REPORT_VERSION || typeof report.environment !== 'string')
          throw new Error(`not a version ${REPORT_VERSION} deploy-verify report`)
        reports.push(report)
      } catch (error) {
        logger.warning(`Left out ${file} of ${folder}: ${errorMessage(error)}`)
      }
    }
  }
  return succeeded(reports)
}
