// Files a hostile or mistaken configuration names, through the bundled action as the runner runs it:
// nothing outside the workspace is read or echoed, no FIFO or device hangs or floods the run, a file
// that is not UTF-8 is named with its line, and a report that cannot be written fails the job.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../tools/run-action.mjs'

const SERVICES = `services:
  database:
    tcp: { host: 127.0.0.1, port: 5432 }
`
const HEAD = `version: 1\nenvironment: staging\n`

async function workspaceWith(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-verify-attack-'))
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
  return dir
}

async function run(workspace: string) {
  const result = await runAction({ cwd: workspace, inputs: { config: 'env.yml' } })
  const reportPath = result.outputs['report-path'] ?? ''
  const report = reportPath ? JSON.parse(await readFile(reportPath, 'utf8')) : undefined
  return { ...result, report, everything: `${result.log}\n${result.summary}\n${JSON.stringify(report)}` }
}

describe('a file outside the workspace', () => {
  it('extends: /etc/passwd is refused at its line, and no line of /etc/passwd appears anywhere', async () => {
    const result = await run(await workspaceWith({ 'env.yml': `${HEAD}extends: /etc/passwd\n${SERVICES}` }))
    expect(result.exitCode).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.report.errors).toStrictEqual([
      expect.objectContaining({
        file: 'env.yml',
        line: 3,
        message: expect.stringContaining("extends file '/etc/passwd' is outside the workspace")
      })
    ])
    const lines = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .filter(line => line.length > 0)
    for (const line of lines) expect(result.everything).not.toContain(line)
    expect(result.everything).not.toContain('root:x:')
  })

  it('a symbolic link in the workspace leading outside is refused', async () => {
    const workspace = await workspaceWith({ 'env.yml': `${HEAD}extends: ./base.yml\n${SERVICES}` })
    await symlink('/etc/passwd', join(workspace, 'base.yml'))
    const result = await run(workspace)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.report.errors[0].message).toMatch(
      /^extends file '\.\/base\.yml' is a symbolic link to \/etc\/passwd, outside the workspace/
    )
    expect(result.everything).not.toContain('root:x:')
  })

  it('extends: /dev/zero is refused at once, with nothing read', async () => {
    const workspace = await workspaceWith({ 'env.yml': `${HEAD}extends: /dev/zero\n${SERVICES}` })
    await symlink('/dev/zero', join(workspace, 'zero.yml'))
    const direct = await run(workspace)
    expect(direct.outputs.status).toBe('error')
    expect(direct.report.errors[0].message).toContain("extends file '/dev/zero' is outside the workspace")
    // Through a link inside the workspace it is still outside, and never opened.
    await writeFile(join(workspace, 'env.yml'), `${HEAD}extends: ./zero.yml\n${SERVICES}`)
    const linked = await run(workspace)
    expect(linked.outputs.status).toBe('error')
    expect(linked.report.errors[0].message).toContain(
      'is a symbolic link to /dev/zero, outside the workspace'
    )
    expect(linked.log.length).toBeLessThan(20_000)
  })
})

describe('what is not a regular UTF-8 file', () => {
  it('a FIFO as the environment file ends the run within seconds, in error', async () => {
    const workspace = await workspaceWith({})
    execFileSync('mkfifo', [join(workspace, 'env.yml')])
    const result = await run(workspace)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.report.errors[0].message).toBe(
      'environment file env.yml is not a regular file (it is a FIFO): name a regular file'
    )
  }, 10_000)

  it('a Latin-1 environment file is refused with the line of its first bad byte', async () => {
    const latin1 = Buffer.from(`${HEAD}# café au lait\n${SERVICES}`, 'latin1')
    const result = await run(await workspaceWith({ 'env.yml': latin1 }))
    expect(result.exitCode).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.report.errors).toStrictEqual([
      {
        file: 'env.yml',
        line: 3,
        column: 1,
        message:
          'env.yml is not valid UTF-8 (the first byte that is not UTF-8 is on line 3): save it as UTF-8'
      }
    ])
    expect(result.everything).not.toContain('\uFFFD')
  })
})

describe('report.path', () => {
  it('outside the workspace and RUNNER_TEMP is refused at its line; the report goes to the default place', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'deploy-verify-elsewhere-'))
    const target = join(elsewhere, 'report.json')
    const workspace = await workspaceWith({ 'env.yml': `${HEAD}${SERVICES}report:\n  path: ${target}\n` })
    const result = await run(workspace)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.report.errors).toStrictEqual([
      expect.objectContaining({
        file: 'env.yml',
        line: 7,
        message: `report.path '${target}' is outside the workspace or RUNNER_TEMP: name a file inside the workspace or RUNNER_TEMP`
      })
    ])
    expect(existsSync(target)).toBe(false)
    expect(result.outputs['report-path']).toBe(join(workspace, 'deploy-verify-report.json'))
  })

  it('naming the environment file is refused, and the file is left as it was', async () => {
    const config = `${HEAD}${SERVICES}report:\n  path: env.yml\n`
    const workspace = await workspaceWith({ 'env.yml': config })
    const result = await run(workspace)
    expect(result.exitCode).toBe(1)
    expect(result.report.errors[0]).toMatchObject({
      line: 7,
      message:
        "report.path 'env.yml' would overwrite the configuration file env.yml: name another file for the report"
    })
    expect(await readFile(join(workspace, 'env.yml'), 'utf8')).toBe(config)
  })
})

describe('a report that cannot be written', () => {
  it('where a folder stands fails the job in error; the summary says why, and report-path names no file', async () => {
    const workspace = await workspaceWith({ 'env.yml': `${HEAD}${SERVICES}report:\n  path: out\n` })
    await mkdir(join(workspace, 'out'))
    const result = await run(workspace)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.outputs['report-path']).toBe('')
    expect(result.summary).toContain('the report could not be written to out: a folder is there')
    expect(result.log).toContain(
      'the report could not be written to out: a folder is there; set report.path to a file in a folder the job may write, inside the workspace or RUNNER_TEMP'
    )
    expect((await stat(join(workspace, 'out'))).isDirectory()).toBe(true)
  })

  it('under a file that stands where a folder should be fails the job in error', async () => {
    const workspace = await workspaceWith({
      'env.yml': `${HEAD}${SERVICES}report:\n  path: notes.txt/report.json\n`,
      'notes.txt': 'a file, not a folder\n'
    })
    const result = await run(workspace)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.outputs['report-path']).toBe('')
    expect(result.summary).toContain('the report could not be written to notes.txt/report.json')
  })
})
