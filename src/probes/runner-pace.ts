// How fast the measuring machine itself is right now: a loopback round trip to an echo server in a
// child process and a fixed piece of CPU work. The round trip crosses processes as every probe does
// (the client here, the service in its own process): on a busy runner both wait for a core. Latency samples taken on a busy runner are slower although
// the service is not; measured alongside every sample set, these let the judge tell the two apart.
import { spawn } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { RunnerPace } from '../model/figures.js'

// Enough work to last a few milliseconds on a runner: long against the timer's resolution, short
// against the sampling window.
const CPU_TASK_ROUNDS = 50_000
// A pace measurement that cannot finish in this time is no measurement (the machine is stalled).
const TIMEOUT_MS = 2000

/** A loopback echo server held open for a sample set; `measure` times one round trip and one CPU task. */
export interface PaceMeter {
  measure(): Promise<RunnerPace | undefined>
  close(): Promise<void>
}

// The echo server: prints its port, answers every byte, and exits when this process closes its stdin.
const ECHO_SERVER = `
const server = require('node:net').createServer(socket => socket.on('data', data => socket.write(data)))
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'))
process.stdin.on('end', () => process.exit(0)).resume()
`

/** Undefined when the echo server cannot be started: the runner is then not measured. */
export async function openPaceMeter(): Promise<PaceMeter | undefined> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], {
    // It needs nothing of the step's environment, and is given none of its secrets.
    env: {},
    stdio: ['pipe', 'pipe', 'ignore']
  })
  const port = await new Promise<number | undefined>(resolve => {
    const timer = setTimeout(() => resolve(undefined), TIMEOUT_MS)
    child.once('error', () => resolve(undefined))
    child.stdout.once('data', (data: Buffer) => {
      clearTimeout(timer)
      const port = Number.parseInt(data.toString(), 10)
      resolve(Number.isInteger(port) && port > 0 ? port : undefined)
    })
  })
  const stop = () => {
    child.stdin.end()
    child.kill()
  }
  if (port === undefined) {
    stop()
    return undefined
  }
  let client: Socket | undefined
  return {
    async measure() {
      try {
        client ??= await connectTo(port)
        const loopbackMs = await roundTrip(client)
        return { loopback_ms: loopbackMs, cpu_ms: cpuTask() }
      } catch {
        client?.destroy()
        client = undefined
        return undefined
      }
    },
    async close() {
      client?.destroy()
      stop()
    }
  }
}

function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true })
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('pace meter timed out')))
    socket.once('connect', () => resolve(socket))
    socket.once('error', reject)
  })
}

function roundTrip(socket: Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const timer = setTimeout(() => reject(new Error('pace meter timed out')), TIMEOUT_MS)
    socket.once('data', () => {
      clearTimeout(timer)
      resolve(performance.now() - started)
    })
    socket.write('.')
  })
}

/** A fixed arithmetic loop the optimizer cannot remove: its duration is the runner's CPU pace. */
function cpuTask(): number {
  const started = performance.now()
  let x = 1
  for (let i = 0; i < CPU_TASK_ROUNDS; i++) x = (x * 1_103_515_245 + 12_345) % 2_147_483_648
  const elapsed = performance.now() - started
  // Using x keeps the loop observable.
  return x < 0 ? elapsed + 1 : elapsed
}
