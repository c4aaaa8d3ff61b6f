// A series selector as PromQL writes one: a metric name and label matchers,
// `http_requests_in_flight{route="/api",method=~"GET|POST"}`. Regular expressions are anchored, as
// in PromQL, and run by RE2.
import { matchesPattern, patternProblem } from '../config/pattern.js'
import { readQuoted } from './quoted.js'

export type LabelOp = '=' | '!=' | '=~' | '!~'

export interface LabelMatcher {
  label: string
  op: LabelOp
  value: string
}

export interface Selector {
  name: string
  matchers: LabelMatcher[]
}

export type Labels = Record<string, string>

export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/

/** The selector at the start of `text` and the rest of the text, or why it is not one. */
export function readSelector(text: string): { selector: Selector; rest: string } | { problem: string } {
  const name = METRIC_NAME.exec(text)?.[0]
  if (name === undefined) return { problem: 'does not start with a metric name' }
  let rest = text.slice(name.length).trimStart()
  const matchers: LabelMatcher[] = []
  if (rest.startsWith('{')) {
    rest = rest.slice(1).trimStart()
    while (!rest.startsWith('}')) {
      const label = LABEL_NAME.exec(rest)?.[0]
      if (label === undefined) return { problem: `expected a label name at '${rest.slice(0, 20)}'` }
      rest = rest.slice(label.length).trimStart()
      const op = (['=~', '!~', '!=', '='] as const).find(o => rest.startsWith(o))
      if (op === undefined) return { problem: `expected =, !=, =~ or !~ after label ${label}` }
      const quoted = readQuoted(rest.slice(op.length).trimStart())
      if ('problem' in quoted) return { problem: `label ${label}: ${quoted.problem}` }
      if (op.endsWith('~')) {
        const problem = patternProblem(quoted.value)
        if (problem !== undefined) return { problem: `label ${label}: ${problem}` }
      }
      matchers.push({ label, op, value: quoted.value })
      rest = quoted.rest.trimStart()
      if (rest.startsWith(',')) rest = rest.slice(1).trimStart()
      else if (!rest.startsWith('}')) return { problem: `expected , or } after label ${label}` }
    }
    rest = rest.slice(1)
  }
  return { selector: { name, matchers }, rest: rest.trim() }
}

/** Whether a sample of `name` with `labels` is selected. A missing label reads as '', as in PromQL. */
export function selects(selector: Selector, name: string, labels: Labels): boolean {
  return (
    selector.name === name &&
    selector.matchers.every(({ label, op, value }) => {
      const seen = labels[label] ?? ''
      switch (op) {
        case '=':
          return seen === value
        case '!=':
          return seen !== value
        case '=~':
          return matchesPattern(`^(?:${value})$`, seen)
        case '!~':
          return !matchesPattern(`^(?:${value})$`, seen)
      }
    })
  )
}

/** `name{a="x",b="y"}`, quoting values as the exposition format does. */
export function seriesName(name: string, labels: Labels): string {
  const pairs = Object.entries(labels).map(([label, value]) => `${label}=${JSON.stringify(value)}`)
  return pairs.length ? `${name}{${pairs.join(',')}}` : name
}
