// The action's entry point: nothing but the call, so main.ts stays importable by tests.
import { run } from './main.js'

await run()
