// Problems are listed in the order of the file, whatever order they were found in.
import { cleanup, problems, yaml } from './helpers.js'
import { sortProblems } from '../../src/config/findings.js'
import type { ConfigProblem } from '../../src/config/problems.js'

afterAll(cleanup)

describe('two problems on one line', () => {
  it('are listed by column, though the later one was found first; lines come before columns', async () => {
    // The policy's timeout is read before its retry settings.
    expect(
      await problems(
        {
          'env.yml': yaml`
            version: 1
            variables: { ATTEMPTS: {}, TIMEOUT: {}, CRITICAL: {} }
            defaults: { retry: { attempts: '\${ATTEMPTS}' }, timeout: '\${TIMEOUT}' }
            services:
              api: { critical: '\${CRITICAL}', http: { url: 'http://127.0.0.1:1/' } }
          `
        },
        { env: { ATTEMPTS: 'many', TIMEOUT: 'soon', CRITICAL: 'yes' } }
      )
    ).toStrictEqual([
      "env.yml:3:32: defaults.retry.attempts must be a whole number, not 'many'",
      "env.yml:3:58: defaults.timeout must be a duration such as 250ms, 10s, 5m, 1h or 1m30s, not 'soon'",
      "env.yml:5:20: services.api.critical must be true or false, not 'yes'"
    ])
  })
})

describe('problems in several files', () => {
  it('are listed file by file, in the order of their names, then by line and column', () => {
    const at = (file: string, line: number, column: number): ConfigProblem => ({
      file,
      line,
      column,
      message: `${file}:${line}:${column}`
    })
    expect(
      sortProblems([
        at('env.yml', 1, 1),
        at('base.yml', 9, 9),
        at('env.yml', 1, 0),
        at('base.yml', 2, 5)
      ]).map(problem => problem.message)
    ).toStrictEqual(['base.yml:2:5', 'base.yml:9:9', 'env.yml:1:0', 'env.yml:1:1'])
  })
})
