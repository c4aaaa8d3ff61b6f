// The bundled CLI run as a user runs it: the file itself, through its shebang, as `npx
// deploy-verify` and an installed package run it, against a loopback server.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startHttp } from '../support/loopback.js'
import { reportSchemaErrors } from '../support/report-schema.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLI = join(ROOT, 'dist/cli/index.js')

function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(CLI, args, { cwd }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
    )
  })
}

test('check --services through the bundle probes the service named, prints plain text and writes a valid report', async () => {
  const server = await startHttp((request, response) =>
    response.writeHead(request.url === '/health' ? 200 : 503).end()
  )
  try {
    const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-cli-e2e-'))
    await writeFile(
      join(workspace, 'env.yml'),
      `version: 1
environment: local
defaults: { retry: { attempts: 1 } }
services:
  api: { http: { url: "${server.url}/health" } }
  queue: { http: { url: "${server.url}/queue" } }
`
    )
    const all = await runCli(['check', '--config', 'env.yml'], workspace)
    expect(all.code).toBe(1)
    expect(all.stdout).toMatch(
      /^FAILED {2}local {2}deploy_\d+_\d+\nfailed: 1 of 2 checks failed \(services\.queue\)/
    )

    const one = await runCli(['check', '--config', 'env.yml', '--services', 'api', '--quiet'], workspace)
    const report = JSON.parse(await readFile(join(workspace, 'deploy-verify-report.json'), 'utf8'))
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.checks.map((check: { id: string }) => check.id)).toEqual(['services.api'])
    expect(one).toEqual({ code: 0, stdout: `${report.summary}\n`, stderr: '' })
  } finally {
    await server.close()
  }
})

test('the packed package holds the whole bundle, executable, and none of the sources', async () => {
  const packed = await new Promise<string>((resolve, reject) =>
    execFile('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT }, (error, stdout) =>
      error ? reject(error) : resolve(stdout)
    )
  )
  const [{ files }] = JSON.parse(packed) as [{ files: Array<{ path: string; mode: number }> }]
  const bundle = (await readdir(join(ROOT, 'dist/cli'))).map(file => `dist/cli/${file}`)
  expect(files.map(file => file.path)).toEqual(expect.arrayContaining(bundle))
  expect(files.filter(file => /^(src|__tests__|demo)\//.test(file.path))).toEqual([])
  // The clone's `npx deploy-verify` runs the file as committed, so it must be executable there.
  const mode = files.find(file => file.path === 'dist/cli/index.js')?.mode ?? 0
  expect(mode & 0o111).toBe(0o111)
  expect((await readFile(CLI, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true)
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'))
  expect(manifest).toMatchObject({ bin: { 'deploy-verify': 'dist/cli/index.js' } })
  expect(manifest.private).toBeUndefined()
})

test('the packed package installs without the registry and validates a file', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'deploy-verify-pack-'))
  const run = (file: string, args: string[], cwd: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>(resolve =>
      execFile(file, args, { cwd }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
      )
    )
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], ROOT)
  expect(packed.code).toBe(0)
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }]
  const app = join(folder, 'app')
  await mkdir(app)
  await writeFile(join(app, 'package.json'), '{ "name": "app", "private": true }\n')
  // --offline with an empty cache: any dependency to fetch would fail the install.
  const installed = await run(
    'npm',
    [
      'install',
      '--offline',
      '--cache',
      join(folder, 'empty-cache'),
      '--ignore-scripts',
      join(folder, filename)
    ],
    app
  )
  expect(installed.stderr).not.toMatch(/ERR!/)
  expect(installed.code).toBe(0)
  await writeFile(
    join(app, 'env.yml'),
    'version: 1\nenvironment: local\nservices:\n  api: { tcp: { host: 127.0.0.1, port: 1 } }\n'
  )
  const validated = await run(
    join(app, 'node_modules/.bin/deploy-verify'),
    ['validate', '--config', 'env.yml'],
    app
  )
  expect(validated).toMatchObject({ code: 0 })
  expect(validated.stdout).toContain('valid: local from env.yml: 1 service')
})
