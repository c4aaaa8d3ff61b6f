// The one result type of best-effort edge operations: a value, or the problem that kept it away.
import { failed, succeeded } from '../../src/model/result.js'

test('a success holds its value; a failure holds its problem and no value', () => {
  expect(succeeded(42)).toEqual({ ok: true, value: 42 })
  expect(failed('GitHub answered 403')).toEqual({ ok: false, problem: 'GitHub answered 403' })
})
