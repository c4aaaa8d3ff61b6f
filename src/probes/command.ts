// Runs a command through a shell and observes its exit code and output.
//
// This uses child_process rather than @actions/exec: @actions/exec exposes neither the child's pid
// nor a timeout, and a timeout that kills the whole process tree needs the command's process group.
import { spawn } from 'node:child_process'
import { stat } from 'node:fs/promises'
import type { CommandSpec } from '../config/model.js'
import { attemptSignal } from './attempt.js'
import { childEnvironment } from './child-environment.js'
import { KILL_GRACE_MS, ProcessTree } from './process-tree.js'
import type { CommandObservation } from '../model/observation.js'
import type { ProbeOptions } from './types.js'

export const MAX_STREAM_CHARS = 1024 * 1024
/** A line is logged and kept in the tail up to this many characters, cut at a word's start. */
export const MAX_LINE_CHARS = 4096
const TAIL_LINES = 20
/** After the command exits, how long its pipes may stay open (held by a daemon it started). */
const STDIO_DRAIN_MS = 500

export async function runCommand(spec: CommandSpec, options: ProbeOptions): Promise<CommandObservation> {
  const started = performance.now()
  const shell = spec.shell ?? 'bash'
  // Said plainly: spawn would only report the shell as missing ("spawn bash ENOENT").
  if (spec.workingDirectory && !(await isDirectory(spec.workingDirectory))) {
    return notStarted(`working directory ${spec.workingDirectory} does not exist`, started)
  }
  // A cancelled run starts nothing more: nothing would stop it.
  if (options.signal?.aborted) return notStarted('cancelled before it started', started)
  const tree = new ProcessTree()
  // The marker travels with the command's own variables, so every process it starts inherits it.
  spec = { ...spec, env: tree.mark(spec.env) }
  const child = spawn(shell, shellArgs(shell, spec.run), {
    cwd: spec.workingDirectory,
    env: childEnvironment(process.env, options.exports ?? {}, spec.env),
    // Its own process group, so that the group can be killed as one.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  // After spawn, which throws for a script too long for the system (E2BIG): no timer outlives that.
  const { signal, timedOut, dispose } = attemptSignal(options)
  const output = { stdout: new CappedText(), stderr: new CappedText(), lines: [] as string[] }
  const follow = (stream: NodeJS.ReadableStream, into: CappedText) => {
    const lines = new LineSplitter(emit)
    // Decoded by the stream, so a character split across two reads of the pipe stays whole.
    stream.setEncoding('utf8')
    stream.on('data', (text: string) => {
      into.append(text)
      lines.push(text)
    })
    stream.on('end', () => lines.end())
  }
  const emit = (line: string) => {
    output.lines.push(line)
    if (output.lines.length > TAIL_LINES) output.lines.shift()
    options.onOutputLine?.(line)
  }
  follow(child.stdout, output.stdout)
  follow(child.stderr, output.stderr)

  // Stopped (timeout or cancellation): the group and every process the attempt started, even one
  // that left the group, whether or not the shell exited before.
  let killed: Promise<void> | undefined
  const killGroup = () => {
    killed = tree.stop(child.pid, KILL_GRACE_MS)
  }
  signal.addEventListener('abort', killGroup, { once: true })

  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>(
    resolve => {
      child.once('error', error => resolve({ code: null, signal: null, error }))
      child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }))
    }
  )
  dispose()
  signal.removeEventListener('abort', killGroup)
  await killed
  await drain(child.stdout, child.stderr)

  return {
    kind: 'command',
    exitCode: exit.code,
    signal: exit.signal ?? undefined,
    stdout: output.stdout.text,
    stderr: output.stderr.text,
    ...(output.stdout.truncated && { stdoutTruncated: MAX_STREAM_CHARS }),
    ...(output.stderr.truncated && { stderrTruncated: MAX_STREAM_CHARS }),
    tail: [...output.lines],
    error: exit.error
      ? `could not start ${shell}: ${exit.error.message}`
      : timedOut()
        ? `timed out after ${options.timeoutMs} ms; the command and its children were killed`
        : killed
          ? 'cancelled; the command and its children were killed'
          : undefined,
    timedOut: timedOut(),
    durationMs: performance.now() - started
  }
}

/** A command that never ran, and why. */
function notStarted(error: string, started: number): CommandObservation {
  return {
    kind: 'command',
    exitCode: null,
    stdout: '',
    stderr: '',
    tail: [],
    error,
    durationMs: performance.now() - started
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false
}

function shellArgs(shell: string, script: string): string[] {
  // bash: stop at the first failing command, like GitHub's own `run:` steps.
  return /(^|\/)bash$/.test(shell)
    ? ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script]
    : ['-c', script]
}

/** Waits for the pipes to close, but never longer than STDIO_DRAIN_MS: a daemon may hold them. */
async function drain(...streams: NodeJS.ReadableStream[]): Promise<void> {
  await Promise.all(
    streams.map(
      stream =>
        new Promise<void>(resolve => {
          const readable = stream as NodeJS.ReadableStream & { readableEnded?: boolean; destroy(): void }
          if (readable.readableEnded) return resolve()
          const timer = setTimeout(() => {
            readable.destroy()
            resolve()
          }, STDIO_DRAIN_MS)
          readable.once('close', () => {
            clearTimeout(timer)
            resolve()
          })
        })
    )
  )
}

/** Keeps the first MAX_STREAM_CHARS characters of a stream's text. */
class CappedText {
  text = ''
  truncated = false
  append(chunk: string): void {
    const room = MAX_STREAM_CHARS - this.text.length
    this.text += chunk.slice(0, room)
    this.truncated ||= chunk.length > room
  }
}

/**
 * Cuts a stream's text into lines as it arrives, in one pass over each chunk, keeping the first
 * MAX_LINE_CHARS characters of a line: a line without end never grows past them.
 */
class LineSplitter {
  private line = ''
  private dropped = 0

  constructor(private readonly emit: (line: string) => void) {}

  push(text: string): void {
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.keep(text, start, end)
      this.flush()
      start = end + 1
    }
    this.keep(text, start, text.length)
  }

  end(): void {
    if (this.line !== '' || this.dropped > 0) this.flush()
  }

  private keep(text: string, start: number, end: number): void {
    const kept = Math.min(end, start + MAX_LINE_CHARS - this.line.length)
    this.line += text.slice(start, kept)
    this.dropped += end - kept
  }

  private flush(): void {
    this.emit(
      this.dropped > 0
        ? `${beforeLastWord(this.line)}… (line cut at ${MAX_LINE_CHARS} characters)`
        : this.line
    )
    this.line = ''
    this.dropped = 0
  }
}

/**
 * The text up to its last whitespace: a cut may fall inside a secret, which redaction recognises
 * only whole, so the word it cut is not shown (nor half of a character).
 */
function beforeLastWord(text: string): string {
  let end = text.length
  while (end > 0 && !/\s/.test(text.charAt(end - 1))) end--
  return text.slice(0, end)
}
