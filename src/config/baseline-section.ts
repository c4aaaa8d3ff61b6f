// The `baseline:` and `monitor:` sections: what the run compares with a known-good baseline, and how
// long it watches the services afterwards. Percentages are written `20%`; bounds `p95 < 500ms` or
// `p95 <= +20%`.
import { dirname, resolve } from 'node:path'
import type { Cursor } from './cursor.js'
import { parseDuration, readDuration } from './duration.js'
import { confinementProblem, displayPath } from './files.js'
import type { BaselineConfig, MonitorConfig, PercentileBound, ServiceConfig } from './model.js'
import { didYouMeanAmong } from './suggest.js'

const DEFAULT_SAMPLES = 20
const DEFAULT_MAX_INCREASE = 0.2
const DEFAULT_THROUGHPUT_ERROR_RATE = 0.01
/** A burst is a probe, not a load test: it must stay short. */
const MAX_BURST_MS = 5 * 60_000
const DEFAULT_MONITOR_INTERVAL_MS = 30_000
const DEFAULT_MONITOR_ERROR_RATE = 0.05
const DEFAULT_MAX_CONSECUTIVE_FAILURES = 3

const PERCENT = /^(\d+(?:\.\d+)?)%$/
const BOUND = /^p(\d{1,2}(?:\.\d+)?)\s*(<=?)\s*(?:\+(\d+(?:\.\d+)?)%|(\S+))$/

export function readBaseline(
  root: Cursor,
  services: readonly ServiceConfig[],
  workingDirectory: string
): BaselineConfig {
  const section = root.get('baseline')
  const known = serviceNamesOf(root)
  const latency = section.get('latency')
  const schema = section.get('schema')
  return {
    compareConfig: readCompareConfig(section.get('compare_config'), workingDirectory),
    ignore: texts(section.get('ignore')),
    expectDifferent: texts(section.get('expect_different')),
    latency: {
      samples: latency.get('samples').integer(0) ?? DEFAULT_SAMPLES,
      maxIncrease: readPercent(latency.get('max_increase')) ?? DEFAULT_MAX_INCREASE,
      bounds: latency
        .get('bounds')
        .items()
        .flatMap(bound => readBound(bound) ?? [])
    },
    // Only false turns it off: a mapping, like no schema key, reads as no boolean and is no problem.
    schema:
      schema.boolean() === false ? undefined : { migrationsTable: schema.get('migrations_table').text() },
    throughput: readThroughput(section.get('throughput'), services, known),
    source: section.source()
  }
}

export function readMonitor(root: Cursor, services: readonly ServiceConfig[]): MonitorConfig | undefined {
  const section = root.get('monitor')
  if (!section.exists) return undefined
  // Every setting is read before giving up on a bad duration, so that one load lists every problem.
  const durationMs = readDuration(section.get('duration'), { positive: true })
  const intervalMs = readDuration(section.get('interval'), { positive: true })
  const maxErrorRate = readPercent(section.get('max_error_rate'), 100)
  const maxConsecutiveFailures = section.get('max_consecutive_failures').integer(1)
  const named = readServiceNames(section.get('services'), serviceNamesOf(root))
  if (durationMs === undefined) return undefined
  return {
    durationMs,
    intervalMs: intervalMs ?? DEFAULT_MONITOR_INTERVAL_MS,
    maxErrorRate: maxErrorRate ?? DEFAULT_MONITOR_ERROR_RATE,
    maxConsecutiveFailures: maxConsecutiveFailures ?? DEFAULT_MAX_CONSECUTIVE_FAILURES,
    services: named ?? services.map(service => service.name),
    source: section.source()
  }
}

/** A fraction from `20%`; over 100% is allowed where it is an increase, so ranges are the caller's. */
export function readPercent(cursor: Cursor, max = Infinity): number | undefined {
  const text = cursor.text()
  if (text === undefined) return undefined
  const match = PERCENT.exec(text.trim())
  const percent = match ? Number(match[1]) : NaN
  if (!(percent <= max)) {
    const range = max === Infinity ? '' : ` from 0% to ${max}%`
    cursor.report(`${cursor.where} must be a percentage${range} such as 20% or 0.5%, not '${text}'`)
    return undefined
  }
  return percent / 100
}

