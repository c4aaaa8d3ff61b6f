// A logger for tests that exercise the engine's phases without caring about their log.
import type { Logger } from '../../src/log.js'

export const quietLogger: Logger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  group: (_name, fn) => fn(),
  mask: () => undefined
}
