// One YAML file read into a plain document, with the position of each of its nodes.
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import { isMapping, pointer, type Mapping, type Path } from './document.js'
import type { ConfigProblem } from './problems.js'
import type { Position, SourceMap } from './source-map.js'

export interface Layer {
  /** Relative to the working directory, with forward slashes. */
  file: string
  document: Mapping
  sources: SourceMap
}

export function parseLayer(text: string, file: string): { layer: Layer; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter()
  const yaml = parseDocument(text, { lineCounter, prettyErrors: false })
  const positionOf = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  const problem = (offset: number, message: string): ConfigProblem => ({
    file,
    ...positionOf(offset),
    message
  })
  // After a syntax error the parser's recovery yields a cascade of follow-on errors that only
  // bury the real one: report the first, with a hint for the most common cause.
  const [syntax] = yaml.errors
  const problems = syntax ? [problem(syntax.pos[0], syntaxMessage(syntax.message, text, syntax.pos[0]))] : []

  const sources: SourceMap = new Map()
  const record = (node: unknown, path: Path, key?: Position): void => {
    if (!isNode(node) || !node.range) return
    const value = positionOf(node.range[0])
    sources.set(pointer(path), { file, key, value })
    if (isMap(node)) {
      for (const pair of node.items) {
        const name = String(isScalar(pair.key) ? pair.key.value : pair.key)
        const keyPosition = isNode(pair.key) && pair.key.range ? positionOf(pair.key.range[0]) : value
        if (isNode(pair.value)) record(pair.value, [...path, name], keyPosition)
        else sources.set(pointer([...path, name]), { file, key: keyPosition, value: keyPosition })
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => record(item, [...path, index]))
    }
    // An alias is not followed: what lies under it is located at the alias.
  }
  record(yaml.contents, [])

  let value: unknown = {}
  try {
    value = yaml.toJS({ maxAliasCount: 100 }) ?? {}
  } catch (error) {
    problems.push(problem(0, `invalid YAML: ${(error as Error).message}`))
  }
  if (!isMapping(value)) {
    problems.push(problem(0, 'the file must be a mapping of keys such as version and services'))
  }
  const document: Mapping = isMapping(value) ? value : {}
  return { layer: { file, document, sources }, problems }
}

function syntaxMessage(message: string, text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const lineEnd = text.indexOf('\n', offset)
  const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd)
  const unquotedVariable = /\{[^}]*:\s*\$\{/.test(line)
  return unquotedVariable
    ? `invalid YAML: ${message}. A \${VARIABLE} inside a { } map must be quoted, e.g. { url: "\${DATABASE_URL}" }`
    : `invalid YAML: ${message}`
}
