// The outcome of comparing one observation with its expectations.

export interface Judgement {
  ok: boolean
  /** One plain sentence per unmet expectation: what was expected and what was seen. */
  failures: string[]
  /** The headline latency of the attempt, when the probe measures one. */
  responseTimeMs?: number
}
