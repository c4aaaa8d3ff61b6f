// The rollback in words: the lines under the summary's verdict, and the job's failure message when
// the rollback itself failed (distinct from a failed verdict: someone must act by hand now).
import type { RunStatus } from '../model/check.js'
import { clip, oneLine } from '../model/wording.js'
import { describeTarget, type RollbackSection, type RollbackState } from '../model/rollback.js'
import { code, escape, tableRow } from './markdown-text.js'
import { recordedDispatch, rollbackLine } from './rollback-notice.js'

/** A dispatched rollback has no headline of its own: the dispatch's line says it all. */
const HEADLINE: Record<Exclude<RollbackState, 'dispatched'>, string> = {
  succeeded: '↩️ **Rolled back**',
  failed: '🚨 **Rollback failed**',
  'not-triggered': '↩️ **No rollback**',
  skipped: '↩️ **Rollback not run here**'
}
/** Characters of a step's message in the table; the JSON report keeps it whole. */
const MAX_CELL = 200

/** The job's failure message when the rollback failed, with what to do by hand. */
export function rollbackFailure(rollback: RollbackSection): string {
  const manual = rollback.manual
    ? ` Restore it by hand: ${oneLine(rollback.manual)}`
    : ' Restore the last good release by hand (rollback.manual can say how).'
  return `The rollback failed (${rollback.message}): the environment may still run the bad release.${manual}`
}

/** Markdown lines for the summary, under the verdict; none when the run passed and nothing was due. */
export function rollbackSummary(rollback: RollbackSection, verdict: RunStatus): string[] {
  if (rollback.state === 'not-triggered' && verdict !== 'failed') return []
  const dispatched = rollback.dispatch ? [rollbackLine(recordedDispatch(rollback.dispatch))] : []
  // Dispatched, and nothing ran here: the dispatch is the whole story.
  if (rollback.state === 'dispatched') return dispatched
  const target = rollback.target ? ` to ${escape(describeTarget(rollback.target))}` : ''
  const trigger = rollback.trigger.length ? ` after ${rollback.trigger.map(code).join(', ')}` : ''
  const lines = [`${HEADLINE[rollback.state]}${target}${trigger}: ${escape(rollback.message)}.`]
  if (rollback.steps.length) {
    lines.push(
      '',
      tableRow(['Rollback step', 'Status', 'Attempts', 'Exit code', 'Message']),
      tableRow(['---', '---', '---', '---', '---']),
      ...rollback.steps.map(step =>
        tableRow([
          escape(step.name),
          step.status,
          String(step.attempts.length),
          step.exit_code === null ? '—' : String(step.exit_code),
          escape(clip(oneLine(step.message), MAX_CELL))
        ])
      )
    )
  }
  if (rollback.verification) {
    const services = Object.entries(rollback.verification.services)
      .map(([name, service]) => `${code(name)} ${service.status}`)
      .join(', ')
    lines.push('', `Verification after the rollback: **${rollback.verification.status}** (${services}).`)
  }
  if (rollback.manual)
    lines.push(
      '',
      '**By hand:**',
      '',
      ...rollback.manual
        .trimEnd()
        .split('\n')
        .map(line => `> ${escape(line)}`)
    )
  return dispatched.length ? [...lines, '', ...dispatched] : lines
}
