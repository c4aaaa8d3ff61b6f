// The CLI's log on stderr: a progress line while a phase waits, on an interactive terminal only.
import { jest } from '@jest/globals'
import { terminalLogger, type Terminal } from '../../src/cli/terminal.js'
import { plain } from '../../src/report/text.js'

function recording(interactive: boolean) {
  const err: string[] = []
  const terminal: Terminal = {
    out: () => undefined,
    err: text => void err.push(text),
    interactive,
    colour: false,
    env: {},
    cwd: '.'
  }
  return { terminal, err }
}

beforeEach(() => jest.useFakeTimers())
afterEach(() => jest.useRealTimers())

test('a phase that waits gets a progress line with its time, redrawn and removed before the next line', async () => {
  const { terminal, err } = recording(true)
  const logger = terminalLogger(terminal, false, plain)
  await logger.group('Service checks', async () => {
    jest.advanceTimersByTime(3000)
    logger.info('services.api: passed')
  })
  logger.close()
  expect(err.join('')).toBe(
    '== Service checks\n\r\u001b[2K… Service checks: 2 s\r\u001b[2K… Service checks: 3 s\r\u001b[2Kservices.api: passed\n'
  )
})

test('a pipe gets plain lines and no progress line, and --quiet gets nothing', async () => {
  for (const quiet of [false, true]) {
    const { terminal, err } = recording(false)
    const logger = terminalLogger(terminal, quiet, plain)
    await logger.group('Monitor window', async () => {
      jest.advanceTimersByTime(10_000)
      logger.warning('api is slow \u001b[2J')
    })
    logger.close()
    expect(err.join('')).toBe(quiet ? '' : '== Monitor window\nwarning: api is slow ?[2J\n')
  }
})
