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
