// Parts of the contract that this version does not run yet. The schema accepts them so that
// editors know the names; the loader refuses them, rather than ignore what the user asked for.
import { pointer, type Path } from './document.js'
import type { Cursor } from './cursor.js'

const UNSUPPORTED: Path[] = [['security'], ['notify']]
const UNSUPPORTED_POINTERS = new Set(UNSUPPORTED.map(pointer))

export function isUnsupported(path: Path): boolean {
  return UNSUPPORTED_POINTERS.has(pointer(path))
}

export function reportUnsupported(root: Cursor): void {
  for (const path of UNSUPPORTED) {
    const cursor = path.reduce<Cursor>((parent, key) => parent.get(String(key)), root)
    if (cursor.exists) {
      cursor.report(
        `'${cursor.where}' is not supported yet by this version of deploy-verify; remove it for now`,
        'key'
      )
    }
  }
}
