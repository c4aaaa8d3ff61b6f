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
  // The first layer is the base as it is: one file, as most environments are, costs no copy or walk.
  const [first, ...rest] = layers
  const start: Merged = first
    ? { document: first.document, sources: first.sources }
    : { document: {}, sources: new Map() }
  return rest.reduce<Merged>((base, layer) => {
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
  }, start)
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
