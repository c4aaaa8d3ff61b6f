// A check's verdict from its attempts: failed when it gave up, flaky when it passed after retries,
// else passed; and the one line that says so.
import type { AttemptRecord, CheckStatus } from '../model/check.js'
import { count, formatMs } from '../model/wording.js'
import type { Judgement } from './judgement.js'

export interface SettledAttempts {
  passed: boolean
  /** Why it gave up, when it did. */
  reason?: string
  attempts: readonly AttemptRecord[]
  /** Of the attempts, how many were startup polls (failures before the first success after a deploy). */
  startupPolls: number
  /** The judgement of the last attempt. */
  last: Judgement
  /** The whole check, every attempt and wait: the one time its message and its report row show. */
  durationMs: number
}

/** `passWord` says what a pass is: `healthy` for a service, `passed` for a step. */
export function judgeAttempts(
  settled: SettledAttempts,
  passWord: string
): { status: CheckStatus; message: string } {
  const { attempts, last, startupPolls } = settled
  if (!settled.passed) {
    const seen = last.failures.length ? last.failures.join('; ') : 'not enough consecutive successes'
    return { status: 'failed', message: `${seen} (${settled.reason})` }
  }
  const time = ` in ${formatMs(Math.round(settled.durationMs))}`
  const failed = retried(settled)
  const flaky = failed ? ` after ${failed} failed of ${count(attempts.length - startupPolls, 'attempt')}` : ''
  const ready = startupPolls ? `, ready after ${count(startupPolls, 'startup poll')}` : ''
  return { status: failed ? 'flaky' : 'passed', message: `${passWord}${time}${flaky}${ready}` }
}

/** A failure once the check had started is a retry, which makes a pass flaky; a startup poll is not. */
function retried(settled: SettledAttempts): number {
  return settled.attempts.slice(settled.startupPolls).filter(a => !a.ok).length
}
