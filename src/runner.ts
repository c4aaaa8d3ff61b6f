// How the action talks to the GitHub runner: inputs from INPUT_* variables, workflow commands on
// stdout (log levels, annotations, groups, masks, the failure), outputs and the job summary through
// the files the runner names. The runner's protocol, written out here so that a run loads none of
// the GitHub toolkit (@actions/core loads an HTTP client as it starts) unless it publishes.
import { existsSync, appendFileSync } from 'node:fs'
import { access, appendFile, constants } from 'node:fs/promises'
import { EOL } from 'node:os'

/** Where an annotation points in the repository. */
export interface AnnotationPlace {
  file: string
  line?: number
  column?: number
}

/** The input as action.yml names it (`fail-on`), trimmed; empty when unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function debug(message: string): void {
  command('debug', {}, message)
}

/** A log line at `level`; with a place, an annotation on that line of that file. */
export function annotate(
  level: 'error' | 'warning' | 'notice',
  message: string,
  place?: AnnotationPlace
): void {
  command(level, place ? { file: place.file, line: place.line, col: place.column } : {}, message)
}

/** `fn`'s log lines, folded under `name`. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  command('group', {}, name)
  try {
    return await fn()
  } finally {
    command('endgroup', {}, '')
  }
}

/** Hides `value` in the runner's log from now on. */
export function mask(value: string): void {
  command('add-mask', {}, value)
}

/** The step fails, with `message` as its error. */
export function fail(message: string): void {
  process.exitCode = 1
  annotate('error', message)
}

/** Sets the step output `name`, in a block whose delimiter neither the name nor the value holds. */
export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT
  if (!file) {
    process.stdout.write(EOL)
    command('set-output', { name }, value)
    return
  }
  const delimiter = delimiterFor(name, value)
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
}

/**
 * A delimiter none of `texts` holds, drawn again until so: whatever a value holds, it cannot end its
 * block early. That check, not the randomness, makes the block safe, so Math.random is enough;
 * node:crypto would cost every run about 3 % of its start.
 */
function delimiterFor(...texts: string[]): string {
  for (;;) {
    const delimiter = `ghadelimiter_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
    if (!texts.some(text => text.includes(delimiter))) return delimiter
  }
}

/** Appends markdown to the job summary, the file GITHUB_STEP_SUMMARY names (which must be set). */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY ?? ''
  try {
    await access(file, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(
      `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`
    )
  }
  await appendFile(file, markdown, 'utf8')
}

/** `::name key=value,key=value::message`: properties without a value are left out. */
function command(
  name: string,
  properties: Record<string, string | number | undefined>,
  message: string
): void {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '' && value !== 0)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',')
  process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
