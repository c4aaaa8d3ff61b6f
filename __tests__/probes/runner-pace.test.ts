// The runner's own pace, measured beside every round of latency samples: a loopback round trip to
// another process, a fixed CPU task on every core at once and, on Linux, the main thread's wait for
// a core while it probed. Its figures only; how they are judged is in judge/runner-slowdown.
import { setTimeout as sleep } from 'node:timers/promises'
import { openPaceMeter } from '../../src/probes/runner-pace.js'

/** What a round of probing does on the main thread: some work, then a wait for an answer. */
async function probing(): Promise<void> {
  const until = Date.now() + 5
  while (Date.now() < until);
  await sleep(5)
}

test('measures a round trip, the slowest CPU task of all cores and, on Linux, the wait for a core', async () => {
  const meter = await openPaceMeter()
  if (!meter) throw new Error('the pace meter did not start')
  try {
    for (let round = 0; round < 2; round++) {
      await probing()
      const pace = await meter.measure()
      expect(pace?.loopback_ms).toBeGreaterThan(0)
      expect(pace?.all_cores_task_ms).toBeGreaterThan(0)
      if (process.platform === 'linux') expect(pace?.run_queue_factor).toBeGreaterThanOrEqual(1)
      else expect(pace).not.toHaveProperty('run_queue_factor')
    }
  } finally {
    await meter.close()
  }
})
