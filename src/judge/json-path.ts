// Reads a JSONPath from a document, with jsonpath-plus's sandboxed evaluator: a filter expression is
// interpreted, never run as code.
import { JSONPath } from 'jsonpath-plus'

/** The single value at `path`, the list of values when it matches several, undefined when none. */
export function readJsonPath(document: unknown, path: string): unknown {
  // ignoreEvalErrors: a filter over elements that lack the field it reads skips them, as a user means.
  const found = JSONPath({
    path,
    json: document as object,
    wrap: true,
    eval: 'safe',
    ignoreEvalErrors: true
  }) as unknown[]
  return found.length === 0 ? undefined : found.length === 1 ? found[0] : found
}
