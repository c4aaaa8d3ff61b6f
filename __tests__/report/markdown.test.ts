import { recordDispatch, type RollbackDispatch } from '../../src/report/rollback-notice.js'
import { renderSummary } from '../../src/report/markdown.js'
import type { CheckResult } from '../../src/model/check.js'
import type { LatencyFinding, Report } from '../../src/model/report.js'
import { check, fixtureReport } from './fixture.js'

const bytes = (text: string) => Buffer.byteLength(text)
/** Table rows whose first cell is a check id, linked or not. */
const tableRows = (markdown: string) => markdown.split('\n').filter(line => /^\| \[?`/.test(line))
const idOf = (row: string) => row.split('`')[1]
/** From a heading (or fold opening) `start` to the end of its block (or `end`). */
function section(markdown: string, start: string, end = '\n\n'): string {
  const from = markdown.indexOf(start)
  if (from < 0) return ''
  // A heading is followed by a blank line: the block ends at the next one.
  const to = markdown.indexOf(end, from + start.length + 2)
  return markdown.slice(from, to < 0 ? undefined : to)
}
const fold = (markdown: string, summary: string) =>
  section(markdown, `<details><summary>${summary}`, '</details>')
const links = { serverUrl: 'https://github.com', fromRoot: (file: string) => file }
const SHA = '3f1c2a9e8b7d6c5b4a39281706f5e4d3c2b1a098'

function latency(overrides: Partial<LatencyFinding> = {}): LatencyFinding {
  const side = (p50: number) => ({ count: 30, p50, p90: p50 * 1.5, p95: p50 * 2, p99: p50 * 3, iqr: 2 })
  return {
    status: 'passed',
    p_value: 0.41,
    shift_ms: 0.4,
    interval_ms: [-1.2, 1.9],
    relative_shift: 0.036,
    variance_ratio: 1.05,
    runner_slowdown: null,
    window_ms: [0, 290],
    baseline: side(11),
    target: side(12),
    bounds: [],
    ...overrides
  }
}

function withLatency(findings: Record<string, LatencyFinding>, checks: CheckResult[] = []): Report {
  const report = fixtureReport()
  return fixtureReport({
    checks: [
      ...checks,
      ...Object.entries(findings).map(([service, finding]) =>
        check({
          id: `baseline.latency.${service}`,
          category: 'baseline',
          status: finding.status,
          message:
            'no latency regression: 30 baseline vs 30 target samples, median 11 ms → 12 ms, shift +0.4 ms (98% interval …)'
        })
      )
    ],
    baseline: {
      mode: 'verify',
      source: null,
      recorded: null,
      config: null,
      latency: findings,
      schema: {},
      throughput: {}
    },
    git: report.git
  })
}

describe('the job summary', () => {
  describe('opens with the verdict', () => {
    it('names the status, the environment and the deployment, then the one-line summary', () => {
      const lines = renderSummary(fixtureReport()).split('\n')
      expect(lines[0]).toBe('## ❌ failed · production · `deploy_20260314_092653`')
      expect(lines[2]).toContain('failed: 1 of 7 checks failed (services.database)')
    })

    it('counts the checks of each status, worst first', () => {
      const lines = renderSummary(fixtureReport()).split('\n')
      expect(lines[4]).toBe(
        '**7 checks** · 🛑 1 error · ❌ 1 failed · ⚠️ 1 warning · 🔁 1 flaky · ⏭️ 1 skipped · ✅ 2 passed'
      )
    })

    it('leaves statuses no check has out of the counts', () => {
      const report = fixtureReport({ status: 'passed', checks: [check({ id: 'services.api' })] })
      expect(renderSummary(report)).toContain('\n**1 check** · ✅ 1 passed\n')
    })
  })

  describe('what needs attention', () => {
    it('lists every check that did not simply pass, critical failures first, then by status', () => {
      const attention = section(renderSummary(fixtureReport()), '### Needs attention')
      expect(tableRows(attention).map(idOf)).toEqual([
        'services.database',
        'services.queue',
        'services.cache',
        'services.worker',
        'services.search'
      ])
    })

    it('gives each its status, time, attempts and reason, the time kept on one line', () => {
      const markdown = renderSummary(fixtureReport())
      expect(markdown).toContain(
        '| `services.database` | ❌ failed (critical) | 15\u00a0s | 5 | extension vector is not installed |'
      )
      expect(markdown).toContain(
        '| `services.worker` | 🔁 passed after 3 attempts (flaky) | 3.2\u00a0s | 3 |'
      )
    })

    it('groups the security checks by target under the level, apart from the other checks', () => {
      const security = (id: string, status: CheckResult['status'], message: string) =>
        check({
          id,
          category: 'security',
          name: id.split('.').slice(3).join('.') + ' ' + id.split('.').slice(1, 3).join('.'),
          status,
          message
        })
      const report = fixtureReport({
        checks: [
          check({ id: 'services.api' }),
          security(
            'security.headers.version-leak.web',
            'warning',
            'tells the software version: X-Powered-By: Express 4.17'
          ),
          security('security.tls.expiry.api', 'failed', 'expires on 2026-12-04, in 3 days (fails under 7)'),
          security('security.cors.reflected-origin.web', 'failed', 'reflects any origin'),
          security('security.tls.trusted.api', 'passed', 'the certificate chain ends in a trusted CA')
        ],
        security: { level: 'production', targets: {} }
      })
      const markdown = renderSummary(report)
      expect(section(markdown, '### Needs attention')).toBe('')
      expect(section(markdown, '### 🔒 Security · level production').split('\n')).toEqual([
        '### 🔒 Security · level production',
        '',
        '| Target | Check | Status | Reason |',
        '| --- | --- | --- | --- |',
        '| `api` | `security.tls.expiry.api` | ❌ failed | expires on 2026-12-04, in 3 days (fails under 7) |',
        '| `web` | `security.cors.reflected-origin.web` | ❌ failed | reflects any origin |',
        '| `web` | `security.headers.version-leak.web` | ⚠️ warning | tells the software version: X-Powered-By: Express 4.17 |'
      ])
      expect(fold(markdown, '✅ 2 checks passed')).toContain('`security.tls.trusted.api`')
    })

    it('has no such section when every check passed', () => {
      const report = fixtureReport({ status: 'passed', checks: [check({ id: 'services.api' })] })
      expect(renderSummary(report)).not.toContain('Needs attention')
    })

    it('clips a long reason to keep the table readable', () => {
      const report = fixtureReport({
        checks: [check({ id: 'services.api', status: 'failed', message: 'x'.repeat(5000) })]
      })
      const row = tableRows(renderSummary(report))[0] ?? ''
      expect(row.length).toBeLessThan(500)
      expect(row).toContain('…')
    })
  })

  describe('passing checks', () => {
    it('are folded into a details block, after what needs attention', () => {
      const markdown = renderSummary(fixtureReport())
      const passed = fold(markdown, '✅ 2 checks passed')
      expect(tableRows(passed).map(idOf)).toEqual(['services.api', 'services.storage'])
      expect(passed).toContain('| `services.api` | 42\u00a0ms | 200 OK |')
      expect(markdown.indexOf('### Needs attention')).toBeLessThan(markdown.indexOf('<details>'))
      expect(tableRows(section(markdown, '### Needs attention')).map(idOf)).not.toContain('services.api')
    })
  })

  describe('latency', () => {
    it('is said in plain words, the statistics folded away', () => {
      const markdown = renderSummary(withLatency({ api: latency() }))
      expect(section(markdown, '### Latency')).toContain(
        '- ✅ Unchanged from the baseline: `api` median 12 ms'
      )
      const statistics = fold(markdown, 'Latency statistics')
      expect(statistics).toContain('| `api` | 30 → 30 | 11 ms → 12 ms | 22 ms → 24 ms | 33 ms → 36 ms |')
      expect(statistics).toContain('+0.4 ms (-1.2 ms to +1.9 ms) | 0.410 | 1.1× |')
    })

    it('says by how much a regression is slower, in the failure table too', () => {
      const slower = latency({
        status: 'failed',
        shift_ms: 18,
        interval_ms: [15, 21],
        relative_shift: 1.5,
        p_value: 0.00001,
        target: { count: 30, p50: 30, p90: 40, p95: 45, p99: 60, iqr: 4 }
      })
      const markdown = renderSummary(withLatency({ api: slower }))
      const words = "median 30 ms, slower than the baseline's 11 ms (by 18 ms, 150%)"
      expect(section(markdown, '### Latency')).toContain(`- ❌ \`api\`: ${words}`)
      expect(tableRows(section(markdown, '### Needs attention'))[0]).toContain(`| ${words} |`)
      expect(fold(markdown, 'Latency statistics')).toContain('| < 0.001 |')
      // The judge's long message is kept for the JSON report, not the summary.
      expect(markdown).not.toContain('98% interval')
    })

    it('says when there was no baseline, or too few samples, and names a bound not met', () => {
      const markdown = renderSummary(
        withLatency({
          api: latency({ baseline: null, p_value: null, shift_ms: null, interval_ms: null }),
          db: latency({
            status: 'warning',
            p_value: null,
            shift_ms: null,
            interval_ms: null,
            bounds: [
              {
                bound: 'p95 < 20ms',
                observed: 24,
                limit: 20,
                status: 'failed',
                message: 'p95 < 20ms not met: p95 is 24 ms'
              }
            ]
          })
        })
      )
      expect(markdown).toContain('- ✅ `api`: median 12 ms, no baseline to compare with')
      expect(markdown).toContain(
        '- ⚠️ `db`: median 12 ms; too few samples to compare with the baseline (30 there, 30 now); p95 &lt; 20ms not met: p95 is 24 ms'
      )
    })

    it('gives each moved service its own line and names the unchanged ones on one', () => {
      const slower = latency({ shift_ms: 3, interval_ms: [1, 5], relative_shift: 0.27 })
      const markdown = renderSummary(withLatency({ api: latency(), search: slower, gateway: latency() }))
      const lines = section(markdown, '### Latency')
        .split('\n')
        .filter(line => line.startsWith('- '))
      expect(lines).toEqual([
        "- ✅ `search`: median 12 ms, slower than the baseline's 11 ms (by 3 ms, 27%)",
        '- ✅ Unchanged from the baseline: `api` median 12 ms, `gateway` median 12 ms'
      ])
      // Each check's row still says it in words, in the fold of passed checks.
      expect(fold(markdown, '✅')).toContain('| median 12 ms, unchanged from the baseline (11 ms) |')
    })

    it('says by how much it is faster when the whole interval is below zero', () => {
      const faster = latency({
        shift_ms: -4,
        interval_ms: [-6, -2],
        relative_shift: -0.36,
        target: { count: 30, p50: 7, p90: 9, p95: 10, p99: 14, iqr: 1 }
      })
      expect(renderSummary(withLatency({ api: faster }))).toContain(
        "- ✅ `api`: median 7 ms, faster than the baseline's 11 ms (by 4 ms, 36%)"
      )
    })

    it("names the runner's measured slowdown once, and beside a shift it may explain", () => {
      const inconclusive = latency({
        status: 'warning',
        shift_ms: 6,
        interval_ms: [4, 8],
        relative_shift: 0.55,
        runner_slowdown: 2.34
      })
      const markdown = renderSummary(
        withLatency({ api: inconclusive, cache: latency({ runner_slowdown: 2.34 }) })
      )
      const lines = section(markdown, '### Latency')
        .split('\n')
        .filter(line => line.startsWith('- '))
      expect(lines).toEqual([
        "- ⚠️ `api`: median 12 ms, slower than the baseline's 11 ms (by 6 ms, 55%); the runner is 2.3× slower than when the baseline was recorded",
        '- ✅ Unchanged from the baseline: `cache` median 12 ms',
        '- 🏃 Runner: the runner took 2.3× the time it took when the baseline was recorded (a loopback round trip, a CPU task and, where the system tells it, the wait for a core): measurably slower, so a shift it explains is inconclusive (a warning), not a regression'
      ])
      // The reason in the table of checks needing attention says it too.
      expect(tableRows(section(markdown, '### Needs attention'))[0]).toContain(
        'the runner is 2.3× slower than when the baseline was recorded |'
      )
    })

    it('states a runner no slower than at recording as a figure only, and nothing without one', () => {
      const quiet = renderSummary(withLatency({ api: latency({ runner_slowdown: 1.1 }) }))
      expect(section(quiet, '### Latency').split('\n')).toContain(
        '- 🏃 Runner: the runner took 1.1× the time it took when the baseline was recorded (a loopback round trip, a CPU task and, where the system tells it, the wait for a core)'
      )
      expect(quiet).not.toContain('measurably slower')
      expect(renderSummary(withLatency({ api: latency() }))).not.toContain('Runner:')
    })

    it('has no section when nothing was compared', () => {
      const markdown = renderSummary(fixtureReport())
      expect(markdown).not.toContain('### Latency')
      expect(markdown).not.toContain('Latency statistics')
    })
  })

  describe('links to the YAML line at the commit', () => {
    it('links each check id when the repository and the commit are known', () => {
      const markdown = renderSummary(fixtureReport(), { sourceLinks: links })
      expect(markdown).toContain(
        `| [\`services.database\`](https://github.com/acme/shop/blob/${SHA}/.github/deploy-verify/production.yml#L12) |`
      )
      expect(tableRows(markdown)).toHaveLength(7)
      expect(tableRows(markdown).every(row => row.startsWith('| [`'))).toBe(true)
    })

    it('maps the file to the repository root and follows the server (GitHub Enterprise)', () => {
      const markdown = renderSummary(fixtureReport(), {
        sourceLinks: { serverUrl: 'https://git.example.com/', fromRoot: file => `deploy/${file}` }
      })
      expect(markdown).toContain(
        `(https://git.example.com/acme/shop/blob/${SHA}/deploy/.github/deploy-verify/production.yml#L12)`
      )
    })

    it('links configuration problems to their line', () => {
      const report = fixtureReport({
        status: 'error',
        checks: [],
        errors: [{ message: 'unknown key', file: 'env.yml', line: 7, column: 5 }]
      })
      expect(renderSummary(report, { sourceLinks: links })).toContain(
        `- [\`env.yml:7:5\`](https://github.com/acme/shop/blob/${SHA}/env.yml#L7) unknown key`
      )
    })

    it.each([
      ['no repository', { repository: null }],
      ['no commit', { sha: null }],
      ['a repository that is not owner/name', { repository: 'acme/shop)](javascript:alert(1)' }],
      ['a commit that is not hexadecimal', { sha: 'main) [x](https://evil' }]
    ])('makes no link with %s', (_, git) => {
      const report = fixtureReport()
      const markdown = renderSummary({ ...report, git: { ...report.git, ...git } }, { sourceLinks: links })
      expect(markdown).not.toContain('](')
      expect(tableRows(markdown)).toHaveLength(7)
    })

    it('makes no link without being asked to (the CLI, a local file)', () => {
      expect(renderSummary(fixtureReport())).not.toContain('/blob/')
    })

    it('makes no link from a server URL that is not http(s), or a path that leaves the repository', () => {
      expect(
        renderSummary(fixtureReport(), { sourceLinks: { ...links, serverUrl: 'javascript:alert(1)' } })
      ).not.toContain('](')
      const outside = { ...links, fromRoot: (file: string) => `../${file}` }
      expect(renderSummary(fixtureReport(), { sourceLinks: outside })).not.toContain('](')
    })

    it('percent-encodes a hostile file name so it cannot end the link or start another', () => {
      const file = 'envs/prod) [click](https:evil.example <b>.yml'
      const report = fixtureReport({ checks: [check({ id: 'services.api', status: 'failed', file })] })
      const row = tableRows(renderSummary(report, { sourceLinks: links }))[0] ?? ''
      expect(row).toBe(
        `| [\`services.api\`](https://github.com/acme/shop/blob/${SHA}/envs/prod%29%20%5Bclick%5D%28https%3Aevil.example%20%3Cb%3E.yml#L12) | ❌ failed | 42\u00a0ms | 1 | healthy |`
      )
    })
  })

  describe('hostile values', () => {
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

    it('keeps a hostile check id and environment name as literal text', () => {
      const id = 'services.a`|b](https://evil)<img src=x>\nnext'
      const report = fixtureReport({
        environment: '<script>**prod**</script>',
        checks: [check({ id, status: 'failed' })]
      })
      const markdown = renderSummary(report, { sourceLinks: links })
      expect(markdown.split('\n')[0]).toBe(
        '## ❌ failed · &lt;script&gt;\\*\\*prod\\*\\*&lt;/script&gt; · `deploy_20260314_092653`'
      )
      const row = tableRows(markdown)[0] ?? ''
      // A code span with a longer fence holds the backtick; the pipe is escaped; the newline is a space.
      expect(
        row.startsWith('| [`` services.a`\\|b](https://evil)<img src=x> next ``](https://github.com/')
      ).toBe(true)
      expect(row.match(/(?<!\\)\|/g)).toHaveLength(6)
    })
  })

  describe('the rollback dispatch', () => {
    it('says that it was sent, which event and what its payload carries, once, from the report', () => {
      const sent: RollbackDispatch = {
        sent: true,
        eventType: 'rollback-production',
        payloadKeys: ['environment', 'sha']
      }
      const markdown = renderSummary(recordDispatch(fixtureReport(), sent), { rollback: sent })
      const line =
        '↩️ **Rollback dispatched** (repository_dispatch `rollback-production`): the rollback workflow on the default branch starts from it, with the client_payload keys `environment`, `sha`.'
      expect(markdown.split('\n').slice(0, 8)).toContain(line)
      expect(markdown.split(line)).toHaveLength(2)
    })

    it('says why not when it was not sent', () => {
      const markdown = renderSummary(fixtureReport(), {
        rollback: { sent: false, eventType: 'rollback-production', reason: 'not running in GitHub Actions' }
      })
      expect(markdown).toContain(
        '↩️ **No rollback dispatched** (repository_dispatch `rollback-production`): not running in GitHub Actions.'
      )
      const none = renderSummary(fixtureReport(), {
        rollback: { sent: false, reason: 'the environment file names no rollback.dispatch event' }
      })
      expect(none).toContain(
        '↩️ **No rollback dispatched**: the environment file names no rollback.dispatch event.'
      )
    })

    it('is not mentioned when the caller knows nothing of it', () => {
      expect(renderSummary(fixtureReport())).not.toContain('ollback')
    })
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

  describe('a failed deploy step', () => {
    const failedDeploy = (tail: string[]) =>
      fixtureReport({
        checks: [
          check({ id: 'deploy.migrate', category: 'deploy', status: 'failed', message: 'exit code 1' })
        ],
        deploy: {
          failed_step: 'migrate',
          steps: {
            migrate: {
              name: 'Migrate',
              status: 'failed',
              command: 'npm run migrate',
              exit_code: 1,
              timed_out: false,
              duration_ms: 900,
              attempts: 1,
              message: 'exit code 1',
              output_tail: tail
            }
          }
        }
      })

    it('shows the last lines of its output, folded, after what needs attention', () => {
      const markdown = renderSummary(
        failedDeploy(['applying 0042', 'ERROR: relation "users" already exists'])
      )
      const output = fold(markdown, 'Last lines of Migrate')
      expect(output).toContain('```text\napplying 0042\nERROR: relation "users" already exists\n```')
      expect(markdown.indexOf('### Needs attention')).toBeLessThan(markdown.indexOf('Last lines of Migrate'))
    })

    it('leaves the output out whole when it does not fit, and says so', () => {
      const markdown = renderSummary(failedDeploy(['x'.repeat(3000)]), { maxBytes: 2500 })
      expect(markdown).not.toContain('Last lines of')
      expect(markdown).toContain("the failed deploy step's output not shown here: see the JSON report.")
      expect(markdown).toContain("**Shortened** to fit 2 KiB: the failed deploy step's output left out")
    })
  })

  describe('under a byte budget', () => {
    const many = (n: number, padding = 40): CheckResult[] =>
      Array.from({ length: n }, (_, i) =>
        check({
          id: `services.s${String(i).padStart(4, '0')}`,
          message: `200 OK — ünïcödé ${'·'.repeat(padding)}`
        })
      )

    it('leaves passed checks out first, keeps the verdict and failures, and says so under the verdict', () => {
      const checks = [...many(200), check({ id: 'services.db', status: 'failed', message: 'refused' })]
      const markdown = renderSummary(fixtureReport({ checks }), { maxBytes: 4000 })
      expect(bytes(markdown)).toBeLessThanOrEqual(4000)
      expect(markdown.startsWith('## ❌ failed')).toBe(true)
      expect(markdown).toContain('| `services.db` | ❌ failed |')
      const shown = tableRows(markdown).length - 1
      expect(shown).toBeGreaterThan(0)
      expect(shown).toBeLessThan(200)
      expect(markdown).toContain(
        `> ✂️ **Shortened** to fit 3 KiB: ${200 - shown} passed checks left out; the JSON report has everything.`
      )
      expect(markdown).toContain(`${200 - shown} passed checks not shown here: see the JSON report.`)
      // The fold is closed even when cut short.
      expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length)
    })

    it('keeps a 5,000-check report under 1 MiB by default', () => {
      const checks = many(5000, 200).map((c, i) => (i % 100 === 0 ? { ...c, status: 'failed' as const } : c))
      const markdown = renderSummary(fixtureReport({ checks }))
      expect(bytes(markdown)).toBeLessThan(1024 * 1024)
      expect(tableRows(markdown).filter(row => row.includes('❌ failed'))).toHaveLength(50)
      expect(markdown).toMatch(/> ✂️ \*\*Shortened\*\* to fit 960 KiB: \d+ passed checks left out/)
    })

    it('keeps everything, and says nothing of shortening, when it fits', () => {
      const markdown = renderSummary(fixtureReport({ checks: many(50) }), { maxBytes: 1024 * 1024 })
      expect(tableRows(markdown)).toHaveLength(50)
      expect(markdown).not.toContain('Shortened')
      expect(markdown).not.toContain('not shown')
    })

    it('never exceeds even a budget smaller than the verdict', () => {
      expect(bytes(renderSummary(fixtureReport(), { maxBytes: 30 }))).toBeLessThanOrEqual(30)
    })
  })
})
