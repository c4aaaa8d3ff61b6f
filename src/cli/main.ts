// The same engine from a terminal: `deploy-verify check --services api`. Importing this module does
// nothing; `cli` runs one command line against a Terminal and returns the exit status, so that
// tests run it in-process as the bin entry does.
import { appendFile } from 'node:fs/promises'
import { relative, resolve } from 'node:path'
import { exitOnCancellation } from '../cancellation.js'
import { loadEnvironment } from '../config/load.js'
import { ConfigError, formatProblem } from '../config/problems.js'
import { readEvent, ValidationRun } from '../engine.js'
import { errorMessage } from '../model/errors.js'
import { gitInfo } from '../model/run-identity.js'
import { readInputs, type Inputs } from '../inputs.js'
import { shouldFailJob } from '../judge/verdict.js'
import { renderSummary } from '../report/markdown.js'
import { readSavedReport } from '../report/read.js'
import type { Report } from '../model/report.js'
import { Secrets } from '../secrets/redact.js'
import { renderText, withoutControls, type Paint } from '../report/text.js'
import { count } from '../model/wording.js'
import { COMMANDS, parseCommandLine, USAGE, UsageError, type Invocation } from './commands.js'
import { painter, terminalLogger, type Terminal } from './terminal.js'

/** Exit statuses: as the action's job for a verdict, and 2 for a command line that makes no sense. */
const EXIT_PASS = 0
const EXIT_FAIL = 1
const EXIT_USAGE = 2

export async function cli(argv: readonly string[], terminal: Terminal): Promise<number> {
  try {
    const invocation = parseCommandLine(argv)
    if (invocation.help) {
      terminal.out(`${USAGE}\n`)
      return EXIT_PASS
    }
    const paint = painter(terminal.colour && !invocation.noColour)
    const inputs = readCommandInputs(invocation)
    switch (invocation.command) {
      case 'validate':
        return await validate(inputs, invocation, terminal)
      case 'report':
        return await showReport(invocation.argument ?? '', inputs, invocation, terminal, paint)
      default:
        return await run(invocation, inputs, terminal, paint)
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    terminal.err(`deploy-verify: ${withoutControls(error.message)}\nRun 'deploy-verify --help' for usage.\n`)
    return EXIT_USAGE
  }
}

/** The action's inputs from the flags, checked before anything runs: a mistake is a UsageError naming its flag. */
function readCommandInputs(invocation: Invocation): Inputs {
  const { inputs, problems } = readInputs(name => invocation.inputs[name] ?? '')
  // Before the inputs' problems: mode rollback's own input (failed-report) is no flag here.
  if (inputs.mode !== 'verify' && inputs.mode !== 'baseline')
    throw new UsageError(`--mode ${inputs.mode} runs only in the action; here: verify or baseline`)
  // Each problem names its input: the flag of the same name here.
  if (problems.length)
    throw new UsageError(problems.map(p => `--${p.input}: ${p.message}`).join('\ndeploy-verify: '))
  return inputs
}

/** A validation run of the command's scope, which leaves its report even when it is cancelled. */
async function run(
  invocation: Invocation,
  inputs: Inputs,
  terminal: Terminal,
  paint: Paint
): Promise<number> {
  const command = COMMANDS[invocation.command]
  const logger = terminalLogger(terminal, invocation.quiet, paint)
  const validation = new ValidationRun({
    inputs,
    git: gitInfo(terminal.env, await readEvent(terminal.env)),
    env: terminal.env,
    workspace: terminal.cwd,
    logger,
    scope: command.scope && { ...command.scope, services: invocation.services }
  })
  /** The report, the job summary inside a workflow, and the verdict: at the end, or when cancelled. */
  const leave = async (finished: Report): Promise<Report> => {
    logger.close()
    const { report, written } = await validation.saveReport(finished)
    const reportPath = written ? relative(terminal.cwd, validation.reportPath) : undefined
    const summaryFile = terminal.env.GITHUB_STEP_SUMMARY
    if (summaryFile) {
      // As in the action, a summary that cannot be written costs nothing but itself.
      await appendFile(summaryFile, renderSummary(report, reportPath ? { reportPath } : {})).catch(
        (error: unknown) => logger.warning(`Could not write the job summary: ${errorMessage(error)}`)
      )
    }
    terminal.out(invocation.quiet ? `${report.summary}\n` : renderText(report, { paint, reportPath }))
    return report
  }
  // Ctrl-C or a SIGTERM (a CI job cancelled) still leaves the report.
  const stopHandling = exitOnCancellation(validation, leave)
  try {
    const finished = await validation.execute()
    if (validation.cancelled) return EXIT_FAIL
    const report = await leave(finished)
    return shouldFailJob(report.status, inputs.failOn) ? EXIT_FAIL : EXIT_PASS
  } finally {
    stopHandling()
    logger.close()
  }
}

/** The configuration read and checked as a run would, with nothing run or probed. */
async function validate(inputs: Inputs, invocation: Invocation, terminal: Terminal): Promise<number> {
  try {
    const config = await loadEnvironment({
      configPath: inputs.config,
      workingDirectory: resolve(terminal.cwd, inputs.workingDirectory),
      workspace: terminal.cwd,
      env: terminal.env,
      environmentName: inputs.environment
    })
    const parts = [
      count(config.services.length, 'service'),
      count(config.deploy.length, 'deploy step'),
      count(config.smoke.length, 'smoke test')
    ]
    terminal.out(`valid: ${config.environment} from ${config.files.join(', ')}: ${parts.join(', ')}\n`)
    return EXIT_PASS
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    // A problem may quote a value the file reads from a secret variable.
    const secrets = new Secrets(error.secrets)
    const lines = error.problems.map(p => withoutControls(secrets.text(formatProblem(p))))
    if (!invocation.quiet) terminal.out(`${lines.join('\n')}\n`)
    terminal.out(`invalid: ${count(error.problems.length, 'problem')} to fix\n`)
    return EXIT_FAIL
  }
}

/** A report saved by an earlier run, shown as a run shows it, with the exit status its verdict gives. */
async function showReport(
  file: string,
  inputs: Inputs,
  invocation: Invocation,
  terminal: Terminal,
  paint: Paint
): Promise<number> {
  const path = resolve(terminal.cwd, file)
  const report = await readReportFile(path, file)
  terminal.out(invocation.quiet ? `${withoutControls(report.summary)}\n` : renderText(report, { paint }))
  return shouldFailJob(report.status, inputs.failOn) ? EXIT_FAIL : EXIT_PASS
}

async function readReportFile(path: string, shown: string): Promise<Report> {
  const read = await readSavedReport(path, shown)
  if (!read.ok) throw new UsageError(read.problem)
  return read.value
}
