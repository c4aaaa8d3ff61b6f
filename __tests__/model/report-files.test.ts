// Each format of the report lies beside the JSON report, under the same name.
import { formatPath } from '../../src/model/report-files.js'

test("a format replaces the report's .json extension, in any case; json keeps the path", () => {
  expect(formatPath('out/deploy-verify-report.json', 'junit')).toBe('out/deploy-verify-report.xml')
  expect(formatPath('out/REPORT.JSON', 'markdown')).toBe('out/REPORT.md')
  expect(formatPath('out/report.json', 'json')).toBe('out/report.json')
})

test('a report path without .json gets the extension added, never a file overwritten', () => {
  expect(formatPath('out/report', 'prometheus')).toBe('out/report.prom')
  expect(formatPath('out/report.txt', 'junit')).toBe('out/report.txt.xml')
})
