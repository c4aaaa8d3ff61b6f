// How the loader names the files it reads, and says why it could not read one.
import { relative, sep } from 'node:path'

/** Relative to the working directory, with forward slashes: the form of every file in sources and problems. */
export function displayPath(workingDirectory: string, absolute: string): string {
  return relative(workingDirectory, absolute).split(sep).join('/')
}

export function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' ? 'not found' : `could not be read (${code ?? (error as Error).message})`
}
