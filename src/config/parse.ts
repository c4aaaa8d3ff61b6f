// One YAML file read into a plain document, with the position of each of its nodes.
import { CST, isMap, isNode, isScalar, isSeq, Lexer, LineCounter, parseDocument } from 'yaml'
import { isMapping, pointer, type Mapping, type Path } from './document.js'
import type { ConfigProblem } from './problems.js'
import type { Position, SourceMap } from './source-map.js'
import { errorMessage } from '../model/errors.js'

export interface Layer {
  /** Relative to the working directory, with forward slashes. */
  file: string
  document: Mapping
  sources: SourceMap
}

/**
 * An environment file has hundreds of keys and values and some kilobytes of text, not this much:
 * beyond either limit the file is refused before it is parsed, as parsing, checking and reporting
 * take time and memory in proportion to them.
 */
export const MAX_NODES = 50_000
export const MAX_TEXT_CHARS = 1024 * 1024

export function parseLayer(text: string, file: string): { layer: Layer; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter()
  const positionOf = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  const problem = (offset: number, message: string): ConfigProblem => ({
    file,
    ...positionOf(offset),
    message
  })
  const sources: SourceMap = new Map()
  const tooLarge = beyondLimits(text)
  if (tooLarge) {
    // The line counter learns where lines start from the parser, which does not run here.
    lineCounter.addNewLine(0)
    for (let at = text.indexOf('\n'); at !== -1 && at < tooLarge.offset; at = text.indexOf('\n', at + 1)) {
      lineCounter.addNewLine(at + 1)
    }
    const message = `the file has more than ${tooLarge.limit}, far more than an environment needs: it is refused here; remove what it does not need or split it into files that extend one another`
    return { layer: { file, document: {}, sources }, problems: [problem(tooLarge.offset, message)] }
  }

  // yaml's own duplicate-key check compares each key with every earlier one of its mapping, which
  // takes minutes for a mapping of many keys: `record` finds duplicates with a set instead.
  const yaml = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false })
  // After a syntax error the parser's recovery yields a cascade of follow-on errors that only
  // bury the real one: report the first, with a hint for the most common cause.
  const [syntax] = yaml.errors
  const errors = syntax
    ? [{ offset: syntax.pos[0], message: syntaxMessage(syntax.message, text, syntax.pos[0]) }]
    : []

  const record = (node: unknown, path: Path, key?: Position): void => {
    if (!isNode(node) || !node.range) return
    const value = positionOf(node.range[0])
    sources.set(pointer(path), { file, key, value })
    if (isMap(node)) {
      const seen = new Map<string, Position>()
      for (const pair of node.items) {
        const name = String(isScalar(pair.key) ? pair.key.value : pair.key)
        const keyOffset = isNode(pair.key) && pair.key.range ? pair.key.range[0] : undefined
        const keyPosition = keyOffset === undefined ? value : positionOf(keyOffset)
        const first = seen.get(name)
        if (first && keyOffset !== undefined) {
          errors.push({
            offset: keyOffset,
            message: `invalid YAML: duplicate key '${name}', first written at line ${first.line}: keep one of them`
          })
        }
        seen.set(name, first ?? keyPosition)
        if (isNode(pair.value)) record(pair.value, [...path, name], keyPosition)
        else sources.set(pointer([...path, name]), { file, key: keyPosition, value: keyPosition })
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => record(item, [...path, index]))
    }
    // An alias is not followed: what lies under it is located at the alias.
  }
  record(yaml.contents, [])
  // Like a syntax error, the first duplicate key is the one reported.
  const [firstError] = errors.sort((a, b) => a.offset - b.offset)
  const problems = firstError ? [problem(firstError.offset, firstError.message)] : []

  let value: unknown = {}
  try {
    value = yaml.toJS({ maxAliasCount: 100 }) ?? {}
  } catch (error) {
    problems.push(problem(0, `invalid YAML: ${errorMessage(error)}`))
  }
  if (!isMapping(value)) {
    problems.push(problem(0, 'the file must be a mapping of keys such as version and services'))
  }
  const document: Mapping = isMapping(value) ? value : {}
  return { layer: { file, document, sources }, problems }
}

/** Where the file goes past MAX_NODES or MAX_TEXT_CHARS, as the lexer alone sees it; undefined if it does not. */
function beyondLimits(text: string): { offset: number; limit: string } | undefined {
  let nodes = 0
  let chars = 0
  let offset = 0
  let scalarNext = false
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token)
    // The lexer's own markers are not text of the file; `scalar` marks the plain or block scalar next.
    if (type === 'scalar' || type === 'doc-mode' || type === 'flow-error-end') {
      if (type === 'scalar') nodes++
      scalarNext = type === 'scalar'
      continue
    }
    if (type !== null && NODE_TOKENS.has(type)) nodes++
    if (scalarNext || type === 'single-quoted-scalar' || type === 'double-quoted-scalar')
      chars += token.length
    scalarNext = false
    if (nodes > MAX_NODES) return { offset, limit: `${MAX_NODES} keys, values and list items` }
    if (chars > MAX_TEXT_CHARS) return { offset, limit: `${MAX_TEXT_CHARS} characters of keys and values` }
    offset += token.length
  }
  return undefined
}

/** Tokens that begin a node; plain scalars are counted by the lexer's marker before them. */
const NODE_TOKENS = new Set<string>([
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar-header',
  'flow-map-start',
  'flow-seq-start',
  'seq-item-ind',
  'alias'
])

/** The parser's message, with how to write it when the line shows one of the common YAML traps. */
function syntaxMessage(message: string, text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const lineEnd = text.indexOf('\n', offset)
  const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd)
  const hint = trapHint(line)
  return hint ? `invalid YAML: ${message}. ${hint}` : `invalid YAML: ${message}`
}

/**
 * Two traps catch most people. `{ authorization: Bearer ${TOKEN} }`: in a { } map the `{` of an
 * unquoted `${` opens another map. `run: echo "ERROR: x"`: a colon and a space inside an unquoted
 * value start a nested key. Quoting the value avoids both; the hint shows the line so written.
 */
function trapHint(line: string): string | undefined {
  const variableInFlowMap = /\{[^}]*?([\w-]+):\s*([^\s"',{}]?[^"',{}]*?\$\{[^}]*\}[^,}]*)/.exec(line)
  if (variableInFlowMap) {
    const [, key, value] = variableInFlowMap as unknown as [string, string, string]
    return `A value with \${VARIABLE} inside a { } map must be quoted: write ${key}: "${value.trim()}"`
  }
  const colonInValue = /^\s*(?:-\s+)?([\w.-]+):\s+([^\s"'{[|>&*!#][^#]*?:\s.*?)\s*$/.exec(line)
  if (colonInValue) {
    const [, key, value] = colonInValue as unknown as [string, string, string]
    // In single quotes nothing is special but the quote itself, written twice.
    return `The value of ${key} holds ': ', which YAML reads as a nested key: quote the whole value, write ${key}: '${value.replaceAll("'", "''")}'`
  }
  return undefined
}
