// The run's figures in Prometheus' text exposition format, for a Pushgateway or a node_exporter
// textfile collector: the verdict, the run's duration, and each check's status, time and attempts.
import type { CheckStatus, RunStatus } from '../model/check.js'
import type { Report } from '../model/report.js'

const RUN_STATUSES: readonly RunStatus[] = ['passed', 'warning', 'failed', 'error']
const CHECK_STATUSES: readonly CheckStatus[] = ['passed', 'flaky', 'warning', 'failed', 'error', 'skipped']

export function renderPrometheus(report: Report): string {
  const env = { environment: report.environment }
  const lines = [
    ...metric('deploy_verify_run_status', 'gauge', 'The run verdict: 1 for the status it ended with.', [
      ...RUN_STATUSES.map(status => sample({ ...env, status }, status === report.status ? 1 : 0))
    ]),
    ...metric('deploy_verify_run_duration_seconds', 'gauge', 'How long the validation took.', [
      sample(env, report.duration_seconds)
    ]),
    ...metric('deploy_verify_check_status', 'gauge', 'Each check: 1 for the status it ended with.', [
      ...report.checks.flatMap(check =>
        CHECK_STATUSES.map(status =>
          sample(
            { ...env, check: check.id, category: check.category, status },
            status === check.status ? 1 : 0
          )
        )
      )
    ]),
    ...metric('deploy_verify_check_duration_seconds', 'gauge', 'Time each check took, retries included.', [
      ...report.checks.map(check => sample({ ...env, check: check.id }, check.duration_ms / 1000))
    ]),
    ...metric('deploy_verify_check_attempts', 'gauge', 'Attempts each check made.', [
      ...report.checks.map(check => sample({ ...env, check: check.id }, check.attempts))
    ])
  ]
  return `${lines.join('\n')}\n`
}

function metric(name: string, type: string, help: string, samples: string[]): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(line => `${name}${line}`)]
}

function sample(labels: Record<string, string>, value: number): string {
  const pairs = Object.entries(labels).map(([name, text]) => `${name}="${escapeLabel(text)}"`)
  return `{${pairs.join(',')}} ${value}`
}

/** Label values escape backslash, double quote and line feed, as the exposition format requires. */
function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')
}
