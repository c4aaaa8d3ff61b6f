// The report as a terminal shows it: verdict first, problems to fix, a line per check; nothing a
// server answered can move the cursor, recolour the terminal or reorder the text.
import { renderText, type Paint } from '../../src/report/text.js'
import { check, fixtureReport } from './fixture.js'

test('a failing check shows its status, id, time, attempts, reason and criticality; a pass only its time', () => {
  const text = renderText(
    fixtureReport({
      checks: [
        check({ id: 'services.api', duration_ms: 41 }),
        check({
          id: 'services.database',
          status: 'failed',
          critical: true,
          attempts: 5,
          duration_ms: 15000,
          message: 'extension vector is not installed'
        })
      ]
    })
  )
  expect(text).toContain(
    [
      'Checks:',
      '  passed   services.api       41 ms',
      '  failed   services.database  15 s, 5 attempts  extension vector is not installed (critical)'
    ].join('\n')
  )
})

test('problems to fix name their file and line before the checks', () => {
  const text = renderText(
    fixtureReport({
      errors: [{ message: 'variable API_URL is required', file: 'env.yml', line: 3, column: 5 }]
    })
  )
  expect(text).toMatch(/\nProblems to fix:\n {2}env\.yml:3:5: variable API_URL is required\n\nChecks:/)
})

test('control characters and bidirectional overrides from a server answer are shown as ?', () => {
  const text = renderText(
    fixtureReport({
      checks: [
        check({ id: 'services.api', status: 'failed', message: 'got \u001b[2J\u001b[31mok\u202e\u0007 back' })
      ]
    })
  )
  expect(text).toContain('got ?[2J?[31mok?? back')
  const controls = [...text].filter(char => (char < ' ' && char !== '\n') || char === '\u202e')
  expect(controls).toEqual([])
})

test('styles come from the caller: the verdict and each status are painted by what they mean', () => {
  const brackets: Paint = (text, style) => `[${style}:${text}]`
  const text = renderText(
    fixtureReport({
      status: 'failed',
      checks: [check({ id: 'services.api' }), check({ id: 'services.db', status: 'failed' })]
    }),
    { paint: brackets }
  )
  expect(text.split('\n')[0]).toMatch(/^\[bad:FAILED\]/)
  expect(text).toContain('[good:passed ]')
  expect(text).toContain('[bad:failed ]')
})

test('a merged report lists each environment with its verdict and summary before the checks', () => {
  const text = renderText(
    fixtureReport({
      checks: [],
      environments: [
        { environment: 'staging', status: 'passed', summary: 'passed: 3 checks', deployment_id: 'd1' },
        { environment: 'production', status: 'failed', summary: 'failed:\n1 of 3', deployment_id: 'd2' }
      ]
    })
  )
  expect(text).toContain(
    [
      '',
      'Environments:',
      '  passed   staging  passed: 3 checks',
      '  failed   production  failed: 1 of 3',
      ''
    ].join('\n')
  )
  expect(renderText(fixtureReport({ environments: [] }))).not.toContain('Environments:')
})

describe('the step that stopped the deploy', () => {
  const step = {
    name: 'Migrate',
    status: 'failed' as const,
    command: 'npm run migrate',
    exit_code: 1,
    timed_out: false,
    duration_ms: 900,
    attempts: 1,
    message: 'exit code 1'
  }
  const failedDeploy = (tail: string[]) =>
    fixtureReport({
      checks: [],
      deploy: { failed_step: 'migrate', steps: { migrate: { ...step, output_tail: tail } } }
    })

  test('shows its last 20 lines of output, after the checks and before where the report is', () => {
    const tail = Array.from({ length: 25 }, (_, i) => `line ${i + 1}`)
    const text = renderText(failedDeploy(tail), { reportPath: 'report.json' })
    expect(
      text.endsWith(
        '\n' +
          [
            '',
            'Last lines of Migrate:',
            ...tail.slice(5).map(line => `  | ${line}`),
            '',
            'Report: report.json',
            ''
          ].join('\n')
      )
    ).toBe(true)
  })

  test('shows nothing when the step printed nothing, or when no step failed', () => {
    expect(renderText(failedDeploy([]))).not.toContain('Last lines of')
    const passed = fixtureReport({
      checks: [],
      deploy: { failed_step: null, steps: { migrate: { ...step, output_tail: ['ok'] } } }
    })
    expect(renderText(passed)).not.toContain('Last lines of')
  })
})

test('a report with no checks and no problems is the verdict and the summary alone', () => {
  expect(
    renderText(
      fixtureReport({ checks: [], errors: [], status: 'passed', summary: 'passed: nothing to check' })
    )
  ).toBe('PASSED  production  deploy_20260314_092653\npassed: nothing to check\n')
})

test('the summary is strong; the deployment id, the figures and where the report is are dim', () => {
  const brackets: Paint = (text, style) => `[${style}:${text}]`
  const text = renderText(
    fixtureReport({
      status: 'passed',
      summary: 'passed: 1 check',
      checks: [check({ id: 'services.api', duration_ms: 41 })]
    }),
    { paint: brackets, reportPath: 'out/report.json' }
  )
  expect(text).toBe(
    [
      '[good:PASSED]  production  [dim:deploy_20260314_092653]',
      '[strong:passed: 1 check]',
      '',
      'Checks:',
      '  [good:passed ]  services.api  [dim:41 ms]',
      '',
      '[dim:Report: out/report.json]',
      ''
    ].join('\n')
  )
})

test('only a critical check that did not pass is called critical', () => {
  const text = renderText(
    fixtureReport({
      checks: [
        check({ id: 'services.api', status: 'failed', message: 'refused' }),
        check({ id: 'services.db', critical: true }),
        check({ id: 'services.mq', status: 'warning', critical: true, message: 'slow' })
      ]
    })
  )
  expect(text).toContain(
    [
      '  failed   services.api  42 ms  refused',
      '  passed   services.db   42 ms',
      '  warning  services.mq   42 ms  slow (critical)'
    ].join('\n')
  )
})

test('a problem names as much of its place as it knows, after a blank line', () => {
  const text = renderText(
    fixtureReport({
      summary: 'error: the configuration has 2 problems',
      checks: [],
      errors: [{ message: 'unreadable', file: 'env.yml' }, { message: 'the run crashed' }]
    })
  )
  expect(text).toContain(
    [
      'error: the configuration has 2 problems',
      '',
      'Problems to fix:',
      '  env.yml: unreadable',
      '  the run crashed',
      ''
    ].join('\n')
  )
})
