// The job summary's layout, line by line: each section with its heading, table head and blank
// lines, in order of importance, and what a shortened summary says it left out.
import { renderSummary } from '../../src/report/markdown.js'
import { check, fixtureReport } from './fixture.js'

const SHA = '3f1c2a9e8b7d6c5b4a39281706f5e4d3c2b1a098'

test('a run with a problem, a check needing attention and a passed one, line by line', () => {
  const report = fixtureReport({
    status: 'error',
    summary: 'error: the run crashed',
    checks: [
      check({ id: 'services.api', duration_ms: 41, message: '200 OK' }),
      check({ id: 'services.db', status: 'failed', message: 'refused', attempts: 2, duration_ms: 1500 })
    ],
    errors: [{ message: 'the run crashed' }]
  })
  expect(renderSummary(report, { reportPath: 'report.json', artifactUrl: 'https://x/artifacts/1' })).toBe(
    [
      '## 🛑 error · production · `deploy_20260314_092653`',
      '',
      'error: the run crashed',
      '',
      '**2 checks** · ❌ 1 failed · ✅ 1 passed',
      '',
      '### Problems to fix',
      '',
      '- the run crashed',
      '',
      '### Needs attention',
      '',
      '| Check | Status | Time | Attempts | Reason |',
      '| --- | --- | --- | --- | --- |',
      '| `services.db` | ❌ failed | 1.5\u00a0s | 2 | refused |',
      '',
      '<details><summary>✅ 1 check passed</summary>',
      '',
      '| Check | Time | Result |',
      '| --- | --- | --- |',
      '| `services.api` | 41\u00a0ms | 200 OK |',
      '',
      '</details>',
      '',
      '---',
      'Full report: `report.json` ([download the report artifact](https://x/artifacts/1)) · started 2026-03-14T09:26:53.120Z · report version 1',
      ''
    ].join('\n')
  )
})

test('a run without checks has no counts row and no sections', () => {
  const report = fixtureReport({ status: 'passed', summary: 'passed: no checks ran', checks: [], errors: [] })
  expect(renderSummary(report)).toBe(
    [
      '## ✅ passed · production · `deploy_20260314_092653`',
      '',
      'passed: no checks ran',
      '',
      '---',
      'Full report: the JSON report of this run · started 2026-03-14T09:26:53.120Z · report version 1',
      ''
    ].join('\n')
  )
})

test('a merged report has a row per environment under the counts', () => {
  const report = fixtureReport({
    status: 'failed',
    summary: 'failed: 2 environments',
    checks: [],
    environments: [
      { environment: 'eu_west', status: 'passed', summary: 'passed: 3 checks', deployment_id: 'd1' },
      { environment: 'us-east', status: 'failed', summary: 'failed:\n1 of 3', deployment_id: 'd2' }
    ]
  })
  expect(renderSummary(report).split('\n').slice(0, 9)).toEqual([
    '## ❌ failed · production · `deploy_20260314_092653`',
    '',
    'failed: 2 environments',
    '',
    '| Environment | Status | Summary |',
    '| --- | --- | --- |',
    '| eu\\_west | ✅ passed | passed: 3 checks |',
    '| us-east | ❌ failed | failed: 1 of 3 |',
    ''
  ])
})

test("the rollback's lines and the dispatch's line follow the counts, each with a blank line", () => {
  const report = fixtureReport({
    status: 'failed',
    summary: 'failed: 1 of 1 checks failed',
    checks: [check({ id: 'services.api', status: 'failed', message: 'down' })],
    rollback: {
      state: 'failed',
      message: 'step redeploy failed',
      mode: 'auto',
      trigger: [],
      target: null,
      steps: [],
      verification: null,
      manual: null
    }
  })
  const lines = renderSummary(report, { rollback: { sent: false, reason: 'not configured' } }).split('\n')
  expect(lines.slice(4, 11)).toEqual([
    '**1 check** · ❌ 1 failed',
    '',
    '🚨 **Rollback failed**: step redeploy failed.',
    '',
    '↩️ **No rollback dispatched**: not configured.',
    '',
    '### Needs attention'
  ])
})

test('critical failures and errors come first, then by status; a critical warning is not among them', () => {
  const report = fixtureReport({
    checks: [
      check({ id: 'services.a', status: 'warning', critical: true }),
      check({ id: 'services.b', status: 'failed' }),
      check({ id: 'services.c', status: 'error', critical: true }),
      check({ id: 'services.d', status: 'skipped' }),
      check({ id: 'services.e', status: 'error' }),
      check({ id: 'services.f', status: 'failed', critical: true })
    ]
  })
  const ids = renderSummary(report)
    .split('\n')
    .filter(line => line.startsWith('| `'))
    .map(line => line.split('`')[1])
  expect(ids).toEqual(['services.c', 'services.f', 'services.e', 'services.b', 'services.a', 'services.d'])
})

test('check ids link to their line only when the repository and the commit are both known', () => {
  const sourceLinks = { serverUrl: 'https://github.com', fromRoot: (file: string) => file }
  const git = fixtureReport().git
  const row = (overrides: Partial<typeof git>) =>
    renderSummary(fixtureReport({ git: { ...git, ...overrides } }), { sourceLinks })
      .split('\n')
      .find(line => line.startsWith('|') && line.includes('services.database'))
  expect(row({ sha: SHA })).toContain(`[\`services.database\`](https://github.com/acme/shop/blob/${SHA}/`)
  expect(row({ sha: null })).toMatch(/^\| `services.database` \|/)
  expect(row({ repository: null })).toMatch(/^\| `services.database` \|/)
})

test("a failed step's output is fenced by more backticks than it holds", () => {
  const report = fixtureReport({
    checks: [check({ id: 'deploy.migrate', category: 'deploy', status: 'failed' })],
    deploy: {
      failed_step: 'migrate',
      steps: {
        migrate: {
          name: 'Migrate',
          status: 'failed',
          command: 'm',
          exit_code: 1,
          timed_out: false,
          duration_ms: 1,
          attempts: 1,
          message: 'exit code 1',
          output_tail: ['a ```` b', 'c']
        }
      }
    }
  })
  expect(renderSummary(report)).toContain(
    [
      '<details><summary>Last lines of Migrate</summary>',
      '',
      '`````text',
      'a ```` b',
      'c',
      '`````',
      '',
      '</details>',
      ''
    ].join('\n')
  )
})

test('a shortened summary names what each section left out', () => {
  const many = (prefix: string, n: number, status: 'passed' | 'failed') =>
    Array.from({ length: n }, (_, i) =>
      check({
        id: `${prefix}.s${i}`,
        category: prefix === 'security' ? 'security' : 'services',
        status,
        message: 'x'.repeat(200),
        name: `target${i} rule`
      })
    )
  const report = fixtureReport({
    checks: [
      ...many('services', 30, 'failed'),
      ...many('security', 30, 'failed'),
      ...many('services', 30, 'passed')
    ],
    errors: Array.from({ length: 30 }, (_, i) => ({ message: `problem ${i} ${'y'.repeat(200)}` }))
  })
  const markdown = renderSummary(report, { maxBytes: 9000 })
  const note = markdown.split('\n').find(line => line.startsWith('> ✂️')) ?? ''
  expect(note).toMatch(
    /^> ✂️ \*\*Shortened\*\* to fit 8 KiB: (\d+ problems?, )?\d+ checks? needing attention, \d+ security checks? needing attention, 30 passed checks left out; the JSON report has everything\.$/
  )
  expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(9000)
})
