// A report saved by an earlier run is read only when it is one: a file, not too large, JSON, and
// accepted by the report schema; otherwise the problem names the file and what is wrong.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readSavedReport } from '../../src/report/read.js'
import { schemaChecked } from '../../src/report/schema-check.js'
import { fixtureReport } from './fixture.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deploy-verify-read-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function saved(text: string): string {
  const path = join(dir, 'report.json')
  writeFileSync(path, text)
  return path
}

describe('a saved report', () => {
  test('is read back as it was written', async () => {
    const report = fixtureReport()
    expect(await readSavedReport(saved(JSON.stringify(report)), 'report.json')).toEqual({
      ok: true,
      value: report
    })
  })

  test('that is missing, or a directory, is no such file', async () => {
    expect(await readSavedReport(join(dir, 'absent.json'), 'absent.json')).toEqual({
      ok: false,
      problem: 'absent.json: no such file'
    })
    expect(await readSavedReport(dir, 'reports/')).toEqual({ ok: false, problem: 'reports/: no such file' })
  })

  test('larger than any report is refused without being read', async () => {
    const path = saved('')
    truncateSync(path, 64 * 1024 * 1024 + 1)
    expect(await readSavedReport(path, 'huge.json')).toEqual({
      ok: false,
      problem: 'huge.json: larger than any deploy-verify report'
    })
    truncateSync(path, 64 * 1024 * 1024)
    const read = await readSavedReport(path, 'huge.json')
    expect(!read.ok && read.problem).toMatch(/^huge\.json: not JSON/)
  })

  test("that is not JSON says so, with the parser's reason", async () => {
    const read = await readSavedReport(saved('{"status": '), 'report.json')
    expect(read.ok).toBe(false)
    expect(!read.ok && read.problem).toMatch(/^report\.json: not JSON \(.+\)$/)
  })

  test('that the schema refuses names where and why', async () => {
    const { status: _status, ...noStatus } = fixtureReport()
    expect(await readSavedReport(saved(JSON.stringify(noStatus)), 'report.json')).toEqual({
      ok: false,
      problem:
        "report.json: not a deploy-verify report: at the top level, must have required property 'status'"
    })
    const badCheck = fixtureReport()
    Object.assign(badCheck.checks[0] ?? {}, { status: 'great' })
    const read = await readSavedReport(saved(JSON.stringify(badCheck)), 'report.json')
    expect(!read.ok && read.problem).toMatch(
      /^report\.json: not a deploy-verify report: at \/checks\/0\/status, must be/
    )
  })
})

describe("the report's own schema check", () => {
  const reportSchemaProblem = (report: Parameters<typeof schemaChecked>[0]) => schemaChecked(report).problem

  test('says nothing of a valid report', () => {
    expect(reportSchemaProblem(fixtureReport())).toBeUndefined()
  })

  test('names at most three problems, where they are, and calls it a bug', () => {
    const broken = { ...fixtureReport(), status: 'great', mode: 'guess', environment: 7, summary: 8 }
    const problem = reportSchemaProblem(broken as never)
    expect(problem).toMatch(
      /^deploy-verify made a report that fails its own schema \(([^;]+; ){2}[^;]+\): this is a bug in deploy-verify, please report it; the report is written as it is, with this error$/
    )
    expect(problem).toContain('/status must be')
    const { status: _status, ...noStatus } = fixtureReport()
    expect(reportSchemaProblem(noStatus as never)).toContain(
      "(the top level must have required property 'status')"
    )
  })
})
