// The report as JUnit XML, which test-report viewers render: one suite per category, one test case
// per check. JUnit has no "flaky" or "warning": a flaky pass is a pass with a property saying so,
// and a warning is a pass with its message as output, so neither is lost.
import type { CheckResult } from '../model/check.js'
import type { Report } from '../model/report.js'

export function renderJUnit(report: Report): string {
  const categories = [...new Set(report.checks.map(check => check.category))]
  const suites = categories.map(category =>
    suite(
      category,
      report.checks.filter(c => c.category === category)
    )
  )
  const errors = report.errors.length
    ? [
        `  <testsuite name="deploy-verify" tests="1" failures="0" errors="1" skipped="0" time="0">`,
        `    <testcase classname="deploy-verify" name="validation" time="0">`,
        `      <error message="${attr(report.summary)}">${text(report.errors.map(e => e.message).join('\n'))}</error>`,
        `    </testcase>`,
        `  </testsuite>`
      ]
    : []
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="deploy-verify ${attr(report.environment)}" time="${report.duration_seconds}">`,
    ...suites.flat(),
    ...errors,
    '</testsuites>',
    ''
  ].join('\n')
}

function suite(category: string, checks: CheckResult[]): string[] {
  const count = (...statuses: string[]) => checks.filter(check => statuses.includes(check.status)).length
  const time = seconds(checks.reduce((sum, check) => sum + check.duration_ms, 0))
  return [
    `  <testsuite name="${attr(category)}" tests="${checks.length}" failures="${count('failed')}" ` +
      `errors="${count('error')}" skipped="${count('skipped')}" time="${time}">`,
    ...checks.flatMap(testCase),
    '  </testsuite>'
  ]
}

function testCase(check: CheckResult): string[] {
  const open = `    <testcase classname="${attr(check.category)}" name="${attr(check.id)}" time="${seconds(check.duration_ms)}"`
  const where = `${check.file}:${check.line}`
  const body: Record<CheckResult['status'], string[]> = {
    passed: [],
    flaky: [`      <properties><property name="flaky" value="true"/></properties>`],
    warning: [`      <system-out>${text(`warning: ${check.message}`)}</system-out>`],
    failed: [
      `      <failure message="${attr(check.message)}">${text(`${check.message}\n(${where})`)}</failure>`
    ],
    error: [`      <error message="${attr(check.message)}">${text(`${check.message}\n(${where})`)}</error>`],
    skipped: [`      <skipped message="${attr(check.message)}"/>`]
  }
  const inner = body[check.status]
  return inner.length ? [`${open}>`, ...inner, '    </testcase>'] : [`${open}/>`]
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}

function text(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

function attr(value: string): string {
  return text(value).replaceAll('"', '&quot;').replaceAll('\n', '&#10;')
}
