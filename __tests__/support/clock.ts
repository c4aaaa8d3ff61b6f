// A clock whose sleeps return at once and move time on: retries, budgets, windows and schedules are
// exercised without waiting, and without depending on how fast the machine is.
import type { Clock } from '../../src/phases/context.js'

export function fakeClock(): Clock & { slept: number[] } {
  let now = 0
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: async ms => {
      slept.push(ms)
      now += ms
    },
    random: () => 0.5
  }
}
