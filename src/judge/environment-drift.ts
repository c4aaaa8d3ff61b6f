// Config drift: the target environment against the local one it was tested with, both after
// interpolation. A difference is named at the deepest place the two files part (a whole missing
// service is one difference, not one per key), with the file and line on each side. Pure.
import type { Drift } from '../model/figures.js'
import type { ResolvedDocument, SourceRef } from '../config/model.js'
import { dotted, isMapping, type Path } from '../config/document.js'
import { slug } from '../config/steps.js'
import { clip } from '../model/wording.js'
import { percentDecoded } from '../secrets/url-password.js'

export interface DriftRules {
  /** Dotted paths not compared; a path covers everything under it, `*` is any one key. */
  ignore: readonly string[]
  /** Dotted paths that must differ: a difference there passes, the same value warns. */
  expectDifferent: readonly string[]
}

export interface DriftSide {
  resolved: ResolvedDocument
  /** Values never shown: the side's secret variables and URL passwords. */
  secrets: readonly string[]
  /** Required variables without a value (a file read to compare with): `${NAME}` stays as written. */
  unset?: readonly string[]
}

/** The files' own bookkeeping: which environment this is and how it is built, never drift. */
const BOOKKEEPING = new Set(['version', 'environment', 'extends', 'baseline'])
const MAX_SHOWN = 80
const SECRET = '<secret>'

