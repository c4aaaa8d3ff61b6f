// depends_on: every name must be a service, and no service may wait for itself through others.
import type { Cursor } from './cursor.js'
import { didYouMeanAmong } from './suggest.js'

export interface Dependent {
  service: Cursor
  /** The depends_on entries. */
  needs: Cursor[]
}

export function checkDependencies(dependents: readonly Dependent[]): void {
  const byName = new Map(dependents.map(dependent => [dependent.service.name, dependent]))
  const didYouMean = didYouMeanAmong([...byName.keys()])
  for (const { service, needs } of dependents) {
    for (const need of needs) {
      const name = need.text()
      if (name === undefined || byName.has(name)) continue
      const hint = didYouMean(name, ': add it under services, or remove it from depends_on')
      need.report(`${service.where} depends on '${name}', which is not a service${hint}`)
    }
  }

  // Depth first; an entry leading back into the current path closes a cycle and is reported once.
  const state = new Map<string, 'visiting' | 'done'>()
  const path: string[] = []
  const visit = ({ service, needs }: Dependent): void => {
    state.set(service.name, 'visiting')
    path.push(service.name)
    for (const need of needs) {
      const next = byName.get(need.text() ?? '')
      if (!next) continue
      const seen = state.get(next.service.name)
      if (seen === 'visiting') {
        const cycle = [...path.slice(path.indexOf(next.service.name)), next.service.name].join(' → ')
        need.report(`dependency cycle: ${cycle}: remove one of these depends_on`)
      } else if (seen === undefined) {
        visit(next)
      }
    }
    path.pop()
    state.set(service.name, 'done')
  }
  for (const dependent of dependents) if (!state.has(dependent.service.name)) visit(dependent)
}
