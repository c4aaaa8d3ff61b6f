// What applies where neither the environment file nor a file it extends says otherwise: the
// bottom layer of the merge. The schema documents the same values as its `default`s.
import type { CheckPolicy } from './model.js'

export const DEFAULT_POLICY: CheckPolicy = {
  timeoutMs: 10_000,
  retry: {
    attempts: 5,
    initialDelayMs: 1_000,
    maxDelayMs: 30_000,
    factor: 2,
    jitter: 0.2,
    onPermanent: 'once'
  },
  startupBudgetMs: 300_000,
  successThreshold: 1
}

export const DEFAULT_CONCURRENCY = 8

export const DEFAULT_REPORT_PATH = 'deploy-verify-report.json'
