// The plain document a YAML file becomes: mappings, lists and scalars, addressed by paths.
import { clip, oneLine } from '../model/wording.js'

/** Characters of a key or value a message quotes. */
const MAX_EXCERPT = 40

export type Mapping = Record<string, unknown>

/** Keys of mappings and indexes of lists, from the root down. */
export type Path = ReadonlyArray<string | number>

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The JSON pointer of a path: the form ajv reports and the key of the source map. */
export function pointer(path: Path): string {
  return path.reduce<string>(childPointer, '')
}

/** The JSON pointer of a child from its parent's: walks of the whole document build theirs this way. */
export function childPointer(parent: string, segment: string | number): string {
  return `${parent}/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`
}

/** The path a JSON pointer names in `document`, with list indexes as numbers. */
export function pathOf(document: unknown, jsonPointer: string): Path {
  const path: Array<string | number> = []
  let node = document
  for (const raw of jsonPointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    const key = Array.isArray(node) ? Number(segment) : segment
    path.push(key)
    node = Array.isArray(node) ? node[key as number] : isMapping(node) ? node[segment] : undefined
  }
  return path
}

/** `services.api.http.expect.json["$.status"]`: how messages name a place in the document. */
export function dotted(path: Path): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`
      if (/^[\w-]+$/.test(segment)) return index === 0 ? segment : `.${segment}`
      return `[${JSON.stringify(segment)}]`
    })
    .join('')
}

/**
 * A key or value of the file as a message quotes it: one line of at most 40 characters, so that a
 * file which is not an environment file (a password file named by mistake) is never echoed whole.
 */
export function excerpt(text: string): string {
  return clip(oneLine(text), MAX_EXCERPT)
}

/** `dotted`, each key cut to an excerpt: for messages about keys the schema does not know. */
export function dottedExcerpt(path: Path): string {
  return dotted(path.map(segment => (typeof segment === 'string' ? excerpt(segment) : segment)))
}

/** The object without its undefined members, so normalized specs carry only what is set. */
export function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T
}
