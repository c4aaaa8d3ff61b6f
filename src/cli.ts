// The same engine from a terminal: `deploy-verify --config .github/deploy-verify.yml`.
// Flags carry the action's input names, so a workflow step and a local run mean the same thing.
import { parseArgs } from 'node:util'
import { exitOnCancellation } from './cancellation.js'
import { readEvent, ValidationRun } from './engine.js'
import { readInputs } from './inputs.js'
import { gitInfo } from './model/run-identity.js'
import { shouldFailJob } from './judge/verdict.js'
import type { Logger } from './log.js'
import { renderSummary } from './report/markdown.js'
import type { Report } from './model/report.js'

const INPUT_FLAGS = ['config', 'environment', 'mode', 'baseline', 'fail-on', 'working-directory'] as const

const USAGE = `Usage: deploy-verify [--config FILE] [--environment NAME] [--fail-on failure|warning|never]
                     [--mode verify|baseline] [--baseline BASELINE_FILE]
                     [--working-directory DIR] [--quiet]
Validates the environment described by FILE (default .github/deploy-verify.yml), writes the JSON
report, prints the summary, and exits 1 when the verdict fails the run. --mode baseline records
the environment as a known-good baseline (in BASELINE_FILE, default deploy-verify-baseline.json);
--baseline BASELINE_FILE compares it with one.`

export async function cli(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(INPUT_FLAGS.map(flag => [flag, { type: 'string' as const }])),
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const flags = values as Record<string, string | boolean | undefined>
  const logger = terminalLogger(Boolean(values.quiet))
  const { inputs, problems } = readInputs(name =>
    typeof flags[name] === 'string' ? (flags[name] as string) : ''
  )
  const validation = new ValidationRun({
    inputs,
    inputProblems: problems,
    git: gitInfo(process.env, await readEvent(process.env)),
    env: process.env,
    workspace: process.cwd(),
    logger
  })
  /** The report and the summary: at the end of the run, or when it is cancelled. */
  const leave = async (finished: Report): Promise<Report> => {
    const { report, written } = await validation.saveReport(finished)
    process.stdout.write(`${renderSummary(report, written ? { reportPath: validation.reportPath } : {})}\n`)
    return report
  }
  // Ctrl-C or a SIGTERM (a CI job cancelled) still leaves the report.
  exitOnCancellation(validation, leave)
  const finished = await validation.execute()
  if (validation.cancelled) return 1
  const report = await leave(finished)
  return shouldFailJob(report.status, validation.inputs.failOn) ? 1 : 0
}

function terminalLogger(quiet: boolean): Logger {
  const write = (line: string) => process.stderr.write(`${line}\n`)
  return {
    info: message => quiet || write(message),
    warning: message => write(`warning: ${message}`),
    error: message => write(`error: ${message}`),
    debug: message => (process.env.DEPLOY_VERIFY_DEBUG ? write(`debug: ${message}`) : undefined),
    group: async (name, fn) => {
      if (!quiet) write(`== ${name}`)
      return fn()
    },
    // The terminal is the user's own; the engine already redacts every message it logs.
    mask: () => undefined
  }
}

process.exitCode = await cli(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`deploy-verify: ${error.message}\n${USAGE}\n`)
  return 2
})