export function compareEnvironments(target: DriftSide, local: DriftSide, rules: DriftRules): Drift[] {
  // As they appear inside JSON text: a secret holding a quote or a backslash is escaped there.
  const secrets = [...target.secrets, ...local.secrets]
    .filter(Boolean)
    .map(s => JSON.stringify(s).slice(1, -1))
  const show = (value: unknown) => {
    const text = JSON.stringify(value) ?? 'nothing'
    return secrets.some(secret => text.includes(secret)) ? SECRET : clip(text, MAX_SHOWN)
  }
  const at = (ref: SourceRef) => `${ref.file}:${ref.line}`
  /** Both sides' values, or, for URLs that hold a secret, the parts of them that differ. */
  const contrast = (t: unknown, l: unknown, targetRef: SourceRef, localRef: SourceRef) => {
    const parts = differingUrlParts(t, l)
    if (!parts || (show(t) !== SECRET && show(l) !== SECRET)) {
      return `${at(targetRef)} has ${show(t)}, ${at(localRef)} has ${show(l)}`
    }
    if (!parts.length)
      return `only the password differs (not shown) between ${at(targetRef)} and ${at(localRef)}`
    const side = (url: URL) => parts.map(part => `${part} ${show(urlPart(url, part))}`).join(', ')
    return `${parts.join(', ')} differ${parts.length === 1 ? 's' : ''}: ${at(targetRef)} has ${side(new URL(String(t)))}, ${at(localRef)} has ${side(new URL(String(l)))}`
  }
  /** Unset variables of each side that this place's value uses, as `${NAME}`. */
  const unresolvedIn = (t: unknown, l: unknown) =>
    [
      ...(target.unset ?? []).filter(name => usesVariable(t, name)),
      ...(local.unset ?? []).filter(name => usesVariable(l, name))
    ].map(name => `\${${name}}`)
  const drifts: Drift[] = []
  const used = new Set<string>()

  // `path` is how the place is named (list items by their id or name); the side paths locate it.
  const visit = (t: unknown, l: unknown, path: Path, tPath: Path, lPath: Path): void => {
    if (path.length === 1 && BOOKKEEPING.has(String(path[0]))) return
    const ignored = rules.ignore.find(rule => covers(rule, path))
    if (ignored) return void used.add(ignored)
    const where = dotted(path)
    const targetRef = target.resolved.locate(tPath)
    const localRef = local.resolved.locate(lPath)
    const expected = rules.expectDifferent.find(rule => matches(rule, path))
    if (expected) used.add(expected)
    const unresolved = t !== undefined && l !== undefined ? unresolvedIn(t, l) : []
    if (unresolved.length && !isMapping(t) && !isMapping(l)) {
      // One side cannot be resolved here: what both files write is compared instead.
      const tWritten = valueAt(target.resolved.written, tPath)
      const lWritten = valueAt(local.resolved.written, lPath)
      const same = canonical(tWritten) === canonical(lWritten)
      const unset = `${unresolved.join(', ')} ${unresolved.length === 1 ? 'is' : 'are'} not set there`
      drifts.push({
        path: where,
        kind: 'unresolved',
        status: same ? 'passed' : 'warning',
        target: targetRef,
        local: localRef,
        message: same
          ? `${where} is written the same in both files (${show(lWritten)}), compared as written: ${unset}`
          : `${where} cannot be compared: ${unset}, and the files write it differently: ${at(targetRef)} has ${show(tWritten)}, ${at(localRef)} has ${show(lWritten)}; give the variable a default there to compare values`
      })
      return
    }
    if (expected) {
      const same = canonical(t) === canonical(l)
      drifts.push(
        same
          ? {
              path: where,
              kind: 'unchanged',
              status: 'warning',
              target: targetRef,
              local: localRef,
              message: `${where} was expected to differ but is the same in ${at(targetRef)} and ${at(localRef)}: ${show(t)}`
            }
          : {
              path: where,
              kind: 'expected',
              status: 'passed',
              target: targetRef,
              local: localRef,
              message: `${where} differs as expected: ${contrast(t, l, targetRef, localRef)}`
            }
      )
      return
    }
    // A variable declared on one side only is drift (an unset variable); how each side declares it
    // (required here, a default there) is not: its value is compared where it is used.
    if (path.length === 2 && path[0] === 'variables' && t !== undefined && l !== undefined) return
    if (t === undefined || l === undefined) {
      // A rule naming a place inside what only one file has names something in that file.
      for (const rule of [...rules.ignore, ...rules.expectDifferent]) if (within(rule, path)) used.add(rule)
      const only = t === undefined ? 'removed' : 'added'
      const [has, lacks] = only === 'added' ? [targetRef, localRef] : [localRef, targetRef]
      drifts.push({
        path: where,
        kind: only,
        status: 'failed',
        target: targetRef,
        local: localRef,
        message: `${where} is in ${at(has)} but not in ${lacks.file} (compare ${at(lacks)})`
      })
      return
    }
    if (isMapping(t) && isMapping(l)) {
      const keys = [...new Set([...Object.keys(t), ...Object.keys(l)])]
      for (const key of keys) visit(t[key], l[key], [...path, key], [...tPath, key], [...lPath, key])
      return
    }
    if (Array.isArray(t) && Array.isArray(l) && !(allScalars(t) && allScalars(l))) {
      for (const item of pairItems(t, l))
        visit(
          item.target,
          item.local,
          [...path, item.key],
          [...tPath, item.targetIndex],
          [...lPath, item.localIndex]
        )
      return
    }
    if (canonical(t) !== canonical(l)) {
      drifts.push({
        path: where,
        kind: 'changed',
        status: 'failed',
        target: targetRef,
        local: localRef,
        message: `${where} differs: ${contrast(t, l, targetRef, localRef)}`
      })
    }
  }

  visit(target.resolved.value, local.resolved.value, [], [], [])
  for (const [list, rulesOfList] of [
    ['ignore', rules.ignore],
    ['expect_different', rules.expectDifferent]
  ] as const) {
    for (const rule of rulesOfList.filter(rule => !used.has(rule))) {
      drifts.push({
        path: rule,
        kind: 'unmatched-rule',
        status: 'warning',
        target: target.resolved.locate(['baseline', list]),
        message: `baseline.${list} lists ${rule}, which is in neither file: a typo?`
      })
    }
  }
  return drifts
}

const URL_PARTS = ['scheme', 'host', 'port', 'database', 'user', 'query'] as const
type UrlPart = (typeof URL_PARTS)[number]
/** A URL without a port means its scheme's: `postgres://db/app` and `postgres://db:5432/app` agree. */
const DEFAULT_PORTS: Record<string, string> = {
  'http:': '80',
  'https:': '443',
  'postgres:': '5432',
  'postgresql:': '5432',
  'redis:': '6379'
}

