// The demo stack without the demo's runs: starts the database, the cache and the app, writes the
// values the demo environment files need (API_URL, DATABASE_URL, CACHE_PORT) as NAME=value lines to
// ENV_FILE, then serves until SIGINT or SIGTERM. The self-test workflow starts it in the background,
// appends ENV_FILE to $GITHUB_ENV and runs the action with `uses: ./` on demo/environments/*.yml.
// Usage: node demo/serve.mjs ENV_FILE
import { rename, writeFile } from 'node:fs/promises'
import { startApp } from './app.mjs'
import { startCache } from './cache.mjs'
import { startDatabase } from './database.mjs'

// A password in the URL, so that a run shows it is masked; PGlite accepts any.
const DATABASE_PASSWORD = 'demo-Pa55word-not-for-production'

const envFile = process.argv[2]
if (!envFile) {
  console.error('Usage: node demo/serve.mjs ENV_FILE (where to write API_URL, DATABASE_URL and CACHE_PORT)')
  process.exit(2)
}

/** Stop functions of what has started, in start order. */
const running = []
async function stopAll() {
  for (const stop of running.reverse()) await stop().catch(error => console.error(error.message))
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await stopAll()
    console.log(`${signal}: the demo stack is stopped.`)
    // Exit now, as run.mjs does on a signal, rather than wait for every handle to close.
    process.exit(0)
  })
}

try {
  const database = await startDatabase()
  running.push(database.stop)
  const cache = await startCache()
  running.push(cache.stop)
  const databaseUrl = database.url(DATABASE_PASSWORD)
  const app = await startApp({ databaseUrl })
  running.push(app.stop)
  const lines = [`API_URL=${app.url}`, `DATABASE_URL=${databaseUrl}`, `CACHE_PORT=${cache.port}`]
  // Written whole, then renamed: whoever waits for the file never reads half of it.
  await writeFile(`${envFile}.partial`, `${lines.join('\n')}\n`)
  await rename(`${envFile}.partial`, envFile)
  console.log(`${database.version} on port ${database.port}, cache on ${cache.port}, app at ${app.url}`)
} catch (error) {
  console.error(`The demo stack could not start: ${error.stack ?? error}`)
  await stopAll()
  process.exitCode = 1
}
