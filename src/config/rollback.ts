// The `rollback:` section: which failures trigger it, the steps (run like deploy steps, each for
// the failures its `when:` names), the services verified afterwards, and what a person does when
// it fails. The dispatch of a rollback workflow (`dispatch:`) is read here too.
import type { Category } from '../model/check.js'
import type { Cursor } from './cursor.js'
import { readServiceNames, serviceNamesOf } from './baseline-section.js'
import { readDuration } from './duration.js'
import type { FailureSelector, RollbackConfig, RollbackStep } from './model.js'
import { readCommandSpec } from './probes.js'
import { identity } from './steps.js'
import { didYouMean } from './suggest.js'

const ROLLBACK_TIMEOUT_MS = 5 * 60_000
const ROLLBACK_ATTEMPTS = 3
const ROLLBACK_DELAY_MS = 10_000
/** The sections whose checks can fail a run, so the words `on:` and `when:` may use. */
const CATEGORIES: readonly string[] = [
  'deploy',
  'services',
  'metrics',
  'smoke',
  'security',
  'baseline',
  'monitor'
] satisfies ReadonlyArray<Category | 'security'>

export function readRollback(root: Cursor, workingDirectory: string): RollbackConfig {
  const section = root.get('rollback')
  const timeoutMs = readDuration(section.get('timeout'), { positive: true }) ?? ROLLBACK_TIMEOUT_MS
  const attempts = section.get('attempts').integer(1) ?? ROLLBACK_ATTEMPTS
  const delayMs = readDuration(section.get('delay')) ?? ROLLBACK_DELAY_MS
  const ids = new Set<string>()
  const steps: RollbackStep[] = section
    .get('steps')
    .items()
    .map(step => ({
      ...readCommandSpec(step, workingDirectory),
      ...identity(step, ids),
      timeoutMs: readDuration(step.get('timeout'), { positive: true }) ?? timeoutMs,
      attempts: step.get('attempts').integer(1) ?? attempts,
      delayMs: readDuration(step.get('delay')) ?? delayMs,
      when: readSelectors(step.get('when')),
      source: step.source('value')
    }))
  const dispatch = section.get('dispatch').text()
  const mode = section.get('mode').text() === 'workflow' ? 'workflow' : 'auto'
  if (mode === 'auto' && section.get('mode').exists && !steps.length) {
    section
      .get('mode')
      .report(
        `${section.get('mode').where} is auto but rollback.steps is empty: add the steps that restore the last good release`
      )
  }
  return {
    mode,
    on: readSelectors(section.get('on')),
    steps,
    verify: readServiceNames(section.get('verify'), serviceNamesOf(root)) ?? [],
    ...(section.get('manual').text() ? { manual: section.get('manual').text() } : {}),
    ...(dispatch ? { dispatch } : {}),
    dispatchFromPullRequests: section.get('dispatch_from_pull_requests').boolean() ?? false
  }
}

/** Categories or check ids (`services.api`); a word that names no category is refused with a suggestion. */
function readSelectors(cursor: Cursor): FailureSelector[] {
  return cursor.oneOrMany().flatMap(item => {
    const text = item.text()
    if (text === undefined) return []
    const category = text.split('.')[0] ?? ''
    if (!CATEGORIES.includes(category)) {
      item.report(
        `${item.where} '${text}' names no category of checks${didYouMean(category, CATEGORIES, `: use one of ${CATEGORIES.join(', ')}, or a check id such as services.api`)}`
      )
      return []
    }
    return [text]
  })
}
