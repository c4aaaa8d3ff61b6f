// Where every node of the merged document was written: the file, line and column of the layer
// that set it, keyed by JSON pointer, so that any problem found later can point at its line.
import { pointer, type Path } from './document.js'
import type { SourceRef } from './model.js'

export interface Position {
  line: number
  column: number
}

export interface NodeSource {
  /** Relative to the working directory, with forward slashes. */
  file: string
  /** Where the key of a mapping entry starts; absent for list items and the root. */
  key?: Position
  value: Position
}

export type SourceMap = Map<string, NodeSource>

/** Problems about a key (unknown, invalid name, missing child) point at the key, others at the value. */
export type Anchor = 'key' | 'value'

/**
 * The position of `path`, or of its nearest ancestor that has one (a missing key points at its
 * parent); `fallbackFile` line 1 when nothing does.
 */
export function locate(sources: SourceMap, path: Path, anchor: Anchor, fallbackFile: string): SourceRef {
  for (let length = path.length; length >= 0; length--) {
    const source = sources.get(pointer(path.slice(0, length)))
    if (!source) continue
    const exact = length === path.length
    const position = (exact && anchor === 'value' ? source.value : source.key) ?? source.value
    return { file: source.file, ...position }
  }
  return { file: fallbackFile, line: 1, column: 1 }
}
