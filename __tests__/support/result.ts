// Reading a Result in a test: the value it must hold, or the test fails with the problem it holds.
import type { Result } from '../../src/model/result.js'

export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a value, got the problem: ${result.problem}`)
  return result.value
}
