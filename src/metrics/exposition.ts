// The Prometheus text exposition format (version 0.0.4, which OpenMetrics text also reads as):
// one sample per line, `name{label="value",...} value [timestamp]`, with `# HELP` and `# TYPE`
// lines and other comments. Histograms and summaries are plain samples here (`_bucket{le=...}`,
// `_sum`, `_count`, `{quantile=...}`), which selectors pick like any other.
import { LABEL_NAME, METRIC_NAME, type Labels } from './selector.js'
import { readQuoted } from './quoted.js'

export interface Sample {
  name: string
  labels: Labels
  /** NaN, +Inf and -Inf included. */
  value: number
  timestampMs?: number
}

export interface Exposition {
  samples: Sample[]
  /** The first line that is not in the format, as Prometheus refuses such a scrape. */
  problem?: { line: number; message: string }
}

const TYPES = new Set([
  'counter',
  'gauge',
  'histogram',
  'summary',
  'untyped',
  'unknown',
  'info',
  'stateset',
  'gaugehistogram'
])
const FLOAT = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i
const TIMESTAMP = /^-?\d+$/

export function parseExposition(text: string): Exposition {
  const samples: Sample[] = []
  const lines = text.split('\n')
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '').trim()
    if (line === '') continue
    const problem = line.startsWith('#') ? commentProblem(line) : readSample(line, samples)
    if (problem !== undefined) return { samples, problem: { line: index + 1, message: problem } }
  }
  return { samples }
}

/** `# HELP name text` and `# TYPE name type` must be well formed; any other comment is free text. */
function commentProblem(line: string): string | undefined {
  const [, keyword, name, rest = ''] = /^#\s+(HELP|TYPE)(?:\s+(\S+))?(?:\s+(.*))?$/.exec(line) ?? []
  if (keyword === undefined) return undefined
  if (name === undefined || METRIC_NAME.exec(name)?.[0] !== name) return `# ${keyword} names no metric`
  if (keyword === 'TYPE' && !TYPES.has(rest.trim()))
    return `# TYPE ${name} has an unknown type '${rest.trim()}'`
  return undefined
}

function readSample(line: string, samples: Sample[]): string | undefined {
  const name = METRIC_NAME.exec(line)?.[0]
  if (name === undefined) return 'a sample must start with a metric name'
  let rest = line.slice(name.length).trimStart()
  const labels: Labels = {}
  if (rest.startsWith('{')) {
    rest = rest.slice(1).trimStart()
    while (!rest.startsWith('}')) {
      const label = LABEL_NAME.exec(rest)?.[0]
      if (label === undefined) return `${name}: expected a label name or }`
      rest = rest.slice(label.length).trimStart()
      if (!rest.startsWith('=')) return `${name}: expected = after label ${label}`
      const quoted = readQuoted(rest.slice(1).trimStart())
      if ('problem' in quoted) return `${name}, label ${label}: ${quoted.problem}`
      if (label in labels) return `${name}: label ${label} is given twice`
      labels[label] = quoted.value
      rest = quoted.rest.trimStart()
      if (rest.startsWith(',')) rest = rest.slice(1).trimStart()
      else if (!rest.startsWith('}')) return `${name}: expected , or } after label ${label}`
    }
    rest = rest.slice(1)
  }
  const [written = '', timestamp, extra] = rest.trim().split(/\s+/)
  const value = parseSampleValue(written)
  if (value === undefined) return `${name}: '${written}' is not a number`
  if (extra !== undefined) return `${name}: unexpected '${extra}' after the timestamp`
  if (timestamp !== undefined && !TIMESTAMP.test(timestamp)) {
    return `${name}: timestamp '${timestamp}' is not whole milliseconds`
  }
  samples.push({
    name,
    labels,
    value,
    ...(timestamp !== undefined && { timestampMs: Number(timestamp) })
  })
  return undefined
}

/** A sample value as Go writes floats: 1.5, 1e3, NaN, +Inf, -Inf; undefined for anything else. */
export function parseSampleValue(text: string): number | undefined {
  if (!FLOAT.test(text)) return undefined
  // Number() reads 1e3 and Infinity but not Go's Inf or NaN spellings in any case.
  const word = text.replace(/^[+-]/, '').toLowerCase()
  if (word === 'nan') return NaN
  if (word === 'inf' || word === 'infinity') return text.startsWith('-') ? -Infinity : Infinity
  return Number(text)
}
