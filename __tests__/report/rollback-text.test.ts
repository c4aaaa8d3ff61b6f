// The rollback in words: the summary's lines under the verdict, and the job's failure message when the
// rollback itself failed.
import type { RollbackSection, RollbackStepReport } from '../../src/model/rollback.js'
import { rollbackFailure, rollbackSummary } from '../../src/report/rollback-text.js'
import { rollbackLine, rollbackLogLine } from '../../src/report/rollback-notice.js'

const step: RollbackStepReport = {
  id: 'redeploy',
  name: 'redeploy v1',
  status: 'passed',
  command: './deploy.sh v1',
  attempts: [{ ok: true, failures: [], duration_ms: 900 }],
  exit_code: 0,
  timed_out: false,
  duration_ms: 900,
  message: 'exit 0',
  output_tail: []
}

function rollback(overrides: Partial<RollbackSection> = {}): RollbackSection {
  return {
    state: 'succeeded',
    message: 'the services passed again',
    mode: 'auto',
    trigger: ['services.api'],
    target: { sha: '0123456789abcdef0123', ref: 'v1', deployment: '7', source: 'the Deployments API' },
    steps: [step],
    verification: { status: 'passed', services: { api: { status: 'passed', message: '200 OK' } } },
    manual: null,
    ...overrides
  }
}

describe("the rollback's failure message", () => {
  test('says the bad release may still run, and how to restore by hand when the environment says', () => {
    expect(
      rollbackFailure(
        rollback({ state: 'failed', message: 'step redeploy failed', manual: 'run\n  ./restore.sh' })
      )
    ).toBe(
      'The rollback failed (step redeploy failed): the environment may still run the bad release. Restore it by hand: run ./restore.sh'
    )
  })

  test('points at rollback.manual when the environment says nothing', () => {
    expect(rollbackFailure(rollback({ state: 'failed', message: 'step redeploy failed' }))).toBe(
      'The rollback failed (step redeploy failed): the environment may still run the bad release. Restore the last good release by hand (rollback.manual can say how).'
    )
  })
})

describe("the rollback's lines in the summary", () => {
  test('none when nothing was due and the run did not fail', () => {
    const untriggered = rollback({
      state: 'not-triggered',
      trigger: [],
      target: null,
      steps: [],
      verification: null
    })
    expect(rollbackSummary(untriggered, 'passed')).toEqual([])
    expect(rollbackSummary(untriggered, 'warning')).toEqual([])
    expect(rollbackSummary({ ...untriggered, message: 'rollback.on excludes warning' }, 'failed')).toEqual([
      '↩️ **No rollback**: rollback.on excludes warning.'
    ])
  })

  test('a headline with the target, the trigger and why; a table of steps; the verification', () => {
    expect(rollbackSummary(rollback(), 'failed')).toEqual([
      '↩️ **Rolled back** to 0123456789ab v1 from the Deployments API after `services.api`: the services passed again.',
      '',
      '| Rollback step | Status | Attempts | Exit code | Message |',
      '| --- | --- | --- | --- | --- |',
      '| redeploy v1 | passed | 1 | 0 | exit 0 |',
      '',
      'Verification after the rollback: **passed** (`api` passed).'
    ])
  })

  test('each state has its own headline', () => {
    const headline = (state: RollbackSection['state']) =>
      rollbackSummary(
        rollback({ state, target: null, trigger: [], steps: [], verification: null }),
        'failed'
      )[0]
    expect(headline('failed')).toBe('🚨 **Rollback failed**: the services passed again.')
    expect(
      rollbackSummary(
        rollback({
          state: 'dispatched',
          target: null,
          trigger: [],
          steps: [],
          verification: null,
          dispatch: { event_type: 'rollback', payload_keys: ['sha'] }
        }),
        'failed'
      )
    ).toEqual([
      '↩️ **Rollback dispatched** (repository_dispatch `rollback`): the rollback workflow on the default branch starts from it, with the client_payload keys `sha`.'
    ])
    expect(headline('skipped')).toBe('↩️ **Rollback not run here**: the services passed again.')
  })

  test("a killed step's exit code is a dash; its long message is one clipped line; markdown is escaped", () => {
    const killed = { ...step, name: '*bold*', exit_code: null, message: `timed out\n${'x'.repeat(300)}` }
    const [, , , , row] = rollbackSummary(rollback({ steps: [killed] }), 'failed')
    expect(row).toBe(`| \\*bold\\* | passed | 1 | — | timed out ${'x'.repeat(189)}… |`)
  })

  test('what to do by hand is quoted line by line, escaped', () => {
    const lines = rollbackSummary(
      rollback({ state: 'failed', verification: null, steps: [], manual: 'ssh <host>\nrun `restore`\n\n' }),
      'failed'
    )
    expect(lines.slice(1)).toEqual(['', '**By hand:**', '', '> ssh &lt;host&gt;', '> run \\`restore\\`'])
  })
})

describe('the rollback dispatch', () => {
  test('sent: the summary and the log name the event and the payload keys', () => {
    const sent = { sent: true as const, eventType: 'rollback', payloadKeys: ['sha', 'ref'] }
    expect(rollbackLine(sent)).toBe(
      '↩️ **Rollback dispatched** (repository_dispatch `rollback`): the rollback workflow on the default branch starts from it, with the client_payload keys `sha`, `ref`.'
    )
    expect(rollbackLogLine(sent)).toBe(
      'Rollback dispatched (repository_dispatch rollback) with the client_payload keys sha, ref.'
    )
  })

  test('not sent: why, escaped in the summary, with the event when there was one', () => {
    const refused = {
      sent: false as const,
      eventType: 'rollback',
      reason: 'the token lacks *contents: write*'
    }
    expect(rollbackLine(refused)).toBe(
      '↩️ **No rollback dispatched** (repository_dispatch `rollback`): the token lacks \\*contents: write\\*.'
    )
    expect(rollbackLogLine(refused)).toBe(
      'No rollback dispatched (repository_dispatch rollback): the token lacks *contents: write*.'
    )
    expect(rollbackLine({ sent: false, reason: 'no failure' })).toBe(
      '↩️ **No rollback dispatched**: no failure.'
    )
    expect(rollbackLogLine({ sent: false, reason: 'no failure' })).toBe('No rollback dispatched: no failure.')
  })
})

test('a rollback that ran is told whatever the verdict; every trigger and verified service is named', () => {
  const lines = rollbackSummary(
    rollback({
      trigger: ['services.api', 'smoke.sign-in'],
      steps: [],
      verification: {
        status: 'failed',
        services: { api: { status: 'passed', message: 'ok' }, db: { status: 'failed', message: 'down' } }
      }
    }),
    'passed'
  )
  expect(lines).toEqual([
    '↩️ **Rolled back** to 0123456789ab v1 from the Deployments API after `services.api`, `smoke.sign-in`: the services passed again.',
    '',
    'Verification after the rollback: **failed** (`api` passed, `db` failed).'
  ])
})
