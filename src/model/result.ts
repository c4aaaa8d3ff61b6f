// The outcome of a best-effort operation at the edge (publishing, artifacts): a value, or the
// problem that kept it from being had. Such an operation never throws; the one that met the failure
// words it as "what could not be done: why", and its caller only branches on `ok`.

export type Result<T> = { readonly ok: true; readonly value: T } | Failure

export interface Failure {
  readonly ok: false
  /** What could not be done and why, in words a user acts on. */
  readonly problem: string
}

export function succeeded<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function failed(problem: string): Failure {
  return { ok: false, problem }
}
