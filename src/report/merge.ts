// Merge mode: the reports of a matrix of environments (or regions) as one report, so a workflow gets
// one summary, one check run and one verdict. Each check keeps its own, its id prefixed with its
// environment (`eu-west/services.api`), and `environments` keeps a row per environment. Pure.
import type { Report } from '../model/report.js'
import type { RunStatus } from '../model/check.js'
import { reportDocument } from './assemble.js'
import { summaryLine } from './summary-line.js'
import { count } from '../model/wording.js'

const WORST_FIRST: readonly RunStatus[] = ['error', 'failed', 'warning', 'passed']

export interface MergeFacts {
  deploymentId: string
  startedAt: Date
  durationMs: number
}

export function mergeReports(reports: readonly Report[], facts: MergeFacts): Report {
  const sorted = [...reports].sort((a, b) => a.environment.localeCompare(b.environment))
  const prefix = (report: Report, key: string) => `${report.environment}/${key}`
  // Nothing to merge is an error too: the run had no report to judge.
  const status = WORST_FIRST.find(s => sorted.some(report => report.status === s)) ?? 'error'
  const first = sorted[0]
  const counts = WORST_FIRST.map(
    s => [s, sorted.filter(report => report.status === s).map(r => r.environment)] as const
  )
  const line = counts
    .filter(([, names]) => names.length)
    .map(([s, names]) => `${names.length} ${s} (${names.join(', ')})`)
    .join(', ')
  return reportDocument(
    {
      deployment_id: facts.deploymentId,
      environment: 'merged',
      status,
      timestamp: facts.startedAt.toISOString(),
      duration_seconds: Math.round(facts.durationMs) / 1000,
      mode: 'merge',
      config_files: [...new Set(sorted.flatMap(report => report.config_files))],
      git: first?.git ?? {
        sha: null,
        ref: null,
        repository: null,
        run_id: null,
        run_url: null,
        pull_request: null
      },
      deploy: null,
      services: Object.fromEntries(
        sorted.flatMap(report =>
          Object.entries(report.services).map(([name, service]) => [prefix(report, name), service])
        )
      ),
      smoke_tests: Object.fromEntries(
        sorted.flatMap(report =>
          Object.entries(report.smoke_tests).map(([id, step]) => [prefix(report, id), step])
        )
      ),
      // Levels differ between environments: each environment's own report keeps its section.
      security: null,
      baseline: null,
      monitor: null,
      checks: sorted.flatMap(report =>
        report.checks.map(check => ({ ...check, id: prefix(report, check.id) }))
      ),
      errors: sorted.length
        ? sorted.flatMap(report =>
            report.errors.map(error => ({ ...error, message: `${report.environment}: ${error.message}` }))
          )
        : [
            {
              message:
                'no report artifacts of this run to merge: run merge mode in a job that needs the matrix jobs'
            }
          ],
      environments: sorted.map(report => ({
        environment: report.environment,
        status: report.status,
        summary: report.summary,
        deployment_id: report.deployment_id
      }))
    },
    merged =>
      sorted.length
        ? `${merged.status}: ${count(sorted.length, 'environment')}: ${line}`
        : summaryLine(merged)
  )
}
