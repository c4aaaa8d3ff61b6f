// The report's formats and the files they go to, next to the JSON report: the JSON is always
// written (it is what the report-path output names); the others on request (`report.formats`).
import { basename } from 'node:path'
import type { ReportFormat } from '../model/report-files.js'
import { renderJUnit } from './junit.js'
import { renderSummary } from './markdown.js'
import type { Report } from '../model/report.js'
import { renderPrometheus } from './prometheus.js'

export function renderFormat(report: Report, format: ReportFormat, jsonPath: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`
    case 'junit':
      return renderJUnit(report)
    case 'markdown':
      return renderSummary(report, { reportPath: basename(jsonPath) })
    case 'prometheus':
      return renderPrometheus(report)
  }
}
