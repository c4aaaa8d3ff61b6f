// Every report is checked against its own schema (schema/report.schema.json) before it is written,
// a run's and a merged one alike: a report that fails it is a bug in deploy-verify, which is said in
// the log and in the report itself (an error, so the run's status is `error`) rather than shipped
// silently to the tools that read it.
import validateReport from '../generated/report-validator.js'
import type { Report } from '../model/report.js'
import { summaryLine } from './summary-line.js'

/** `report` as it may be written, and why it fails its schema when it does (for the log). */
export interface CheckedReport {
  report: Report
  problem?: string
}

/**
 * The report itself when it is valid; otherwise the same facts with the bug in its errors, its
 * status `error` and its summary saying so. It is still written: the checks it holds are the run's
 * facts, and the next tools need a file to read.
 */
export function schemaChecked(report: Report): CheckedReport {
  // What is written is checked: the JSON text, where a figure of no samples (NaN) reads null.
  if (validateReport(JSON.parse(JSON.stringify(report)))) return { report }
  const where = (validateReport.errors ?? [])
    .slice(0, 3)
    .map(error => `${error.instancePath || 'the top level'} ${error.message ?? 'is invalid'}`)
  const problem = `deploy-verify made a report that fails its own schema (${where.join('; ')}): this is a bug in deploy-verify, please report it; the report is written as it is, with this error`
  const flagged: Report = { ...report, status: 'error', errors: [...report.errors, { message: problem }] }
  return { report: { ...flagged, summary: summaryLine(flagged) }, problem }
}
