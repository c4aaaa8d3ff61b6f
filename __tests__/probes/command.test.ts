// The command probe with real child processes: it observes the exit code and both streams, streams
// each line as it comes, honours env and working directory, and at its timeout kills the command
// together with everything the command started.
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CommandProbeSpec } from '../../src/config/model.js'
import { observe } from '../../src/probes/index.js'
import { MAX_LINE_CHARS, MAX_STREAM_CHARS } from '../../src/probes/command.js'
import type { CommandObservation } from '../../src/model/observation.js'
import type { ProbeOptions } from '../../src/probes/types.js'
import { eventually } from '../support/loopback.js'

const scratch = mkdtempSync(join(tmpdir(), 'dv-command-'))
/**
 * Processes the commands started, until a test saw them gone: whatever a failed assertion left
 * running is killed at the end (and nothing already gone, whose pid may have been reused).
 */
const leftovers = new Set<number>()

afterAll(() => {
  for (const pid of leftovers) {
    if (gone(pid)) continue
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Gone in the meantime.
    }
  }
  rmSync(scratch, { recursive: true, force: true })
})

function spec(run: string, extra: Partial<CommandProbeSpec> = {}): CommandProbeSpec {
  return { kind: 'command', run, env: {}, expect: { exitCode: 0 }, ...extra }
}

function run(probeSpec: CommandProbeSpec, options: Partial<ProbeOptions> = {}): Promise<CommandObservation> {
  return observe(probeSpec, { timeoutMs: 30_000, ...options }) as Promise<CommandObservation>
}

/**
 * The process no longer runs: signalling it fails with ESRCH, or it is a zombie (dead, waiting for
 * a parent outside the test's control to reap it).
 */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? false
  } catch {
    return true
  }
}

/** The pid a command printed on its first line of stdout. */
function printedPid(seen: CommandObservation): number {
  const pid = Number(/\d+/.exec(seen.stdout)?.[0])
  expect(pid).toBeGreaterThan(1)
  return pid
}

