// Where the CLI writes: the report and the verdict to stdout (what a script reads), the log and the
// progress line to stderr. Colour and a redrawn progress line only on an interactive terminal, and
// never with NO_COLOR; a pipe or a CI log gets plain lines.
import type { Logger } from '../log.js'
import type { Paint, Style } from '../report/text.js'
import { plain, withoutControls } from '../report/text.js'

export interface Terminal {
  out(text: string): void
  err(text: string): void
  /** stderr is an interactive terminal: a progress line may be redrawn there. */
  interactive: boolean
  /** Colour is wanted on this terminal. */
  colour: boolean
  env: Record<string, string | undefined>
  cwd: string
}

export function processTerminal(): Terminal {
  const env = process.env
  return {
    out: text => void process.stdout.write(text),
    err: text => void process.stderr.write(text),
    interactive: Boolean(process.stderr.isTTY),
    colour: Boolean(process.stdout.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb',
    env,
    cwd: process.cwd()
  }
}

const ANSI: Record<Style, string> = { good: '32', warn: '33', bad: '31', strong: '1', dim: '2' }

export function painter(colour: boolean): Paint {
  return colour ? (text, style) => `\u001b[${ANSI[style]}m${text}\u001b[0m` : plain
}

/** A wait this long or longer gets the progress line. */
const PROGRESS_AFTER_MS = 2000
const CLEAR_LINE = '\r\u001b[2K'

export interface TerminalLogger extends Logger {
  /** Removes the progress line and stops redrawing it. */
  close(): void
}

/**
 * The engine's log as lines on stderr; `quiet` keeps them all back. On an interactive terminal a
 * last line says which phase is running and for how long, redrawn every second, so that a service
 * given minutes to start does not look like a hang.
 */
export function terminalLogger(terminal: Terminal, quiet: boolean, paint: Paint): TerminalLogger {
  let phase: { name: string; since: number } | undefined
  let shown = false
  const clear = () => {
    if (shown) terminal.err(CLEAR_LINE)
    shown = false
  }
  /** `prefix` is the CLI's own (maybe coloured); `message` may carry a server's words. */
  const write = (message: string, prefix = '') => {
    if (quiet) return
    clear()
    terminal.err(`${prefix}${withoutControls(message)}\n`)
  }
  const ticker =
    terminal.interactive && !quiet
      ? setInterval(() => {
          if (!phase) return
          const elapsed = Date.now() - phase.since
          if (elapsed < PROGRESS_AFTER_MS) return
          terminal.err(
            `${CLEAR_LINE}${paint(`… ${withoutControls(phase.name)}: ${Math.round(elapsed / 1000)} s`, 'dim')}`
          )
          shown = true
        }, 1000).unref()
      : undefined
  return {
    info: message => write(message),
    warning: message => write(message, `${paint('warning:', 'warn')} `),
    error: message => write(message, `${paint('error:', 'bad')} `),
    debug: message => (terminal.env.DEPLOY_VERIFY_DEBUG ? write(message, 'debug: ') : undefined),
    group: async (name, fn) => {
      write(name, paint('== ', 'strong'))
      phase = { name, since: Date.now() }
      try {
        return await fn()
      } finally {
        phase = undefined
        clear()
      }
    },
    // The terminal is the user's own; the engine already redacts every message it logs.
    mask: () => undefined,
    close: () => {
      clearInterval(ticker)
      phase = undefined
      clear()
    }
  }
}
