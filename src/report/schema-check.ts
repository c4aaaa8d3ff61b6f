// The report is checked against its own schema (schema/report.schema.json) before it is written: a
// report that fails it is a bug in deploy-verify, which is said in the log and in the report itself
// rather than shipped silently to the tools that read it.
import validateReport from '../generated/report-validator.js'
import type { Report } from '../model/report.js'

/** Why `report` fails its schema, as one sentence for the log and the report's errors; undefined when it is valid. */
export function reportSchemaProblem(report: Report): string | undefined {
  if (validateReport(report)) return undefined
  const where = (validateReport.errors ?? [])
    .slice(0, 3)
    .map(error => `${error.instancePath || 'the top level'} ${error.message ?? 'is invalid'}`)
  return `deploy-verify made a report that fails its own schema (${where.join('; ')}): this is a bug in deploy-verify, please report it; the report is written as it is, with this error`
}
