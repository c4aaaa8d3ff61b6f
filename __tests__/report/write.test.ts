import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeReport, writeReportSync } from '../../src/report/write.js'
import { fixtureReport } from './fixture.js'

describe('writeReport', () => {
  let dir: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deploy-verify-write-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('writes pretty JSON that reads back as the same report, creating directories', async () => {
    const path = join(dir, 'nested', 'deeper', 'report.json')
    const report = fixtureReport()
    await writeReport(path, report)
    const text = readFileSync(path, 'utf8')
    expect(JSON.parse(text)).toEqual(report)
    expect(text).toContain('\n  "report_version": 1,')
    expect(readdirSync(join(dir, 'nested', 'deeper'))).toEqual(['report.json'])
  })

  it('replaces an existing report', async () => {
    const path = join(dir, 'report.json')
    writeFileSync(path, 'old')
    await writeReport(path, fixtureReport({ environment: 'staging' }))
    expect(JSON.parse(readFileSync(path, 'utf8')).environment).toBe('staging')
    expect(readdirSync(dir)).toEqual(['report.json'])
  })

  it('has a synchronous twin for the exit path', () => {
    const path = join(dir, 'out', 'report.json')
    writeReportSync(path, fixtureReport())
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(fixtureReport())
    expect(readdirSync(join(dir, 'out'))).toEqual(['report.json'])
  })

  it('fails without leaving a temporary file behind', async () => {
    // A non-empty directory is in the way: the rename fails after the temporary file was written.
    const path = join(dir, 'taken')
    mkdirSync(join(path, 'inside'), { recursive: true })
    await expect(writeReport(path, fixtureReport())).rejects.toThrow()
    expect(() => writeReportSync(path, fixtureReport())).toThrow()
    expect(readdirSync(dir)).toEqual(['taken'])
  })

  it('creates every missing directory in the synchronous flavour too', () => {
    const path = join(dir, 'a', 'b', 'report.json')
    writeReportSync(path, fixtureReport())
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['report.json'])
  })

  it('reports why a directory could not be made, not the clean-up of a file never written', async () => {
    writeFileSync(join(dir, 'file'), 'in the way')
    const path = join(dir, 'file', 'sub', 'report.json')
    await expect(writeReport(path, fixtureReport())).rejects.toMatchObject({ code: 'ENOTDIR' })
    expect(() => writeReportSync(path, fixtureReport())).toThrow(expect.objectContaining({ code: 'ENOTDIR' }))
  })
})
