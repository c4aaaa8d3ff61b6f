// A finding is a problem known by its place in the document; it becomes a ConfigProblem once the
// source map has told its file, line and column.
import { pointer, type Path } from './document.js'
import { createRedactor } from '../secrets/redact.js'
import type { ConfigProblem } from './problems.js'
import { locate, type Anchor, type SourceMap } from './source-map.js'

export interface Finding {
  path: Path
  anchor: Anchor
  message: string
}

/**
 * The problems of a run, sorted and without secrets. `stages` are in the order they ran (schema,
 * interpolation, normalization): a finding at a place an earlier stage already flagged would only
 * be a consequence of the first problem there, so it is left out.
 */
export function toProblems(
  stages: ReadonlyArray<readonly Finding[]>,
  sources: SourceMap,
  fallbackFile: string,
  secrets: readonly string[]
): ConfigProblem[] {
  const redactor = createRedactor(secrets)
  const flagged = new Set<string>()
  const problems = new Map<string, ConfigProblem>()
  for (const stage of stages) {
    const kept = stage.filter(finding => !flagged.has(pointer(finding.path)))
    for (const finding of kept) {
      flagged.add(pointer(finding.path))
      const problem = {
        ...locate(sources, finding.path, finding.anchor, fallbackFile),
        message: redactor.text(finding.message)
      }
      problems.set(JSON.stringify(problem), problem)
    }
  }
  return sortProblems([...problems.values()])
}

export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column
  )
}
