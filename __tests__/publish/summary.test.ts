// What the publisher tells the job summary: the rollback dispatch's fate, links to the YAML lines,
// and nothing a secret could leak through.
import { DEFAULT_INPUTS } from '../../src/inputs.js'
import { Publisher } from '../../src/publish/publisher.js'
import { recordDispatch } from '../../src/report/rollback-notice.js'
import { Secrets } from '../../src/secrets/redact.js'
import type { Report } from '../../src/model/report.js'
import { check, fixtureReport } from '../report/fixture.js'
import { quietLogger } from '../support/logger.js'

const SECRET = 'hunter2-database-password'

/** Publishes `report` outside GitHub Actions and returns the job summary it wrote. */
async function summaryOf(report: Report, eventType?: string): Promise<string> {
  const written: string[] = []
  const publisher = await Publisher.connect({
    inputs: DEFAULT_INPUTS,
    env: {},
    git: report.git,
    logger: quietLogger,
    redactor: new Secrets([SECRET])
  })
  const rollbackDispatch = await publisher.dispatchRollback(report, { eventType })
  await publisher.finish({
    report: recordDispatch(report, rollbackDispatch),
    reportShown: 'deploy-verify-report.json',
    annotations: [],
    rollbackDispatch,
    fromRoot: file => `app/${file}`,
    writeSummary: async markdown => void written.push(markdown)
  })
  expect(written).toHaveLength(1)
  return written[0] ?? ''
}

describe('the job summary the publisher writes', () => {
  it('says why a failed run dispatched no rollback when nothing can be published', async () => {
    const summary = await summaryOf(fixtureReport(), 'rollback-production')
    expect(summary).toContain(
      '↩️ **No rollback dispatched** (repository_dispatch `rollback-production`): not running in GitHub Actions.'
    )
  })

  it('never dispatches a rollback from a rollback run, which would start itself again', async () => {
    expect(await summaryOf(fixtureReport({ mode: 'rollback' }), 'rollback-production')).toContain(
      '↩️ **No rollback dispatched** (repository_dispatch `rollback-production`): a mode rollback run never starts another rollback, which would start itself again.'
    )
  })

  it('says a failed run has no rollback to dispatch when the file names none', async () => {
    expect(await summaryOf(fixtureReport())).toContain(
      '↩️ **No rollback dispatched**: the environment file names no rollback.dispatch event.'
    )
  })

  it('says a run that did not fail starts no rollback, and says nothing when none is named', async () => {
    const passed = fixtureReport({ status: 'passed', checks: [check({ id: 'services.api' })] })
    expect(await summaryOf(passed, 'rollback-production')).toContain(
      '(repository_dispatch `rollback-production`): the verdict is passed, and only a failed one starts the rollback.'
    )
    expect(await summaryOf(passed)).not.toContain('ollback')
  })

  it('links check ids to their line from the repository root, at the commit', async () => {
    expect(await summaryOf(fixtureReport())).toContain(
      '[`services.database`](https://github.com/acme/shop/blob/3f1c2a9e8b7d6c5b4a39281706f5e4d3c2b1a098/app/.github/deploy-verify/production.yml#L12)'
    )
  })

  it('redacts a secret wherever it appears: a reason, a check id, the event type', async () => {
    const report = fixtureReport({
      checks: [check({ id: `services.${SECRET}`, status: 'failed', message: `password ${SECRET} refused` })]
    })
    // The report comes redacted from where it was assembled; the mask is escaped as any other text.
    const summary = await summaryOf(new Secrets([SECRET]).deep(report), `rollback-${SECRET}`)
    expect(summary).not.toContain(SECRET)
    expect(summary).toContain('| password \\*\\*\\* refused |')
    expect(summary).toContain('`services.***`')
    expect(summary).toContain('repository_dispatch `rollback-***`')
  })
})
