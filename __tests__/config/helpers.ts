// Config files written into a fresh temporary working directory, and the outcome of loading them.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { loadEnvironment, type LoadOptions } from '../../src/config/load.js'
import type { EnvironmentConfig } from '../../src/config/model.js'
import { ConfigError } from '../../src/config/problems.js'

const created: string[] = []

/** Removes every working directory the tests of the file created. */
export async function cleanup(): Promise<void> {
  await Promise.all(created.splice(0).map(directory => rm(directory, { recursive: true, force: true })))
}

/** A working directory holding `files` (path -> content). */
export async function workspace(files: Record<string, string>): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'deploy-verify-config-'))
  created.push(directory)
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(directory, path)), { recursive: true })
    await writeFile(join(directory, path), content)
  }
  return directory
}

export type LoadExtras = Partial<Omit<LoadOptions, 'workingDirectory'>>

/** Loads `files` from a fresh working directory; the environment file is `env.yml` unless told. */
export async function load(
  files: Record<string, string>,
  extras: LoadExtras = {}
): Promise<EnvironmentConfig> {
  const workingDirectory = await workspace(files)
  return loadEnvironment({ configPath: 'env.yml', env: {}, ...extras, workingDirectory })
}

/** The ConfigError that loading `files` must throw. */
export async function failure(files: Record<string, string>, extras: LoadExtras = {}): Promise<ConfigError> {
  const error = await load(files, extras).then(
    () => undefined,
    (thrown: unknown) => thrown
  )
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`)
  return error
}

/** The problems loading `files` reports, as `file:line:column: message`. */
export async function problems(files: Record<string, string>, extras: LoadExtras = {}): Promise<string[]> {
  return (await failure(files, extras)).message.split('\n')
}

/**
 * YAML written indented inside a test. It is taken raw, so that an escape such as \r reaches YAML,
 * except that \${ (which JavaScript requires) becomes ${. The common indentation and the first
 * line break are removed: line 1 of the file is the first line of the literal.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw(strings, ...values)
    .replace(/\\\$/g, '$')
    .replace(/^\n/, '')
  const indents = text
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(line => /^ */.exec(line)?.[0].length ?? 0)
  const common = Math.min(...indents)
  return text
    .split('\n')
    .map(line => line.slice(common))
    .join('\n')
    .replace(/[ ]+$/, '')
}