function urlPart(url: URL, part: UrlPart): string {
  switch (part) {
    case 'scheme':
      return url.protocol.replace(/:$/, '')
    case 'host':
      return url.hostname
    case 'port':
      return url.port || (DEFAULT_PORTS[url.protocol] ?? '')
    case 'database':
      return percentDecoded(url.pathname.replace(/^\//, ''))
    case 'user':
      return percentDecoded(url.username)
    case 'query':
      return url.search
  }
}

/**
 * The parts (never the password) in which two URLs differ, when both are URLs: database URLs differ
 * by nature between environments, and their passwords keep the whole value from being shown.
 */
function differingUrlParts(t: unknown, l: unknown): UrlPart[] | undefined {
  if (typeof t !== 'string' || typeof l !== 'string' || !URL.canParse(t) || !URL.canParse(l)) return undefined
  const [a, b] = [new URL(t), new URL(l)]
  return URL_PARTS.filter(part => urlPart(a, part) !== urlPart(b, part))
}

function usesVariable(value: unknown, name: string): boolean {
  return typeof value === 'string' && value.includes(`\${${name}}`)
}

function valueAt(document: unknown, path: Path): unknown {
  let value = document
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key]
    else if (isMapping(value)) value = value[String(key)]
    else return undefined
  }
  return value
}

/** The rule names this exact place. */
function matches(rule: string, path: Path): boolean {
  const parts = rule.split('.')
  return parts.length === path.length && covers(rule, path)
}

/** The rule names this place or one of its parents. */
function covers(rule: string, path: Path): boolean {
  const parts = rule.split('.')
  return (
    parts.length <= path.length && parts.every((part, index) => part === '*' || part === String(path[index]))
  )
}

/** The rule names a place below this one. */
function within(rule: string, path: Path): boolean {
  const parts = rule.split('.')
  return parts.length > path.length && covers(parts.slice(0, path.length).join('.'), path)
}

function allScalars(items: readonly unknown[]): boolean {
  return items.every(item => item === null || typeof item !== 'object')
}

interface ItemPair {
  /** The item's id (given, or its name slugged, as in its check id), or its position. */
  key: string | number
  target: unknown
  local: unknown
  /** Positions in each list; the list's length where the item is missing (locates the list). */
  targetIndex: number
  localIndex: number
}

/**
 * Items of two lists of mappings, paired by their id when every item has one (steps keep their
 * identity when reordered), else by position.
 */
function pairItems(t: readonly unknown[], l: readonly unknown[]): ItemPair[] {
  const keyOf = (item: unknown) =>
    isMapping(item) ? (item.id ?? (typeof item.name === 'string' ? slug(item.name) : undefined)) : undefined
  const named = [...t, ...l].every(item => typeof keyOf(item) === 'string')
  if (!named) {
    const length = Math.max(t.length, l.length)
    return Array.from({ length }, (_, index) => ({
      key: index,
      target: t[index],
      local: l[index],
      targetIndex: index,
      localIndex: index
    }))
  }
  // Paired by id, an `id` written out on one side only (`sign-in` for "Sign in") is no difference.
  const withoutId = (item: unknown) =>
    isMapping(item) ? Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'id')) : item
  const keys = [...new Set([...t, ...l].map(item => keyOf(item) as string))]
  return keys.map(key => {
    const targetIndex = t.findIndex(item => keyOf(item) === key)
    const localIndex = l.findIndex(item => keyOf(item) === key)
    return {
      key,
      target: withoutId(t[targetIndex]),
      local: withoutId(l[localIndex]),
      targetIndex: targetIndex < 0 ? t.length : targetIndex,
      localIndex: localIndex < 0 ? l.length : localIndex
    }
  })
}

/**
 * The form two values are compared in: a port written 5432 in one file and "5432" (from a
 * ${VARIABLE}) in the other is the same port; lists of scalars compare as sets.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value) && allScalars(value)) return JSON.stringify(value.map(String).sort())
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (isMapping(value))
    return `{${Object.keys(value)
      .sort()
      .map(key => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`
  return value === null || value === undefined ? String(value) : JSON.stringify(String(value))
}
