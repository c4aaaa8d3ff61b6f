// Errors no wait will heal, through the bundled action: a login PostgreSQL rejects is tried at most
// twice after a deploy, although the retry policy and the startup budget would allow many more polls;
// `retry.on_permanent: retry` restores the polling. The local server trusts every password, so a
// user that does not exist stands for rejected credentials (both are authentication errors).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'
import { reportSchemaErrors } from '../support/report-schema.js'

async function run(retry: string) {
  const workspace = await mkdtemp(join(tmpdir(), 'dv-permanent-'))
  await writeFile(
    join(workspace, 'env.yml'),
    `version: 1
environment: preview
defaults:
  timeout: 2s
  retry: { attempts: 5, initial_delay: 100ms, max_delay: 200ms${retry} }
  startup_budget: 3s
deploy:
  - name: Deploy
    run: "true"
services:
  database:
    postgres: { url: 'postgres://nobody_dv_${process.pid}:wrong@127.0.0.1:5432/test' }
`
  )
  const result = await runAction({ cwd: workspace, inputs: { config: 'env.yml' } })
  const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
  expect(reportSchemaErrors(report)).toEqual([])
  return { ...result, report }
}

test('a rejected login ends after at most two attempts, saying no wait will heal it', async () => {
  const { exitCode, report } = await run('')
  expect(exitCode).toBe(1)
  expect(report.services.database.status).toBe('failed')
  expect(report.services.database.attempts).toBeLessThanOrEqual(2)
  expect(report.services.database.message).toMatch(/the user does not exist, which no wait will heal/)
}, 60_000)

test('with retry.on_permanent: retry, it is polled until the startup budget runs out', async () => {
  const { report } = await run(', on_permanent: retry')
  expect(report.services.database.status).toBe('failed')
  expect(report.services.database.attempts).toBeGreaterThan(2)
  expect(report.services.database.message).not.toMatch(/no wait will heal/)
}, 60_000)
