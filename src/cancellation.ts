// A cancelled job still leaves its report: the GitHub runner cancels a step with SIGINT, then SIGTERM
// (then SIGKILL), and a terminal user presses Ctrl-C. On the first of these signals the run stops,
// every command it runs is killed with what it started, and the host (the action or the CLI) writes
// what it writes at the end of a run; then the process exits, within a few seconds in any case.
import type { ValidationRun } from './engine.js'
import { KILL_GRACE_MS } from './probes/process-tree.js'
import { errorMessage } from './model/errors.js'
import type { Report } from './model/report.js'

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']
/** How long the commands get to stop: their grace after SIGTERM, then SIGKILL and a look for stragglers. */
const STOP_WITHIN_MS = KILL_GRACE_MS + 1500
/** The process is gone by then whatever hangs, well before the runner's SIGKILL. */
const EXIT_WITHIN_MS = 6000

/**
 * Until the returned function is called, a SIGINT or SIGTERM cancels `validation`, hands its report
 * to `leave` (write the report, the summary, the outputs) and exits with status 1.
 */
export function exitOnCancellation(
  validation: ValidationRun,
  leave: (report: Report) => Promise<unknown>
): () => void {
  let cancelled = false
  const onSignal = (signal: NodeJS.Signals) => {
    // The runner's SIGTERM after its SIGINT: already on the way out. Still handled, because the
    // default for SIGTERM would end the process before the report is written.
    if (cancelled) return
    cancelled = true
    setTimeout(() => process.exit(1), EXIT_WITHIN_MS)
    void validation
      .cancel(`the run was cancelled (${signal})`, STOP_WITHIN_MS)
      .then(leave)
      .catch((error: unknown) => process.stderr.write(`Could not leave a report: ${errorMessage(error)}\n`))
      .finally(() => process.exit(1))
  }
  for (const signal of SIGNALS) process.on(signal, onSignal)
  return () => {
    for (const signal of SIGNALS) process.off(signal, onSignal)
  }
}
