// Layers merge in order, later over earlier: mappings key by key, anything else (lists included)
// replaced whole. Each node of the result keeps the source of the layer that set it.
import { childPointer, isMapping, type Mapping } from './document.js'
import type { Layer } from './parse.js'
import type { SourceMap } from './source-map.js'

export interface Merged {
  document: Mapping
  sources: SourceMap
}

export function mergeLayers(layers: readonly Layer[]): Merged {
  // One file, as most environments are: its document and sources as they are, with no walk to copy them.
  const [only] = layers
  if (only && layers.length === 1) return { document: only.document, sources: only.sources }
  return layers.reduce<Merged>(
    (base, layer) => {
      const document = mergeValues(base.document, layer.document) as Mapping
      const sources: SourceMap = new Map()
      // A node present in the result comes from the later layer if that layer has it, else from the earlier.
      const collect = (value: unknown, key: string): void => {
        const source = layer.sources.get(key) ?? base.sources.get(key)
        if (source) sources.set(key, source)
        if (Array.isArray(value)) {
          value.forEach((item, index) => collect(item, childPointer(key, index)))
        } else if (isMapping(value)) {
          for (const [name, item] of Object.entries(value)) collect(item, childPointer(key, name))
        }
      }
      collect(document, '')
      return { document, sources }
    },
    { document: {}, sources: new Map() }
  )
}

function mergeValues(base: unknown, overlay: unknown): unknown {
  if (!isMapping(base) || !isMapping(overlay)) return overlay
  const keys = new Set([...Object.keys(base), ...Object.keys(overlay)])
  return Object.fromEntries(
    [...keys].map(key => [
      key,
      Object.hasOwn(overlay, key) ? mergeValues(base[key], overlay[key]) : base[key]
    ])
  )
}
