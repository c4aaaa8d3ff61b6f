// The runner's protocol as the action speaks it: workflow commands whose values cannot break out of
// their line, outputs the runner reads back exactly, inputs as action.yml names them.
import { jest } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseOutputFile } from '../tools/run-action.mjs'
import { annotate, appendSummary, fail, getInput, group, mask, setOutput } from '../src/runner.js'

let dir: string
const saved = { ...process.env }
let written: string[]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deploy-verify-runner-test-'))
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    written.push(String(chunk))
    return true
  })
})

afterEach(async () => {
  jest.restoreAllMocks()
  process.env = { ...saved }
  process.exitCode = undefined
  await rm(dir, { recursive: true, force: true })
})

test('a message with line breaks and percent signs stays one command line', () => {
  annotate('warning', 'line one\nline two\r 100%')
  expect(written).toEqual(['::warning::line one%0Aline two%0D 100%25\n'])
})

test('an annotation names its file, line and column, escaped so a path cannot add properties', () => {
  annotate('error', 'services.api: failed', { file: 'deploy/a,b:c.yml', line: 12, column: 3 })
  annotate('notice', '3 more problems')
  expect(written).toEqual([
    '::error file=deploy/a%2Cb%3Ac.yml,line=12,col=3::services.api: failed\n',
    '::notice::3 more problems\n'
  ])
})

test('a group folds what its function logs, and closes even when the function throws', async () => {
  await expect(
    group('Service checks', async () => {
      mask('s3cret')
      throw new Error('boom')
    })
  ).rejects.toThrow('boom')
  expect(written).toEqual(['::group::Service checks\n', '::add-mask::s3cret\n', '::endgroup::\n'])
})

test('a failure sets the exit code and says why as an error', () => {
  fail('2 checks failed')
  expect(process.exitCode).toBe(1)
  expect(written).toEqual(['::error::2 checks failed\n'])
})

test('outputs are read back exactly, line breaks and look-alike delimiters included', async () => {
  const file = join(dir, 'github_output')
  await writeFile(file, '')
  process.env.GITHUB_OUTPUT = file
  setOutput('summary', 'first line\nEOF\nsummary<<EOF')
  setOutput('status', 'passed')
  expect(parseOutputFile(await readFile(file, 'utf8'))).toEqual({
    summary: 'first line\nEOF\nsummary<<EOF',
    status: 'passed'
  })
  expect(written).toEqual([])
})

test('a value that holds the delimiter first drawn is written with another, and reads back exactly', async () => {
  const file = join(dir, 'github_output')
  await writeFile(file, '')
  process.env.GITHUB_OUTPUT = file
  // Math.random draws 0.5, 0.5 first (the delimiter the value holds), then 0.25, 0.25.
  const held = `ghadelimiter_${(0.5).toString(36).slice(2)}${(0.5).toString(36).slice(2)}`
  jest.spyOn(Math, 'random').mockReturnValueOnce(0.5).mockReturnValueOnce(0.5).mockReturnValue(0.25)
  const value = `before\n${held}\nsummary<<${held}\nafter`
  setOutput('summary', value)
  const text = await readFile(file, 'utf8')
  expect(text.startsWith(`summary<<ghadelimiter_${(0.25).toString(36).slice(2)}`)).toBe(true)
  expect(parseOutputFile(text)).toEqual({ summary: value })
})

test('the job summary is appended to, and a summary file that is missing is an error', async () => {
  const file = join(dir, 'step_summary.md')
  await writeFile(file, '# before\n')
  process.env.GITHUB_STEP_SUMMARY = file
  await appendSummary('## deploy-verify\n')
  expect(await readFile(file, 'utf8')).toBe('# before\n## deploy-verify\n')
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'missing.md')
  await expect(appendSummary('x')).rejects.toThrow(/Unable to access summary file/)
})

test('an input is read by its action.yml name, trimmed, and empty when unset', () => {
  process.env['INPUT_FAIL-ON'] = '  warning \n'
  expect(getInput('fail-on')).toBe('warning')
  expect(getInput('record-baseline')).toBe('')
})
