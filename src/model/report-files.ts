// Where each format of the report goes: beside the JSON report, with the same name and the format's
// extension. The config loader uses it too, to refuse a report path that would overwrite a config file.
/** The report's formats; `json` is always written. */
export type ReportFormat = 'json' | 'junit' | 'markdown' | 'prometheus'

const EXTENSIONS: Record<ReportFormat, string> = {
  json: '.json',
  junit: '.xml',
  markdown: '.md',
  prometheus: '.prom'
}

/** `out/deploy-verify-report.json` -> `out/deploy-verify-report.xml` for junit. */
export function formatPath(jsonPath: string, format: ReportFormat): string {
  return format === 'json' ? jsonPath : jsonPath.replace(/(\.json)?$/i, EXTENSIONS[format])
}
