// One YAML file read into a plain document, with the position of each of its nodes.
import {
  Composer,
  CST,
  YAMLParseError,
  isMap,
  isNode,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  type Document
} from 'yaml'
import { childPointer, isMapping, type Mapping } from './document.js'
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

/** What a file refused for its size or depth is told. */
const REFUSED =
  'it is refused here; remove what it does not need or split it into files that extend one another'

/** How many nodes, and characters of keys and values, a file may hold. */
export interface Limits {
  nodes: number
  chars: number
}

export function parseLayer(
  text: string,
  file: string,
  limits: Limits = { nodes: MAX_NODES, chars: MAX_TEXT_CHARS }
): { layer: Layer; problems: ConfigProblem[] } {
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
  /** The file read as empty, for the one problem that stopped its reading. */
  const refused = (offset: number, message: string) => ({
    layer: { file, document: {}, sources: new Map() },
    problems: [problem(offset, message)]
  })
  // yaml's parser, its composer and its conversion recurse once per level of nesting: a file nested
  // thousands of levels deep exhausts the stack wherever it does. It is refused as a file too large is.
  const tooDeep = (detail: string) =>
    refused(
      0,
      `the file nests deeper than the stack can read (${detail}), far deeper than an environment needs: ${REFUSED}`
    )
  const sources: SourceMap = new Map()
  try {
    // One pass of the lexer both counts the file against its limits and feeds the parser, which
    // therefore stops at the token that goes past one, before the document is composed.
    lineCounter.addNewLine(0)
    const parser = new Parser(lineCounter.addNewLine)
    const counted = new SizeCount(limits)
    const tokens: CST.Token[] = []
    for (const lexeme of new Lexer().lex(text)) {
      const limit = counted.passedBy(lexeme)
      if (limit) {
        return refused(
          counted.offset,
          `the file has more than ${limit}, far more than an environment needs: ${REFUSED}`
        )
      }
      for (const token of parser.next(lexeme)) tokens.push(token)
    }
    for (const token of parser.end()) tokens.push(token)
    const yaml = compose(tokens, text.length)
    // After a syntax error the parser's recovery yields a cascade of follow-on errors that only
    // bury the real one: report the first, with a hint for the most common cause.
    const [syntax] = yaml.errors
    // yaml's composer catches the stack's overflow itself and reports it with this code.
    if (syntax?.code === 'RESOURCE_EXHAUSTION') return tooDeep(syntax.message)
    const errors = syntax
      ? [{ offset: syntax.pos[0], message: syntaxMessage(syntax.message, text, syntax.pos[0]) }]
      : []

    // Each node's JSON pointer is its parent's and one segment: building it costs the segment alone.
    const record = (node: unknown, at: string, key?: Position): void => {
      if (!isNode(node) || !node.range) return
      const value = positionOf(node.range[0])
      sources.set(at, { file, key, value })
      if (isMap(node)) {
        const seen = new Map<string, Position>()
        for (const pair of node.items) {
          const key: unknown = isScalar(pair.key) ? pair.key.value : pair.key
          // Named as the document holds it: yaml reads a null key (`: x`, `~: x`) as ''.
          const name = key === null ? '' : String(key)
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
          if (isNode(pair.value)) record(pair.value, childPointer(at, name), keyPosition)
          else sources.set(childPointer(at, name), { file, key: keyPosition, value: keyPosition })
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => record(item, childPointer(at, index)))
      }
      // An alias is not followed: what lies under it is located at the alias.
    }
    record(yaml.contents, '')
    // Like a syntax error, the first duplicate key is the one reported.
    const [firstError] = errors.sort((a, b) => a.offset - b.offset)
    const problems = firstError ? [problem(firstError.offset, firstError.message)] : []

    let value: unknown = {}
    try {
      value = yaml.toJS({ maxAliasCount: 100 }) ?? {}
    } catch (error) {
      if (error instanceof RangeError) return tooDeep(errorMessage(error))
      problems.push(problem(0, `invalid YAML: ${errorMessage(error)}`))
    }
    if (!isMapping(value)) {
      problems.push(problem(0, 'the file must be a mapping of keys such as version and services'))
    }
    const document: Mapping = isMapping(value) ? value : {}
    return { layer: { file, document, sources }, problems }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    return tooDeep(errorMessage(error))
  }
}

/**
 * The first document of the parsed tokens; a second is an error. yaml's own duplicate-key
 * check compares each key with every earlier one of its mapping, which takes minutes for a mapping
 * of many keys: `record` finds duplicates with a set instead.
 */
function compose(tokens: CST.Token[], length: number): Document.Parsed {
  const composer = new Composer({ uniqueKeys: false })
  let first: Document.Parsed | undefined
  for (const document of composer.compose(tokens, true, length)) {
    if (!first) first = document
    else {
      first.errors.push(
        new YAMLParseError(
          [document.range[0], document.range[1]],
          'MULTIPLE_DOCS',
          'a second document starts here (after ---), and an environment is one: remove this --- and what follows, or move it into a file of its own'
        )
      )
      break
    }
  }
  // compose(…, true) ends with a document, an empty one for an empty file.
  if (!first) throw new Error('yaml composed no document')
  return first
}

/** Counts a file's nodes and characters of keys and values, token by token, as the lexer yields them. */
class SizeCount {
  /** Where in the text the next token starts. */
  offset = 0
  private nodes = 0
  private chars = 0
  private scalarNext = false

  constructor(private readonly limits: Limits) {}

  /** The limit `token` goes past, worded; undefined while the file stays within both. */
  passedBy(token: string): string | undefined {
    const type = CST.tokenType(token)
    // The lexer's own markers are not text of the file; `scalar` marks the plain or block scalar next.
    if (type === 'scalar' || type === 'doc-mode' || type === 'flow-error-end') {
      if (type === 'scalar') this.nodes++
      this.scalarNext = type === 'scalar'
      return undefined
    }
    if (type !== null && NODE_TOKENS.has(type)) this.nodes++
    if (this.scalarNext || type === 'single-quoted-scalar' || type === 'double-quoted-scalar')
      this.chars += token.length
    this.scalarNext = false
    if (this.nodes > this.limits.nodes) return `${this.limits.nodes} keys, values and list items`
    if (this.chars > this.limits.chars) return `${this.limits.chars} characters of keys and values`
    this.offset += token.length
    return undefined
  }
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

/** The longest line a syntax error's hint looks at (see trapHint). */
const MAX_HINTED_LINE = 1000

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
  // A hint is for a line written by hand. The regexes below take time growing with the square of
  // the line's length: a longer line (generated, or hostile) gets none, so that no file can stall them.
  if (line.length > MAX_HINTED_LINE) return undefined
  const variableInFlowMap = /\{[^}]*?([\w-]+):\s*([^"',{}]*?\$\{[^}]*\}[^,}]*)/.exec(line)
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
