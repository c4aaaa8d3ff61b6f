// The files a configuration names (the environment file, `extends`, `compare_config`, `ca_file`, a
// baseline): where they may live, how they are read, and how messages name them. Whoever writes the
// configuration chooses these paths, so each is read here and nowhere else: only inside its folders
// (symbolic links followed before judging), only a regular file, at most MAX_FILE_BYTES, and only
// valid UTF-8. Nothing is opened before it is judged, so a FIFO or device never blocks or floods a run.
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  type Stats
} from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { isUtf8 } from 'node:buffer'
import { errorMessage } from '../model/errors.js'

export const MAX_FILE_BYTES = 10 * 1024 * 1024
const MAX_FILE_WORDS = '10 MB'
const CHUNK_BYTES = 64 * 1024
// Opening never follows a last-moment symbolic link nor waits for a FIFO's writer (0 where the
// platform has no such flag).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** The folders a file may live in, and how messages name them. */
export interface Confinement {
  roots: readonly string[]
  name: string
}

/** Files of the configuration: inside the workspace (GITHUB_WORKSPACE, or where a local run started). */
export function inWorkspace(workspace: string): Confinement {
  return { roots: [workspace], name: 'the workspace' }
}

/** What a run writes or fetches: the workspace, or the runner's temporary folder. */
export function inWorkspaceOrRunnerTemp(
  workspace: string,
  env: Record<string, string | undefined>
): Confinement {
  if (!env.RUNNER_TEMP) return inWorkspace(workspace)
  return { roots: [workspace, env.RUNNER_TEMP], name: 'the workspace or RUNNER_TEMP' }
}

/** Why a file cannot be used; `fix` is absent when the caller knows the fix better (a wrong path). */
export interface FileProblem {
  reason: string
  fix?: string
  /** The line of the file the problem is on, when it is in the file's text. */
  line?: number
}

export type FileRead = { text: string } | { problem: FileProblem }

/** The text of the file at `absolute`, or why it may not or cannot be read. */
export function readConfinedFile(absolute: string, where: Confinement): FileRead {
  const outside = confinementProblem(absolute, where)
  if (outside) return { problem: outside }
  let real: string
  try {
    real = realpathSync(absolute)
    const seen = statSync(real)
    const kind = unusable(seen)
    if (kind) return { problem: kind }
    return decode(readCapped(real, seen))
  } catch (error) {
    if (error instanceof FileRefusal) return { problem: error.problem }
    return { problem: { reason: unreadable(error) } }
  }
}

/**
 * Why `absolute` may not be used as a file inside `where`: written outside it, or leading outside it
 * through a symbolic link (the nearest existing folder is judged for a file yet to be written).
 */
export function confinementProblem(absolute: string, where: Confinement): FileProblem | undefined {
  const fix = `name a file inside ${where.name}`
  if (
    !within(
      absolute,
      where.roots.map(root => resolve(root))
    )
  )
    return { reason: `is outside ${where.name}`, fix }
  const real = realOfNearest(absolute)
  if (!within(real, where.roots.map(realOfNearest)))
    return { reason: `is a symbolic link to ${real}, outside ${where.name}`, fix }
  return undefined
}

/** Whether writing `target` would replace `existing`, reached directly or through a symbolic link. */
export function sameFile(target: string, existing: string): boolean {
  if (realOfNearest(target) === realOfNearest(existing)) return true
  try {
    const [a, b] = [statSync(target), statSync(existing)]
    return a.dev === b.dev && a.ino === b.ino
  } catch {
    return false
  }
}

/** Relative to the working directory, with forward slashes: the form of every file in sources and problems. */
export function displayPath(workingDirectory: string, absolute: string): string {
  return relative(workingDirectory, absolute).split(sep).join('/')
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'was not found'
  // Resolving reports a loop of links; opening without following links, a link put there since.
  if (code === 'ELOOP') return 'is a symbolic link that loops or changed while it was read'
  return `could not be read (${code ?? errorMessage(error)})`
}

/** A problem found while the file is open, carried out of the read. */
class FileRefusal extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.reason)
  }
}

function unusable(stats: Stats): FileProblem | undefined {
  if (!stats.isFile())
    return { reason: `is not a regular file (it is ${kindOf(stats)})`, fix: 'name a regular file' }
  if (stats.size > MAX_FILE_BYTES) return tooLarge()
  return undefined
}

function tooLarge(): FileProblem {
  return {
    reason: `is larger than ${MAX_FILE_WORDS}, the most a named file may hold`,
    fix: 'name a smaller file'
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a FIFO'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  // The one kind left: links are followed before a file is judged.
  return 'a socket'
}

/** The bytes of the file judged as `seen`: the handle is checked again, as the path may have changed since. */
function readCapped(real: string, seen: Stats): Buffer {
  const fd = openSync(real, OPEN_FLAGS)
  try {
    const opened = fstatSync(fd)
    const changed = opened.dev !== seen.dev || opened.ino !== seen.ino
    const kind = changed ? { reason: 'changed while it was read', fix: 'run again' } : unusable(opened)
    if (kind) throw new FileRefusal(kind)
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.alloc(CHUNK_BYTES)
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null)
      if (read === 0) return Buffer.concat(chunks, total)
      chunks.push(chunk.subarray(0, read))
      total += read
      if (total > MAX_FILE_BYTES) throw new FileRefusal(tooLarge())
    }
  } finally {
    closeSync(fd)
  }
}

/** UTF-8 text, a leading byte order mark dropped; else the line of the first byte that is not UTF-8. */
function decode(bytes: Buffer): FileRead {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    // No byte of a multi-byte UTF-8 sequence is a newline, so lines can be judged one by one.
    let line = 1
    for (let start = 0; start < bytes.length; line++) {
      const end = bytes.indexOf(0x0a, start)
      const stop = end === -1 ? bytes.length : end
      if (!isUtf8(bytes.subarray(start, stop))) break
      start = stop + 1
    }
    return {
      problem: {
        reason: `is not valid UTF-8 (the first byte that is not UTF-8 is on line ${line})`,
        fix: 'save it as UTF-8',
        line
      }
    }
  }
}

function within(path: string, roots: readonly string[]): boolean {
  return roots.some(root => {
    const inner = relative(root, path)
    // The root itself ('') passes these checks: it is inside.
    return inner !== '..' && !inner.startsWith(`..${sep}`) && !isAbsolute(inner)
  })
}

/** The real path of `path`, through its nearest existing ancestor when it does not exist (yet). */
function realOfNearest(path: string): string {
  const absolute = resolve(path)
  try {
    return realpathSync(absolute)
  } catch {
    const parent = resolve(absolute, '..')
    return parent === absolute ? absolute : resolve(realOfNearest(parent), relative(parent, absolute))
  }
}
