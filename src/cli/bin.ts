#!/usr/bin/env node
// The `deploy-verify` command: the process around `cli`, nothing more.
import { errorMessage } from '../model/errors.js'
import { cli } from './main.js'
import { processTerminal } from './terminal.js'
import { setV8Flags } from '../v8-flags.js'

setV8Flags()

process.exitCode = await cli(process.argv.slice(2), processTerminal()).catch((error: unknown) => {
  // A bug, not the user's mistake: the stack helps whoever reports it.
  const shown = error instanceof Error && error.stack ? error.stack : errorMessage(error)
  process.stderr.write(`deploy-verify failed unexpectedly: ${shown}\n`)
  return 1
})
