import { renderSummary } from '../../src/report/markdown.js'
import type { CheckResult } from '../../src/model/check.js'
import { check, fixtureReport } from './fixture.js'

const bytes = (text: string) => Buffer.byteLength(text)
const tableRows = (markdown: string) => markdown.split('\n').filter(line => /^\| `/.test(line))

describe('renderSummary', () => {
  it('opens with the verdict, the environment and the deployment id, then the one-line summary', () => {
    const report = fixtureReport()
    const lines = renderSummary(report).split('\n')
    expect(lines[0]).toBe('## ❌ failed · production · `deploy_20260314_092653`')
    expect(lines[2]).toContain('failed: 1 of 7 checks failed (services.database)')
  })

  it('lists failures first, then warnings, flaky, skipped and passed checks', () => {
    const ids = tableRows(renderSummary(fixtureReport())).map(row => row.split('`')[1])
    expect(ids).toEqual([
      'services.queue',
      'services.database',
      'services.cache',
      'services.worker',
      'services.search',
      'services.api',
      'services.storage'
    ])
  })

  it('shows a flaky check as a pass that needed retries, and marks critical failures', () => {
    const markdown = renderSummary(fixtureReport())
    expect(markdown).toMatch(
      /\| `services\.worker` \| 🔁 passed after 3 attempts \(flaky\) \| 3\.2 s \| 3 \|/
    )
    expect(markdown).toContain(
      '| `services.database` | ❌ failed (critical) | 15 s | 5 | extension vector is not installed |'
    )
  })

  it('escapes pipes, newlines, HTML and markdown in reasons so a row stays one row', () => {
    const report = fixtureReport({
      checks: [
        check({
          id: 'services.api',
          status: 'failed',
          message: 'expected a|b\ngot <script>alert(1)</script> and ![x](http://evil/) **bold**'
        })
      ]
    })
    const rows = tableRows(renderSummary(report))
    expect(rows).toHaveLength(1)
    const row = rows[0] ?? ''
    expect(row).toContain(
      'expected a\\|b got &lt;script&gt;alert(1)&lt;/script&gt; and !\\[x\\](http://evil/) \\*\\*bold\\*\\*'
    )
    // Five cells: six unescaped pipes.
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(6)
  })

  it('clips a long reason to keep the table readable', () => {
    const report = fixtureReport({
      checks: [check({ id: 'services.api', status: 'failed', message: 'x'.repeat(5000) })]
    })
    const row = tableRows(renderSummary(report))[0] ?? ''
    expect(row.length).toBeLessThan(500)
    expect(row).toContain('…')
  })

  it('lists configuration problems with file, line and column', () => {
    const report = fixtureReport({
      status: 'error',
      summary: 'error: the configuration has 2 problems',
      checks: [],
      errors: [
        { message: 'unknown key `retires`; did you mean `retry`?', file: 'env.yml', line: 7, column: 5 },
        { message: 'API_URL is required but not set', file: 'env.yml', line: 3, column: 3 }
      ]
    })
    const markdown = renderSummary(report)
    expect(markdown.split('\n')[0]).toBe('## 🛑 error · production · `deploy_20260314_092653`')
    expect(markdown).toContain('### Problems to fix')
    expect(markdown).toContain('- `env.yml:7:5` unknown key \\`retires\\`; did you mean \\`retry\\`?')
    expect(markdown).toContain('- `env.yml:3:3` API\\_URL is required but not set')
    expect(markdown).not.toContain('| Check |')
  })

  it('ends with where the report is', () => {
    const markdown = renderSummary(fixtureReport(), { reportPath: 'out/deploy-verify-report.json' })
    const lines = markdown.trimEnd().split('\n')
    expect(lines.at(-1)).toContain('Full report: `out/deploy-verify-report.json`')
  })

  describe('under a byte budget', () => {
    const many = (n: number, padding = 40): CheckResult[] =>
      Array.from({ length: n }, (_, i) =>
        check({
          id: `services.s${String(i).padStart(4, '0')}`,
          message: `200 OK — ünïcödé ${'·'.repeat(padding)}`
        })
      )

    it('drops passed rows first, keeps the verdict and failures, and says how many are not shown', () => {
      const checks = [...many(200), check({ id: 'services.db', status: 'failed', message: 'refused' })]
      const report = fixtureReport({ checks })
      const markdown = renderSummary(report, { maxBytes: 4000 })
      expect(bytes(markdown)).toBeLessThanOrEqual(4000)
      expect(markdown.startsWith('## ❌ failed')).toBe(true)
      expect(markdown).toContain('| `services.db` | ❌ failed |')
      const shown = tableRows(markdown).length
      expect(shown).toBeGreaterThan(1)
      expect(shown).toBeLessThan(201)
      expect(markdown).toContain(
        `${201 - shown} more checks not shown (${201 - shown} passed): see the JSON report.`
      )
    })

    it('keeps a 5,000-check report under 1 MiB by default', () => {
      const checks = many(5000, 200).map((c, i) => (i % 100 === 0 ? { ...c, status: 'failed' as const } : c))
      const markdown = renderSummary(fixtureReport({ checks }))
      expect(bytes(markdown)).toBeLessThan(1024 * 1024)
      expect(tableRows(markdown).filter(row => row.includes('❌ failed'))).toHaveLength(50)
      expect(markdown).toMatch(/\d+ more checks not shown \(\d+ passed\): see the JSON report\./)
    })

    it('keeps the whole table when it fits', () => {
      const markdown = renderSummary(fixtureReport({ checks: many(50) }), { maxBytes: 1024 * 1024 })
      expect(tableRows(markdown)).toHaveLength(50)
      expect(markdown).not.toContain('not shown')
    })

    it('never exceeds even a budget smaller than the verdict', () => {
      expect(bytes(renderSummary(fixtureReport(), { maxBytes: 30 }))).toBeLessThanOrEqual(30)
    })
  })
})
