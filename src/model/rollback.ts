// The rollback as the report records it: what triggered it, the release it went back to, each
// step, the verification after it, and how it ended.
import type { AttemptRecord, CheckStatus, RunStatus } from './check.js'
import type { Result } from './result.js'

/** `dispatched`: a rollback workflow was started instead; `skipped`: one was due but not run here. */
export type RollbackState = 'succeeded' | 'failed' | 'not-triggered' | 'dispatched' | 'skipped'

/** The last known-good release, and where it was learnt. */
export interface TargetRelease {
  sha: string | null
  ref: string | null
  /** The Deployments API id of the good release, when that is where it came from. */
  deployment: string | null
  /** Where it was found ("the Deployments API: …"); null when nothing said, with `note` saying so. */
  source: string | null
  note?: string
}

export interface RollbackStepReport {
  id: string
  name: string
  status: CheckStatus
  command: string
  /** Attempts made: each with whether it held and what was wrong. */
  attempts: AttemptRecord[]
  /** The last attempt's exit code; null when it was killed or did not run. */
  exit_code: number | null
  timed_out: boolean
  duration_ms: number
  message: string
  output_tail: string[]
}

export interface RollbackVerification {
  status: RunStatus
  /** The verify: services, checked again by the same checks. */
  services: Record<string, { status: CheckStatus; message: string }>
}

export interface RollbackSection {
  state: RollbackState
  /** One line: why it ended as it did. */
  message: string
  /** auto: in the verifying job; rollback: a rollback run fed a failed run's report. */
  mode: 'auto' | 'rollback'
  /** The failed check ids that triggered it. */
  trigger: string[]
  target: TargetRelease | null
  steps: RollbackStepReport[]
  verification: RollbackVerification | null
  /** What a person does now: set when the rollback failed. */
  manual: string | null
  /** mode rollback: the failed run it acted on, and where that was read (see `FailedRun`). */
  failed_run?: { deployment_id: string; status: RunStatus; report: string }
  /** The repository_dispatch this run sent to start the rollback workflow. */
  dispatch?: { event_type: string; payload_keys: string[] }
}

/** A rollback section for a rollback that did not run here, with why. */
export function untriggered(
  mode: RollbackSection['mode'],
  state: 'not-triggered' | 'skipped',
  message: string,
  trigger: readonly string[]
): RollbackSection {
  return {
    state,
    message,
    mode,
    trigger: [...trigger],
    target: null,
    steps: [],
    verification: null,
    manual: null
  }
}

/** The environment variables a rollback step reads the target release from. */
export const TARGET_VARIABLES = {
  sha: 'DEPLOY_VERIFY_ROLLBACK_SHA',
  ref: 'DEPLOY_VERIFY_ROLLBACK_REF',
  deployment: 'DEPLOY_VERIFY_ROLLBACK_DEPLOYMENT',
  source: 'DEPLOY_VERIFY_ROLLBACK_SOURCE'
} as const

/**
 * Finds the environment's last known-good release (the action asks the Deployments API): a value,
 * nothing when there is none, or the problem that kept it from being found.
 */
export type ReleaseFinder = (environment: string) => Promise<Result<TargetRelease | undefined>>

/** One line for the log and the summary: the release and where it was learnt. */
export function describeTarget(target: TargetRelease): string {
  if (!target.source) return `an unknown release (${target.note ?? 'no source named one'})`
  const what = [target.sha?.slice(0, 12), target.ref].filter(Boolean).join(' ') || 'the release'
  return `${what} from ${target.source}`
}