function readCompareConfig(cursor: Cursor, workingDirectory: string): BaselineConfig['compareConfig'] {
  const text = cursor.text()
  if (text === undefined) return undefined
  // Relative to the file that says it, like `extends`.
  const source = cursor.source('value')
  const path = resolve(workingDirectory, dirname(source.file), text)
  const file = displayPath(workingDirectory, path)
  const refused = confinementProblem(path, cursor.files)
  if (refused) {
    cursor.report(`${cursor.where} '${text}' ${refused.reason} (looked for ${file}): ${refused.fix}`)
    return undefined
  }
  return { path, file, source }
}

function readBound(cursor: Cursor): PercentileBound | undefined {
  const text = cursor.text()
  if (text === undefined) return undefined
  const match = BOUND.exec(text.trim())
  const percentile = match ? Number(match[1]) : NaN
  const ms = match?.[4] === undefined ? undefined : parseDuration(match[4])
  if (!match || !(percentile > 0 && percentile < 100) || (match[3] === undefined && ms === undefined)) {
    cursor.report(`${cursor.where} must be a bound such as p95 < 500ms or p99 <= +20%, not '${text}'`)
    return undefined
  }
  return {
    text: text.trim(),
    percentile,
    op: match[2] as PercentileBound['op'],
    limit: ms === undefined ? { increase: Number(match[3]) / 100 } : { ms }
  }
}

function readThroughput(
  cursor: Cursor,
  services: readonly ServiceConfig[],
  known: readonly string[]
): BaselineConfig['throughput'] | undefined {
  if (!cursor.exists) return undefined
  const ratePerSecond = cursor.get('rate').integer(1)
  const durationMs = readDuration(cursor.get('duration'), { positive: true })
  if (durationMs !== undefined && durationMs > MAX_BURST_MS)
    cursor
      .get('duration')
      .report(`${cursor.where}.duration must be at most 5m: a burst is a probe, not a load test`)
  const http = services.filter(service => service.probe.kind === 'http')
  const named = readServiceNames(cursor.get('services'), known)
  // Each item is judged where it is written: an unknown name before it must not move the message.
  for (const item of cursor.get('services').items()) {
    const name = item.text()
    if (name !== undefined && named?.includes(name) && !http.some(service => service.name === name))
      item.report(`'${name}' is not an HTTP service: a burst sends HTTP requests`)
  }
  const maxErrorRate = readPercent(cursor.get('max_error_rate'), 100)
  if (ratePerSecond === undefined || durationMs === undefined || durationMs > MAX_BURST_MS) return undefined
  return {
    ratePerSecond,
    durationMs,
    maxErrorRate: maxErrorRate ?? DEFAULT_THROUGHPUT_ERROR_RATE,
    services: named ?? http.map(service => service.name),
    source: cursor.source()
  }
}

/** The listed names, each checked against the services; undefined when no list is given. */
export function readServiceNames(cursor: Cursor, known: readonly string[]): string[] | undefined {
  if (!cursor.exists) return undefined
  const services = new Set(known)
  const didYouMean = didYouMeanAmong(known)
  return cursor.items().flatMap(item => {
    const name = item.text()
    if (name === undefined) return []
    if (!services.has(name)) {
      item.report(`'${name}' is not a service${didYouMean(name, ': name one under services')}`)
      return []
    }
    return [name]
  })
}

/** Every service the file names, including any too broken to run (those are reported elsewhere). */
export function serviceNamesOf(root: Cursor): string[] {
  return root
    .get('services')
    .entries()
    .map(entry => entry.name)
}

function texts(cursor: Cursor): string[] {
  return cursor.items().flatMap(item => item.text() ?? [])
}
