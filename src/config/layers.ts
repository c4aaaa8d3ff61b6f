// The environment file and the files it `extends`, in the order they merge: every extended file
// (its own extends first, depth first, each file once) before the file that extends it.
import { dirname, resolve } from 'node:path'
import type { Path } from './document.js'
import { displayPath, inWorkspace, readConfinedFile } from './files.js'
import type { SourceRef } from './model.js'
import { parseLayer, type Layer } from './parse.js'
import type { ConfigProblem } from './problems.js'
import { locate } from './source-map.js'

interface ExtendsEntry {
  written: string
  at: SourceRef
}

export async function readLayers(
  configPath: string,
  workingDirectory: string,
  workspace: string
): Promise<{ layers: Layer[]; problems: ConfigProblem[] }> {
  const layers: Layer[] = []
  const problems: ConfigProblem[] = []
  const visited = new Set<string>()
  const display = (absolute: string): string => displayPath(workingDirectory, absolute)

  const visit = async (absolute: string, chain: string[], entry?: ExtendsEntry): Promise<void> => {
    const file = display(absolute)
    if (entry && chain.includes(absolute)) {
      const cycle = [...chain.slice(chain.indexOf(absolute)), absolute].map(display).join(' → ')
      problems.push({ ...entry.at, message: `extends cycle: ${cycle}: remove one of these extends` })
      return
    }
    if (visited.has(absolute)) return
    visited.add(absolute)

    const read = readConfinedFile(absolute, inWorkspace(workspace))
    if ('problem' in read) {
      const { reason, fix, line } = read.problem
      problems.push(
        line !== undefined
          ? { file, line, column: 1, message: `${file} ${reason}: ${fix}` }
          : entry
            ? {
                ...entry.at,
                message: `extends file '${entry.written}' ${reason} (looked for ${file}): ${fix ?? 'fix the path, which is relative to this file'}`
              }
            : {
                file,
                line: 1,
                column: 1,
                message: `environment file ${file} ${reason}: ${fix ?? 'set the config input to its path, relative to the working directory'}`
              }
      )
      return
    }
    const parsed = parseLayer(read.text, file)
    problems.push(...parsed.problems)
    const { extends: declared, ...document } = parsed.layer.document
    for (const next of extendsEntries(declared, parsed.layer, problems)) {
      await visit(resolve(dirname(absolute), next.written), [...chain, absolute], next)
    }
    layers.push({ ...parsed.layer, document })
  }

  await visit(resolve(workingDirectory, configPath), [])
  return { layers, problems }
}

/** `extends: ./base.yml` or a list of such paths. */
function extendsEntries(declared: unknown, layer: Layer, problems: ConfigProblem[]): ExtendsEntry[] {
  if (declared === undefined) return []
  const list = Array.isArray(declared) ? declared : [declared]
  const entries: ExtendsEntry[] = []
  list.forEach((written, index) => {
    const path: Path = Array.isArray(declared) ? ['extends', index] : ['extends']
    const at = locate(layer.sources, path, 'value', layer.file)
    if (typeof written === 'string' && written !== '') entries.push({ written, at })
    else
      problems.push({
        ...at,
        message: 'extends must be a file path (such as ./base.yml) or a list of file paths'
      })
  })
  return entries
}
