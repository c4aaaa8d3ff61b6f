// The deploy and smoke steps: lists run in order, each with a stable id. Smoke steps may refer to
// values an earlier step captured, as ${steps.<id>.<name>} in data and as ${STEPS_<ID>_<NAME>} (an
// environment variable) in run:; those references are checked here and resolved when the step runs.
import { stepReferences } from '../model/step-reference.js'
import type { Cursor } from './cursor.js'
import { defined } from './document.js'
import { readDuration } from './duration.js'
import type { Capture, DeployStep, SmokeStep } from './model.js'
import { readCommandExpect, readCommandSpec, readHttp } from './probes.js'

const DEPLOY_TIMEOUT_MS = 15 * 60_000
const DEPLOY_RETRY_DELAY_MS = 10_000
const SMOKE_RETRY_DELAY_MS = 1_000
export const CAPTURED_PREFIX = 'STEPS_'
const CAPTURED_REFERENCE = /\$\{(STEPS_\w+)(:-[^}]*)?\}/g
// A header name is an HTTP token (RFC 9110).
const CAPTURE_SOURCE = /^(\$.*|header:[!#$%&'*+.^_`|~0-9A-Za-z-]+)$/
/** Keys of a run step that an http step has no use for. */
const RUN_ONLY = ['shell', 'env', 'working_directory', 'expect']

export function readDeploy(root: Cursor, workingDirectory: string): DeployStep[] {
  const list = root.get('deploy')
  const ids = new Set<string>()
  return list.items().map(step => ({
    ...readCommandSpec(step, workingDirectory),
    ...identity(step, ids),
    timeoutMs: readDuration(step.get('timeout'), { positive: true }) ?? DEPLOY_TIMEOUT_MS,
    retries: step.get('retries').integer(0) ?? 0,
    retryDelayMs: readDuration(step.get('retry_delay')) ?? DEPLOY_RETRY_DELAY_MS,
    always: step.get('always').boolean() ?? false,
    source: step.source('value')
  }))
}

export function readSmoke(root: Cursor, workingDirectory: string, defaultTimeoutMs: number): SmokeStep[] {
  const ids = new Set<string>()
  /** What each earlier step captures, by id; undefined for a step too broken to tell. */
  const captured = new Map<string, string[] | undefined>()
  /** Environment variable -> the `${steps.<id>.<name>}` it holds, for the steps read so far. */
  const exported = new Map<string, string>()
  const steps: SmokeStep[] = []
  for (const step of root.get('smoke').items()) {
    const { id, name } = identity(step, ids)
    const check = readCheck(step, workingDirectory)
    checkReferences(step, captured)
    checkCapturedVariables(step.get('run'), exported)
    captured.set(id, check && (check.kind === 'http' ? Object.keys(check.capture) : []))
    exportCaptures(step.get('http').get('capture'), id, exported)
    if (!check) continue
    steps.push({
      id,
      name,
      timeoutMs: readDuration(step.get('timeout'), { positive: true }) ?? defaultTimeoutMs,
      retries: step.get('retries').integer(0) ?? 0,
      retryDelayMs: readDuration(step.get('retry_delay')) ?? SMOKE_RETRY_DELAY_MS,
      always: step.get('always').boolean() ?? false,
      critical: step.get('critical').boolean() ?? false,
      check,
      source: step.source('value')
    })
  }
  return steps
}

/** References to captured values belong to smoke steps only: elsewhere nothing has captured them. */
export function forbidReferences(root: Cursor): void {
  for (const section of root.entries()) {
    // Variables are not interpolated: a reference there is judged where the variable is used.
    if (['smoke', 'variables'].includes(section.name)) continue
    for (const { at } of references(section)) {
      at.report(`${at.where}: \${steps.…} can only be used in smoke steps, not in ${section.name}`)
    }
  }
}

function readCheck(step: Cursor, workingDirectory: string): SmokeStep['check'] | undefined {
  const http = step.get('http')
  const run = step.get('run')
  if (http.exists === run.exists) {
    const problem = http.exists ? 'has both http and run' : 'has neither http nor run'
    step.report(`${step.where} ${problem}: give it exactly one of them`, 'value')
    return undefined
  }
  if (run.exists) {
    return {
      kind: 'command',
      ...readCommandSpec(step, workingDirectory),
      expect: readCommandExpect(step.get('expect'))
    }
  }
  for (const misplaced of RUN_ONLY.map(key => step.get(key)).filter(cursor => cursor.exists)) {
    const fix = misplaced.name === 'expect' ? "an http step's expect goes under http" : 'remove it here'
    misplaced.report(`${misplaced.where} is for run steps: ${fix}`, 'key')
  }
  return { ...readHttp(http, workingDirectory), capture: readCapture(http.get('capture')) }
}

/** `name: $.path`, or `name: { from: $.path, secret: true }`; see `isSecretCapture` for the default. */
function readCapture(capture: Cursor): Record<string, Capture> {
  return capture.mapping(entry => {
    const written = entry.text() === undefined ? entry.get('from') : entry
    const where = written.text()
    if (where === undefined || !CAPTURE_SOURCE.test(where)) {
      written.report(`${written.where} must be a JSONPath such as $.token, or header:<name>, not '${where}'`)
      return undefined
    }
    const from = where.startsWith('header:') ? `header:${where.slice('header:'.length).toLowerCase()}` : where
    return { from, secret: entry.get('secret').boolean() ?? isSecretCapture(entry.name, from) }
  })
}

/** Names of what holds credentials: a capture named so, or read from a field or header named so. */
const SECRET_NAME = /token|secret|passw(or)?d|pwd|key|session|cookie|authori[sz]ation|credential|jwt|bearer/i

/**
 * A captured value is a secret when the capture says so (`secret: true`), or, unless it says
 * `secret: false`, when its name or the field or header it is read from names a credential: an id, a
 * count or a status captured from a request that sent a token is not one.
 */
export function isSecretCapture(name: string, from: string): boolean {
  return SECRET_NAME.test(name) || SECRET_NAME.test(from)
}

/** The step's name and id (given, or the name slugged), unique within its list. */
export function identity(step: Cursor, ids: Set<string>): { id: string; name: string } {
  const name = step.get('name').text() ?? ''
  const id = step.get('id').text() ?? slug(name)
  // A missing name is already a problem of its own (the schema's); an empty one may come from a variable.
  if (!id && step.get('name').exists) {
    step.get('name').report(`${step.where}.name '${name}' gives no id: add an id of letters and digits`)
  } else if (id && ids.has(id)) {
    const at = step.get('id').exists ? step.get('id') : step.get('name')
    at.report(`${step.where}: id '${id}' is used by an earlier step; give this step its own id`)
  }
  ids.add(id)
  return defined({ id, name })
}

/** "Sign in (admin)" -> sign-in-admin */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

function checkReferences(step: Cursor, captured: Map<string, string[] | undefined>): void {
  for (const { at, id, name } of references(step)) {
    const names = captured.get(id)
    const reference = `\${steps.${id}.${name}}`
    if (!captured.has(id)) {
      at.report(`${at.where}: ${reference} names no earlier smoke step with id '${id}'`)
    } else if (names && !names.includes(name)) {
      const offer = names.length ? `it captures ${names.join(', ')}` : 'it captures nothing'
      at.report(`${at.where}: ${reference}: step ${id} captures no '${name}'; ${offer}`)
    }
  }
}

/** The environment variable a command gets a captured value in: STEPS_<ID>_<NAME>, upper-cased. */
export function capturedVariable(id: string, name: string): string {
  return `${CAPTURED_PREFIX}${id}_${name}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_')
}

/** The captured values a script uses, by environment variable; `required` when it gives no :-default. */
export function capturedVariablesIn(script: string): Array<{ variable: string; required: boolean }> {
  return [...script.matchAll(CAPTURED_REFERENCE)].map(([, variable = '', fallback]) => ({
    variable,
    required: fallback === undefined
  }))
}

/** Two captures whose names meet in one variable (id a-b's c and id a's b_c) would overwrite each other. */
function exportCaptures(capture: Cursor, id: string, exported: Map<string, string>): void {
  for (const entry of capture.entries()) {
    const variable = capturedVariable(id, entry.name)
    const reference = `\${steps.${id}.${entry.name}}`
    const earlier = exported.get(variable)
    if (earlier) {
      entry.report(
        `${entry.where}: ${reference} would reach run: as ${variable}, like ${earlier}: rename one of them`,
        'key'
      )
    }
    exported.set(variable, reference)
  }
}

function checkCapturedVariables(run: Cursor, exported: Map<string, string>): void {
  const script = run.text()
  if (script === undefined) return
  for (const { variable } of capturedVariablesIn(script)) {
    if (exported.has(variable)) continue
    const offer = exported.size
      ? `earlier steps capture ${[...exported.keys()].join(', ')}`
      : 'no earlier step captures anything'
    run.report(`${run.where}: \${${variable}} is not a value an earlier smoke step captures; ${offer}`)
  }
}

/** Every ${steps.<id>.<name>} in the strings under `cursor`, with the place it was written. */
function references(cursor: Cursor): Array<{ at: Cursor; id: string; name: string }> {
  if (typeof cursor.value === 'string') {
    return stepReferences(cursor.value).map(reference => ({ at: cursor, ...reference }))
  }
  const children = Array.isArray(cursor.value) ? cursor.items() : cursor.entries()
  return children.flatMap(references)
}
