// The CLI's command line: a subcommand for each thing people ran by hand, with the action's input
// names as flags. Every mistake is a UsageError that says what was meant where it can tell.
import { parseArgs } from 'node:util'
import type { RunScope } from '../config/scope.js'
import { didYouMean } from '../config/suggest.js'

export const COMMAND_NAMES = ['verify', 'validate', 'check', 'smoke', 'baseline', 'report'] as const
export type CommandName = (typeof COMMAND_NAMES)[number]

export interface Command {
  summary: string
  /** Flags beyond the common ones. */
  flags: readonly string[]
  /** The action's mode the run takes; verify unless said. */
  mode?: 'baseline'
  /** Part of the environment the run covers; all of it when undefined. */
  scope?: RunScope
  /** The name of the one positional argument it takes, if any. */
  argument?: string
}

const SERVICES_ONLY: RunScope = { deploy: false, smoke: false, compare: false }

export const COMMANDS: Record<CommandName, Command> = {
  verify: {
    summary: 'what the action does: deploy steps, service checks, smoke tests, baseline comparison',
    flags: ['mode', 'baseline', 'record-baseline', 'fail-on']
  },
  validate: { summary: 'read and check the configuration only; nothing is run or probed', flags: [] },
  check: {
    summary: 'probe the services of a deployed environment (all, or --services api,db)',
    flags: ['services', 'fail-on'],
    scope: SERVICES_ONLY
  },
  smoke: {
    summary: 'probe the services, then run the smoke tests (no deploy steps)',
    flags: ['services', 'fail-on'],
    scope: { ...SERVICES_ONLY, smoke: true }
  },
  baseline: {
    summary: 'record the deployed environment as a known-good baseline (no deploy steps)',
    flags: ['baseline', 'fail-on'],
    mode: 'baseline',
    scope: { deploy: false, smoke: true, compare: true }
  },
  report: {
    summary: 'show a saved JSON report as text',
    flags: ['fail-on'],
    argument: 'FILE'
  }
}

/** Flags every command takes. */
const COMMON = ['config', 'environment', 'working-directory', 'quiet', 'no-color', 'help'] as const
const BOOLEAN = new Set(['quiet', 'no-color', 'help'])

export const USAGE = `Usage: deploy-verify [COMMAND] [FLAGS]

Commands:
${COMMAND_NAMES.map(name => `  ${name.padEnd(9)} ${COMMANDS[name].summary}`).join('\n')}
  (no command means verify)

Flags:
  --config FILE              the environment file (default .github/deploy-verify.yml)
  --environment NAME         which environment, when the file describes several
  --working-directory DIR    where relative paths start (default .)
  --services NAME,NAME       check and smoke: only these services, and those they depend on
  --baseline FILE            verify: the baseline to compare with; baseline: the file to write
                             (default deploy-verify-baseline.json)
  --record-baseline true|FILE
                             verify: also record the environment as the baseline (to FILE, or
                             deploy-verify-baseline.json) when every check, the comparison
                             included, passed
  --mode verify|baseline     verify: the action's mode input
  --fail-on failure|warning|never
                             which verdicts exit with 1 (default failure)
  --quiet                    print only the verdict
  --no-color                 no colour (NO_COLOR=1 does the same)
  -h, --help                 this help

Exit status: 0 when the verdict passes under --fail-on, 1 when it fails it, 2 for a usage mistake.
The JSON report is written as the action writes it (report.path, default deploy-verify-report.json).`

export class UsageError extends Error {
  override name = 'UsageError'
}

export interface Invocation {
  command: CommandName
  /** Action inputs by their action.yml names. */
  inputs: Record<string, string>
  services?: string[]
  argument?: string
  quiet: boolean
  noColour: boolean
  help: boolean
}

export function parseCommandLine(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv
  const named = first !== undefined && !first.startsWith('-')
  if (named && !(COMMAND_NAMES as readonly string[]).includes(first)) {
    throw new UsageError(
      `unknown command '${first}'${didYouMean(first, COMMAND_NAMES, `: the commands are ${COMMAND_NAMES.join(', ')}`)}`
    )
  }
  const command = named ? (first as CommandName) : 'verify'
  const spec = COMMANDS[command]
  const allowed = [...COMMON, ...spec.flags]
  const { tokens } = parseArgs({
    args: named ? rest : [...argv],
    options: Object.fromEntries(
      allowed.map(flag => [flag, { type: BOOLEAN.has(flag) ? ('boolean' as const) : ('string' as const) }])
    ),
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  const values: Record<string, string> = {}
  const positionals: string[] = []
  let quiet = false
  let noColour = false
  let help = false
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value)
    if (token.kind !== 'option') continue
    const name = token.name === 'h' ? 'help' : token.name
    if (!allowed.includes(name)) throw unknownFlag(token.rawName, name, command, allowed)
    if (BOOLEAN.has(name)) {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`)
      if (name === 'quiet') quiet = true
      if (name === 'no-color') noColour = true
      if (name === 'help') help = true
    } else if (token.value === undefined || token.value === '') {
      throw new UsageError(`${token.rawName} needs a value`)
    } else {
      values[name] = token.value
    }
  }
  const wanted = spec.argument ? 1 : 0
  if (!help && positionals.length !== wanted) {
    throw new UsageError(
      wanted
        ? `${command} takes one ${spec.argument}, got ${positionals.length}`
        : `unexpected argument '${positionals[0]}'`
    )
  }
  const { services, ...inputs } = values
  return {
    command,
    inputs: spec.mode ? { ...inputs, mode: spec.mode } : inputs,
    services: services === undefined ? undefined : serviceList(services),
    argument: positionals[0],
    quiet,
    noColour,
    help
  }
}

function unknownFlag(
  raw: string,
  name: string,
  command: CommandName,
  allowed: readonly string[]
): UsageError {
  // A flag of another command is not a typo: say which commands take it.
  const takers = COMMAND_NAMES.filter(other => COMMANDS[other].flags.includes(name))
  if (takers.length) return new UsageError(`${raw} is not a flag of ${command}; ${takers.join(', ')} take it`)
  const flags = allowed.map(flag => `--${flag}`)
  return new UsageError(
    `unknown flag ${raw}${didYouMean(`--${name}`, flags, `: the flags of ${command} are ${flags.join(', ')}`)}`
  )
}

function serviceList(text: string): string[] {
  const names = text
    .split(',')
    .map(name => name.trim())
    .filter(Boolean)
  if (!names.length) throw new UsageError('--services needs service names, such as --services api,db')
  return names
}
