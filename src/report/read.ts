// A report saved by an earlier run (the CLI shows one; mode rollback acts on a failed one). The file
// is outside text: bounded in size, and used only once the report schema accepts it.
import { readFile, stat } from 'node:fs/promises'
import validateReport from '../generated/report-validator.js'
import { errorMessage } from '../model/errors.js'
import type { Report } from '../model/report.js'
import { failed, succeeded, type Result } from '../model/result.js'

/** Far above any real report (a thousand checks are a few megabytes). */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024

/** The report at `path` (`shown` names it in problems), or why it is not one. */
export async function readSavedReport(path: string, shown: string): Promise<Result<Report>> {
  const size = await stat(path).then(
    info => (info.isFile() ? info.size : undefined),
    () => undefined
  )
  if (size === undefined) return failed(`${shown}: no such file`)
  if (size > MAX_REPORT_BYTES) return failed(`${shown}: larger than any deploy-verify report`)
  let value: unknown
  try {
    value = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    return failed(`${shown}: not JSON (${errorMessage(error)})`)
  }
  if (!validateReport(value)) {
    const [first] = validateReport.errors ?? []
    const where = first?.instancePath || 'the top level'
    return failed(`${shown}: not a deploy-verify report: at ${where}, ${first?.message ?? 'invalid'}`)
  }
  return succeeded(value as Report)
}
