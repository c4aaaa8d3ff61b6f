// The runner's log, written in one system call per turn of the event loop. A run logs a line per
// check; written one by one, those writes cost more CPU than the checks' own work (a write to the
// runner's pipe wakes its reader each time). Order is kept: every write to the stream is held.
import type { Writable } from 'node:stream'

const held = new WeakSet<Writable>()

/** Holds what `stream` is given until the event loop's next turn, or the process's exit. */
export function holdUntilNextTurn(stream: Writable): void {
  if (held.has(stream)) return
  held.add(stream)
  stream.cork()
  const release = (): void => {
    if (!held.delete(stream)) return
    process.off('exit', release)
    stream.uncork()
  }
  setImmediate(release)
  // process.exit() runs no more turns: what is held is written here, synchronously for a pipe or file.
  process.on('exit', release)
}
