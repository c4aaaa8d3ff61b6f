// Where a report's problems point in the repository: one annotation per failing or warning check and
// per located configuration error, at its line of YAML. Shared by the workflow's annotations and the
// check run's, so both say the same thing.
import type { Report } from '../model/report.js'

export type AnnotationLevel = 'failure' | 'warning'

export interface Annotation {
  /** From the repository root, with forward slashes: what GitHub attaches annotations to. */
  path: string
  line: number
  column?: number
  level: AnnotationLevel
  /** The check id, or `configuration`. */
  title: string
  message: string
}

/** Failures first; `fromRoot` maps a report file (relative to the working directory) to the repository. */
export function annotationsOf(report: Report, fromRoot: (file: string) => string): Annotation[] {
  const errors = report.errors.flatMap(error =>
    error.file && error.line
      ? [
          {
            path: fromRoot(error.file),
            line: error.line,
            column: error.column,
            level: 'failure' as const,
            title: 'configuration',
            message: error.message
          }
        ]
      : []
  )
  const checks = (level: AnnotationLevel, statuses: readonly string[]) =>
    report.checks
      .filter(check => statuses.includes(check.status))
      .map(check => ({
        path: fromRoot(check.file),
        line: check.line,
        column: check.column,
        level,
        title: check.id,
        message: check.message
      }))
  return [...errors, ...checks('failure', ['failed', 'error']), ...checks('warning', ['warning'])]
}
