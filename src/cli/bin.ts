#!/usr/bin/env node
// The `deploy-verify` command: the process around `cli`, nothing more.
import { cli } from './main.js'
import { processTerminal } from './terminal.js'

process.exitCode = await cli(process.argv.slice(2), processTerminal()).catch((error: Error) => {
  // A bug, not the user's mistake: the stack helps whoever reports it.
  process.stderr.write(`deploy-verify failed unexpectedly: ${error.stack ?? error.message}\n`)
  return 1
})
