// The rollback's pure decisions: which failures trigger it, which steps repair them, how it ended.
import {
  rollbackOutcome,
  rollbackTrigger,
  selects,
  stepsFor,
  type JudgedCheck
} from '../../src/judge/rollback.js'
import type { CheckStatus } from '../../src/model/check.js'

function check(id: string, status: CheckStatus): JudgedCheck {
  return { id, category: id.split('.')[0] ?? id, status }
}

const tls = check('security.tls.expiry.api', 'failed')
const health = check('services.api', 'error')
const smoke = check('smoke.login', 'warning')
const db = check('services.db', 'passed')

describe('a failure selector', () => {
  test('names a category, a whole check id, or the start of check ids at a dot', () => {
    expect(selects('security', tls)).toBe(true)
    expect(selects('security.tls.expiry.api', tls)).toBe(true)
    expect(selects('security.tls', tls)).toBe(true)
    expect(selects('security.tl', tls)).toBe(false)
    expect(selects('security.tls.expiry.api.', tls)).toBe(false)
    expect(selects('services', tls)).toBe(false)
  })

  test('matches the category even where the id does not start with it', () => {
    expect(selects('deploy', { id: 'step.release', category: 'deploy', status: 'failed' })).toBe(true)
  })
})

describe('what triggers a rollback', () => {
  const checks = [tls, health, smoke, db]

  test('only a failed run triggers one, by its failed and unevaluated checks', () => {
    expect(rollbackTrigger('failed', checks, [])).toEqual([tls, health])
    expect(rollbackTrigger('warning', checks, [])).toEqual([])
    expect(rollbackTrigger('error', checks, [])).toEqual([])
    expect(rollbackTrigger('passed', checks, [])).toEqual([])
  })

  test('`on:` keeps the failures it selects; a warning is never one', () => {
    expect(rollbackTrigger('failed', checks, ['services'])).toEqual([health])
    expect(rollbackTrigger('failed', checks, ['security.tls', 'services.api'])).toEqual([tls, health])
    expect(rollbackTrigger('failed', checks, ['smoke', 'services.db'])).toEqual([])
  })
})

describe('which steps run', () => {
  const always = { id: 'restart', when: [] }
  const forTls = { id: 'certificate', when: ['security.tls'] }
  const forDb = { id: 'migrate-down', when: ['services.db', 'smoke'] }

  test('a step without `when:` always runs; the others run for a failure they name', () => {
    expect(stepsFor([always, forTls, forDb], [tls])).toEqual([always, forTls])
    expect(stepsFor([always, forTls, forDb], [health])).toEqual([always])
    expect(stepsFor([forDb, forTls], [check('services.db', 'failed')])).toEqual([forDb])
    expect(stepsFor([forTls, forDb], [health, tls])).toEqual([forTls])
  })
})

describe('how a rollback ended', () => {
  const held = { id: 'restart', status: 'passed' as const }

  test('a step that did not hold fails it, naming the first such step', () => {
    expect(
      rollbackOutcome([held, { id: 'migrate', status: 'error' }, { id: 'notify', status: 'failed' }], null)
    ).toEqual({ state: 'failed', message: 'rollback step migrate error' })
    expect(rollbackOutcome([{ id: 'restart', status: 'failed' }], null)).toEqual({
      state: 'failed',
      message: 'rollback step restart failed'
    })
  })

  test('steps that held, and no verification, succeed', () => {
    expect(rollbackOutcome([held, { id: 'flush', status: 'flaky' }], null)).toEqual({
      state: 'succeeded',
      message: '2 step(s) succeeded'
    })
  })

  test('a verification that passed or warned succeeds, naming the services verified', () => {
    const services = {
      api: { status: 'passed' as const, message: '' },
      web: { status: 'warning' as const, message: '' }
    }
    for (const status of ['passed', 'warning'] as const)
      expect(rollbackOutcome([held], { status, services })).toEqual({
        state: 'succeeded',
        message: '1 step(s) succeeded; verified: api, web'
      })
  })

  test('a verification that failed names the services not healthy again', () => {
    const services = {
      api: { status: 'passed' as const, message: '' },
      cache: { status: 'flaky' as const, message: '' },
      db: { status: 'failed' as const, message: '' },
      queue: { status: 'error' as const, message: '' }
    }
    for (const status of ['failed', 'error'] as const)
      expect(rollbackOutcome([held], { status, services })).toEqual({
        state: 'failed',
        message: 'after the rollback, not healthy: db, queue'
      })
  })
})