describe('a command probe', () => {
  test('observes the exit code and stdout and stderr apart', async () => {
    const seen = await run(spec('echo out; echo err >&2; exit 3'))
    expect(seen).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false })
    expect(seen.error).toBeUndefined()
    expect(seen.signal).toBeUndefined()
  })

  test('observes a command that succeeds as exit code 0', async () => {
    const seen = await run(spec('true'))
    expect(seen).toMatchObject({ exitCode: 0, stdout: '', stderr: '', tail: [] })
  })

  test('runs bash like a GitHub `run:` step: it stops at the first failure, a failing pipe included', async () => {
    const seen = await run(spec('false | true; echo "not reached"'))
    expect(seen.exitCode).toBe(1)
    expect(seen.stdout).toBe('')
  })

  test('runs the command in another shell when one is named', async () => {
    const seen = await run(spec('echo "$0"', { shell: 'sh' }))
    expect(seen).toMatchObject({ exitCode: 0, stdout: 'sh\n' })
  })

  test('keeps the last 20 lines of output as its tail', async () => {
    const seen = await run(spec('for i in $(seq 1 25); do echo "line $i"; done'))
    expect(seen.tail).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 6}`))
    expect(seen.stdout.split('\n')[0]).toBe('line 1')
  })

  test('keeps a last line that has no newline', async () => {
    const lines: string[] = []
    const seen = await run(spec("printf 'first\\nlast without newline'"), {
      onOutputLine: line => lines.push(line)
    })
    expect(seen.tail).toEqual(['first', 'last without newline'])
    expect(lines).toEqual(['first', 'last without newline'])
  })

  test('hands every line of both streams to onOutputLine', async () => {
    const lines: string[] = []
    await run(spec('echo one; echo two >&2; echo three'), { onOutputLine: line => lines.push(line) })
    expect([...lines].sort()).toEqual(['one', 'three', 'two'])
  })

  test('hands each line to onOutputLine while the command is still running', async () => {
    // The command waits for a file that only the onOutputLine callback creates, when it sees "ready":
    // if lines arrived only after the command ended, the command would wait until its timeout.
    const flag = join(scratch, 'seen-ready')
    const lines: string[] = []
    const seen = await run(
      spec('echo ready; while [ ! -e "$FLAG" ]; do sleep 0.05; done; echo done', { env: { FLAG: flag } }),
      {
        timeoutMs: 60_000,
        onOutputLine: line => {
          lines.push(line)
          if (line === 'ready') writeFileSync(flag, '')
        }
      }
    )
    expect(seen).toMatchObject({ exitCode: 0, timedOut: false })
    expect(lines).toEqual(['ready', 'done'])
  })

  test('passes its env on top of the inherited environment', async () => {
    const seen = await run(
      spec('printf "%s|%s|%s" "$GREETING" "$HOME" "$PATH"', {
        env: { GREETING: 'hi there', HOME: '/elsewhere' }
      })
    )
    expect(seen.stdout).toBe(`hi there|/elsewhere|${process.env.PATH}`)
  })

  test('gets the exported values in its environment, where the shell reads them as data', async () => {
    const directory = mkdtempSync(join(scratch, 'exports-'))
    const hostile = `$(touch pwned)\`touch pwned\`'; touch pwned; '"\ntouch pwned`
    const seen = await run(spec('printf "%s" "${HOSTILE}"', { workingDirectory: directory }), {
      exports: { HOSTILE: hostile }
    })
    expect(seen.stdout).toBe(hostile)
    expect(existsSync(join(directory, 'pwned'))).toBe(false)
  })

  test("does not hand the runner's tokens or the action's inputs to the command", async () => {
    const names = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'INPUT_GITHUB-TOKEN']
    for (const name of names) process.env[name] = `secret-of-${name}`
    try {
      const seen = await run(spec('env'))
      expect(seen.stdout).not.toContain('secret-of-')
      expect(seen.stdout).toContain(`PATH=${process.env.PATH}`)
    } finally {
      for (const name of names) delete process.env[name]
    }
  })

  test('runs in its working directory', async () => {
    const directory = mkdtempSync(join(scratch, 'cwd-'))
    const seen = await run(spec('pwd -P; echo made > made-here.txt', { workingDirectory: directory }))
    expect(seen.stdout).toBe(`${realpathSync(directory)}\n`)
    expect(existsSync(join(directory, 'made-here.txt'))).toBe(true)
  })

  test('names a working directory that does not exist, rather than blaming the shell', async () => {
    const missing = join(scratch, 'no-such-directory')
    const seen = await run(spec('echo hi', { workingDirectory: missing }))
    expect(seen.exitCode).toBeNull()
    expect(seen.error).toContain(missing)
    expect(seen.error).toContain('does not exist')
  })

  test('observes a shell that cannot start as an error naming it', async () => {
    const seen = await run(spec('echo hi', { shell: '/no/such/shell' }))
    expect(seen.exitCode).toBeNull()
    expect(seen.error).toMatch(/^could not start \/no\/such\/shell/)
  })

  test('keeps a character whole when its bytes arrive in separate reads of the pipe', async () => {
    // The euro sign's three bytes, written in two parts with a pause between them. (The pause only
    // makes separate reads likely; the outcome is the same either way.)
    const lines: string[] = []
    const seen = await run(spec("printf 'price: \\xe2'; sleep 0.3; printf '\\x82\\xac 5\\n'"), {
      onOutputLine: line => lines.push(line)
    })
    expect(seen.stdout).toBe('price: € 5\n')
    expect(lines).toEqual(['price: € 5'])
  })

  test('keeps characters whole in a long stream of multi-byte text', async () => {
    const seen = await run(spec("printf '€%.0s' $(seq 1 70000)"))
    expect(seen.exitCode).toBe(0)
    expect(seen.stdout).toBe('€'.repeat(70_000))
  })

  test('keeps the first MiB of a stream that writes more', async () => {
    const seen = await run(spec("head -c 3000000 /dev/zero | tr '\\0' x"))
    expect(seen.exitCode).toBe(0)
    expect(seen.stdout).toHaveLength(1024 * 1024)
    expect(seen.stdout).toBe('x'.repeat(1024 * 1024))
  })

  test('at its timeout kills the command and every process it started', async () => {
    const seen = await run(spec('sleep 60 & echo $!; wait'), { timeoutMs: 1000 })
    expect(seen).toMatchObject({ timedOut: true, exitCode: null })
    expect(seen.error).toContain('timed out after 1000 ms')
    const grandchild = printedPid(seen)
    leftovers.add(grandchild)
    expect(await eventually(() => gone(grandchild))).toBe(true)
    leftovers.delete(grandchild)
  })

  test('kills a command that ignores SIGTERM with SIGKILL, its children too', async () => {
    const seen = await run(spec("trap '' TERM; sleep 60 & echo $!; wait"), { timeoutMs: 1000 })
    expect(seen).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGKILL' })
    const grandchild = printedPid(seen)
    leftovers.add(grandchild)
    expect(await eventually(() => gone(grandchild))).toBe(true)
    leftovers.delete(grandchild)
  })

  test('a cancelled run kills the command and what it started; a cancellation is not a timeout', async () => {
    const controller = new AbortController()
    const seen = await run(spec('sleep 60 & echo $!; wait'), {
      timeoutMs: 60_000,
      signal: controller.signal,
      onOutputLine: () => controller.abort()
    })
    expect(seen).toMatchObject({ timedOut: false, exitCode: null })
    expect(seen.error).toBe('cancelled; the command and its children were killed')
    const grandchild = printedPid(seen)
    leftovers.add(grandchild)
    expect(await eventually(() => gone(grandchild))).toBe(true)
    leftovers.delete(grandchild)
  })

  test('kills at its timeout a process the command moved to a new session, out of its group', async () => {
    const seen = await run(spec('setsid sleep 60 & echo $!; wait'), { timeoutMs: 1000 })
    expect(seen).toMatchObject({ timedOut: true, exitCode: null })
    const escaped = printedPid(seen)
    leftovers.add(escaped)
    expect(await eventually(() => gone(escaped))).toBe(true)
    leftovers.delete(escaped)
  })

  test('a run already cancelled starts no command', async () => {
    const marker = join(scratch, 'started-after-cancel')
    const seen = await run(spec(`touch ${marker}`), { signal: AbortSignal.abort() })
    expect(seen).toMatchObject({ exitCode: null, error: 'cancelled before it started' })
    expect(existsSync(marker)).toBe(false)
  })

  test('is done when the command exits, even if a daemon it started still holds its output', async () => {
    const started = Date.now()
    const seen = await run(spec('sleep 30 & echo "started $!"'))
    const daemon = printedPid(seen)
    leftovers.add(daemon)
    expect(seen).toMatchObject({ exitCode: 0, timedOut: false })
    expect(seen.stdout).toMatch(/^started \d+\n$/)
    // Only that the probe did not wait for the daemon's 30 s: a generous bound.
    expect(Date.now() - started).toBeLessThan(10_000)
    // The daemon was meant to outlive the command, and does.
    expect(gone(daemon)).toBe(false)
    process.kill(daemon, 'SIGKILL')
    expect(await eventually(() => gone(daemon))).toBe(true)
    leftovers.delete(daemon)
  })
})

