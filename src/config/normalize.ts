// The interpolated document becomes the EnvironmentConfig the engine runs: durations in
// milliseconds, defaults applied, each service's policy resolved, references between services checked.
import { readBaseline, readMonitor } from './baseline-section.js'
import { resolve } from 'node:path'
import { formatPath } from '../model/report-files.js'
import type { Cursor } from './cursor.js'
import { DEFAULT_CONCURRENCY, DEFAULT_POLICY, DEFAULT_REPORT_PATH } from './defaults.js'
import { checkDependencies, type Dependent } from './dependencies.js'
import { readDuration } from './duration.js'
import { confinementProblem, displayPath, sameFile, type Confinement } from './files.js'
import type { CheckPolicy, EnvironmentConfig, ReportFormat, ServiceConfig } from './model.js'
import { readNotify } from './notify.js'
import { readProbe } from './probes.js'
import { forbidReferences, readDeploy, readSmoke } from './steps.js'
import { readSecurity } from './security.js'
import { readRollback } from './rollback.js'

export interface NormalizeOptions {
  workingDirectory: string
  /** The name when neither the caller nor the file gives one: the environment file's stem. */
  fileStem: string
  environmentName?: string
  /** Where the report may be written. */
  reportPlaces: Confinement
  /** Absolute paths of the environment file and the files it extends, which the report never replaces. */
  configFiles: readonly string[]
}

export type Normalized = Pick<
  EnvironmentConfig,
  | 'version'
  | 'environment'
  | 'defaults'
  | 'deploy'
  | 'services'
  | 'smoke'
  | 'security'
  | 'report'
  | 'baseline'
  | 'expectsRecordedBaseline'
  | 'monitor'
  | 'rollback'
  | 'notify'
>

export function normalize(root: Cursor, options: NormalizeOptions): Normalized {
  const defaults = root.get('defaults')
  const policy = readPolicy(defaults, DEFAULT_POLICY)
  const dependents: Dependent[] = []
  const services: ServiceConfig[] = []
  for (const service of root.get('services').entries()) {
    const needs = service.get('depends_on').oneOrMany()
    dependents.push({ service, needs })
    const probe = readProbe(service, options.workingDirectory)
    if (!probe) continue
    services.push({
      name: service.name,
      critical: service.get('critical').boolean() ?? false,
      dependsOn: needs.flatMap(need => need.text() ?? []),
      policy: readPolicy(service, policy),
      probe,
      source: service.source()
    })
  }
  checkDependencies(dependents)
  forbidReferences(root)
  const environment = options.environmentName || root.get('environment').text() || options.fileStem
  const security = readSecurity(root, services, environment)
  return {
    version: 1,
    environment,
    defaults: { ...policy, concurrency: defaults.get('concurrency').integer(1) ?? DEFAULT_CONCURRENCY },
    deploy: readDeploy(root, options.workingDirectory),
    services,
    smoke: readSmoke(root, options.workingDirectory, policy.timeoutMs),
    // Present only when the file has the section, so configurations without it keep their shape.
    ...(security ? { security } : {}),
    report: readReport(root.get('report'), options),
    baseline: readBaseline(root, services, options.workingDirectory),
    expectsRecordedBaseline: ['latency', 'schema'].some(key => root.get('baseline').get(key).exists),
    monitor: readMonitor(root, services),
    rollback: readRollback(root, options.workingDirectory),
    notify: readNotify(root)
  }
}

function readReport(report: Cursor, options: NormalizeOptions): Normalized['report'] {
  // The schema admits only known formats.
  const formats = report
    .get('formats')
    .items()
    .flatMap(item => (item.text() as ReportFormat | undefined) ?? [])
  const path = report.get('path')
  const written = path.text() ?? DEFAULT_REPORT_PATH
  const absolute = resolve(options.workingDirectory, written)
  const refused = confinementProblem(absolute, options.reportPlaces)
  const replaced = options.configFiles.find(file =>
    ['json' as const, ...formats].some(format => sameFile(formatPath(absolute, format), file))
  )
  if (refused) path.report(`${path.where} '${written}' ${refused.reason}: ${refused.fix}`)
  else if (replaced)
    path.report(
      `${path.where} '${written}' would overwrite the configuration file ${displayPath(options.workingDirectory, replaced)}: name another file for the report`
    )
  return {
    path: written,
    formats,
    retentionDays: report.get('retention_days').integer(0, 400) || undefined
  }
}

/** The policy under `cursor` (defaults: or a service), each setting falling back to `inherited`. */
function readPolicy(cursor: Cursor, inherited: CheckPolicy): CheckPolicy {
  const retry = cursor.get('retry')
  return {
    timeoutMs: readDuration(cursor.get('timeout'), { positive: true }) ?? inherited.timeoutMs,
    retry: {
      attempts: retry.get('attempts').integer(1) ?? inherited.retry.attempts,
      initialDelayMs: readDuration(retry.get('initial_delay')) ?? inherited.retry.initialDelayMs,
      maxDelayMs: readDuration(retry.get('max_delay')) ?? inherited.retry.maxDelayMs,
      factor: retry.get('factor').number(1) ?? inherited.retry.factor,
      jitter: retry.get('jitter').number(0, 1) ?? inherited.retry.jitter,
      // The schema allows only these two words.
      onPermanent:
        (retry.get('on_permanent').text() as 'once' | 'retry' | undefined) ?? inherited.retry.onPermanent
    },
    startupBudgetMs:
      readDuration(cursor.get('startup_budget'), { positive: true }) ?? inherited.startupBudgetMs,
    successThreshold: cursor.get('success_threshold').integer(1) ?? inherited.successThreshold
  }
}
