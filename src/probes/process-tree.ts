// Everything one command attempt started, found again so that it can be stopped. The command leads
// its own process group, and every process it starts inherits a marker in its environment: a
// grandchild that leaves the group (`setsid`, a double fork) keeps the marker, which is how CI
// servers find a build's stray processes. On timeout or cancellation the group and every process
// carrying the attempt's marker are stopped; a command that ends by itself keeps what it started
// (a deploy step may start the very daemon being deployed).
import { readdir, readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'

/** The child environment variable that marks an attempt's processes; its value is unique per attempt. */
const ATTEMPT_MARKER = 'DEPLOY_VERIFY_ATTEMPT_ID'

/** Where the processes can be listed with their group and environment. */
const PROC = process.platform === 'linux'
/** How often a stopping tree is looked at again during its grace. */
const POLL_MS = 100
/** After SIGTERM, how long a command's tree gets to exit before SIGKILL. */
export const KILL_GRACE_MS = 2000

export class ProcessTree {
  // Web Crypto's global, loaded on first use: runs without a command never load node:crypto.
  private readonly marker = crypto.randomUUID()
  /** `\0NAME=value\0` as it appears in /proc/<pid>/environ (after a leading NUL is added). */
  private readonly needle = Buffer.from(`\0${ATTEMPT_MARKER}=${this.marker}\0`)

  /** The variables a command is given, plus this attempt's marker. */
  mark(env: Record<string, string>): Record<string, string> {
    return { ...env, [ATTEMPT_MARKER]: this.marker }
  }

  /**
   * SIGTERM to the group that `leader` leads and to every marked process, then SIGKILL to whatever
   * is left once they are all gone or `graceMs` has passed: no descendant outlives the attempt.
   */
  async stop(leader: number | undefined, graceMs: number): Promise<void> {
    await this.signal(leader, 'SIGTERM')
    const deadline = performance.now() + graceMs
    while (performance.now() < deadline && (await this.alive(leader))) await sleep(POLL_MS)
    // Also catches a process forked between the last look and now.
    await this.signal(leader, 'SIGKILL')
  }

  private async signal(leader: number | undefined, signal: NodeJS.Signals): Promise<void> {
    if (leader !== undefined) kill(-leader, signal)
    for (const pid of await this.members(leader)) kill(pid, signal)
  }

  private async alive(leader: number | undefined): Promise<boolean> {
    if (!PROC) return leader !== undefined && kill(-leader, 0)
    return (await this.members(leader)).length > 0
  }

  /**
   * The live processes of the group and those whose environment carries the marker. A zombie is
   * dead already, only waiting for whoever adopted it to reap it, which may take seconds.
   * Linux only (/proc, readable for the processes of our own user, which are the ones we start);
   * elsewhere this finds nothing, and stopping falls back to the process group alone.
   */
  private async members(leader: number | undefined): Promise<number[]> {
    if (!PROC) return []
    const entries = await readdir('/proc').catch(() => [] as string[])
    const found: number[] = []
    // One process at a time: a busy machine has thousands, and file handles are finite.
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
      // "pid (command) state ppid pgrp ...": the command may hold spaces and parentheses.
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (!state || state === 'Z') continue
      if (Number(group) === leader || (await this.carriesMarker(entry))) found.push(Number(entry))
    }
    return found
  }

  private async carriesMarker(pid: string): Promise<boolean> {
    const environ = await readFile(`/proc/${pid}/environ`).catch(() => undefined)
    return environ !== undefined && Buffer.concat([Buffer.from([0]), environ]).includes(this.needle)
  }
}

/** Sends `signal` (0: only asks whether it exists); false when there is no such process or group. */
function kill(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal)
    return true
  } catch {
    return false
  }
}