describe('a command with overlong output', () => {
  const cutNote = `… (line cut at ${MAX_LINE_CHARS} characters)`

  test('streams a line of 1 MB cut to its first words, saying so, within seconds', async () => {
    const lines: string[] = []
    const started = Date.now()
    const seen = await run(spec(`(yes 'abc' || true) | head -c 1048576 | tr '\\n' ' '; echo; echo after`), {
      onOutputLine: line => lines.push(line)
    })
    expect(Date.now() - started).toBeLessThan(5_000)
    // 1024 words of four characters fill the kept characters exactly; the word after them is cut.
    const cut = `${'abc '.repeat(MAX_LINE_CHARS / 4)}${cutNote}`
    expect(lines).toEqual([cut, 'after'])
    expect(seen.tail).toEqual([cut, 'after'])
    expect(seen.stdout).toHaveLength(MAX_STREAM_CHARS)
    expect(seen.stdoutTruncated).toBe(MAX_STREAM_CHARS)
  })

  test('never shows the part of a word, such as a secret, that the cut falls into', async () => {
    const lines: string[] = []
    const secret = 'S3CRET-TOKEN-'.repeat(20)
    await run(
      spec(`printf '%s' "$PAD"; echo " $SECRET tail"`, {
        env: { PAD: 'p'.repeat(MAX_LINE_CHARS - 100) + ' ', SECRET: secret }
      }),
      {
        onOutputLine: line => lines.push(line)
      }
    )
    expect(lines).toEqual([`${'p'.repeat(MAX_LINE_CHARS - 100)}  ${cutNote}`])
  })

  test('that prints without end keeps its first MiB and stops at the timeout', async () => {
    const lines: string[] = []
    const seen = await run(spec('yes 0123456789abcdef'), {
      timeoutMs: 1_000,
      onOutputLine: line => lines.push(line)
    })
    expect(seen).toMatchObject({ timedOut: true, stdoutTruncated: MAX_STREAM_CHARS })
    expect(seen.stdout).toHaveLength(MAX_STREAM_CHARS)
    expect(lines.length).toBeGreaterThan(MAX_STREAM_CHARS / 17)
  })
})
