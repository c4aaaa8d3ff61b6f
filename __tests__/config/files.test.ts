// The one reader of the files a configuration names: only inside its folders, only regular files,
// at most 10 MB, only UTF-8, and never blocking on what is not a file.
import { jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

/**
 * What another process does to a file while it is read, at the two moments the reader must be ready
 * for: after the file is judged and before it is opened, and after its first bytes are read.
 */
const meanwhile: { beforeOpen?: () => void; afterFirstRead?: () => void } = {}
const once = (key: keyof typeof meanwhile): void => {
  const change = meanwhile[key]
  meanwhile[key] = undefined
  change?.()
}
// The reader gets the real node:fs, which makes those changes at those moments.
jest.unstable_mockModule('node:fs', () => ({
  ...fs,
  openSync: (...args: Parameters<typeof fs.openSync>) => {
    once('beforeOpen')
    return fs.openSync(...args)
  },
  readSync: (...args: Parameters<typeof fs.readSync>) => {
    const read = fs.readSync(...args)
    once('afterFirstRead')
    return read
  }
}))
const {
  confinementProblem,
  inWorkspace,
  inWorkspaceOrRunnerTemp,
  MAX_FILE_BYTES,
  readConfinedFile,
  sameFile
} = await import('../../src/config/files.js')

let workspace: string
let outside: string

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'deploy-verify-files-'))
  outside = mkdtempSync(join(tmpdir(), 'deploy-verify-outside-'))
})
afterEach(() => {
  meanwhile.beforeOpen = meanwhile.afterFirstRead = undefined
  rmSync(workspace, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

const read = (path: string) => readConfinedFile(path, inWorkspace(workspace))

describe('a file inside the workspace', () => {
  it('is read as its text', () => {
    writeFileSync(join(workspace, 'env.yml'), 'version: 1\nenvironment: café\n')
    expect(read(join(workspace, 'env.yml'))).toStrictEqual({ text: 'version: 1\nenvironment: café\n' })
  })

  it('loses its UTF-8 byte order mark and nothing else', () => {
    writeFileSync(join(workspace, 'env.yml'), '\uFEFFversion: 1\n')
    expect(read(join(workspace, 'env.yml'))).toStrictEqual({ text: 'version: 1\n' })
  })

  it('may be reached through a symbolic link that stays inside', () => {
    mkdirSync(join(workspace, 'shared'))
    writeFileSync(join(workspace, 'shared', 'base.yml'), 'version: 1\n')
    symlinkSync(join(workspace, 'shared', 'base.yml'), join(workspace, 'base.yml'))
    expect(read(join(workspace, 'base.yml'))).toStrictEqual({ text: 'version: 1\n' })
  })

  it('under a path that is a file cannot be read, and the message gives the reason', () => {
    writeFileSync(join(workspace, 'env.yml'), 'version: 1\n')
    expect(read(join(workspace, 'env.yml', 'base.yml'))).toStrictEqual({
      problem: { reason: 'could not be read (ENOTDIR)' }
    })
  })

  it('that does not exist was not found', () => {
    expect(read(join(workspace, 'missing.yml'))).toStrictEqual({ problem: { reason: 'was not found' } })
  })
})

describe('a file outside the workspace is refused before it is opened', () => {
  it('by an absolute path', () => {
    expect(read('/etc/passwd')).toStrictEqual({
      problem: { reason: 'is outside the workspace', fix: 'name a file inside the workspace' }
    })
  })

  it('by a ../ escape', () => {
    writeFileSync(join(outside, 'secret.yml'), 'token: x\n')
    expect(read(join(workspace, '..', basename(outside), 'secret.yml'))).toMatchObject({
      problem: { reason: 'is outside the workspace' }
    })
  })

  it('through a symbolic link, which the message names', () => {
    writeFileSync(join(outside, 'secret.yml'), 'token: x\n')
    symlinkSync(join(outside, 'secret.yml'), join(workspace, 'base.yml'))
    expect(read(join(workspace, 'base.yml'))).toMatchObject({
      problem: {
        reason: expect.stringMatching(/^is a symbolic link to .*secret\.yml, outside the workspace$/)
      }
    })
  })

  it('through a linked folder', () => {
    writeFileSync(join(outside, 'secret.yml'), 'token: x\n')
    symlinkSync(outside, join(workspace, 'shared'))
    expect(read(join(workspace, 'shared', 'secret.yml'))).toMatchObject({
      problem: { reason: expect.stringContaining('outside the workspace') }
    })
  })

  it('by naming the folder that holds the workspace', () => {
    expect(read(join(workspace, '..'))).toStrictEqual({
      problem: { reason: 'is outside the workspace', fix: 'name a file inside the workspace' }
    })
  })

  it('whether or not it exists, so that nothing is learnt of the outside', () => {
    expect(read(join(outside, 'no-such-file.yml'))).toMatchObject({
      problem: { reason: 'is outside the workspace' }
    })
  })
})

describe('what is not a regular file is refused without reading it', () => {
  it('a FIFO, at once, though no one ever writes to it', () => {
    const fifo = join(workspace, 'env.yml')
    execFileSync('mkfifo', [fifo])
    expect(read(fifo)).toStrictEqual({
      problem: { reason: 'is not a regular file (it is a FIFO)', fix: 'name a regular file' }
    })
  })

  it('a device such as /dev/zero, reached through a link inside the workspace', () => {
    symlinkSync('/dev/zero', join(workspace, 'env.yml'))
    // /dev is outside the workspace; a root of / shows the device is refused for what it is.
    expect(readConfinedFile(join(workspace, 'env.yml'), inWorkspace('/'))).toStrictEqual({
      problem: { reason: 'is not a regular file (it is a device)', fix: 'name a regular file' }
    })
  })

  it('a socket', async () => {
    const socket = join(workspace, 'env.yml')
    const server = createServer()
    await new Promise<void>(listening => server.listen(socket, listening))
    try {
      expect(read(socket)).toStrictEqual({
        problem: { reason: 'is not a regular file (it is a socket)', fix: 'name a regular file' }
      })
    } finally {
      await new Promise(closed => server.close(closed))
    }
  })

  it('a loop of symbolic links, which the message names', () => {
    symlinkSync(join(workspace, 'b.yml'), join(workspace, 'env.yml'))
    symlinkSync(join(workspace, 'env.yml'), join(workspace, 'b.yml'))
    expect(read(join(workspace, 'env.yml'))).toStrictEqual({
      problem: { reason: 'is a symbolic link that loops or changed while it was read' }
    })
  })

  it('a folder', () => {
    mkdirSync(join(workspace, 'env.yml'))
    expect(read(join(workspace, 'env.yml'))).toMatchObject({
      problem: { reason: 'is not a regular file (it is a folder)' }
    })
  })
})

it('a file over 10 MB is refused, and the message says the limit', () => {
  const big = join(workspace, 'env.yml')
  writeFileSync(big, 'version: 1\n')
  truncateSync(big, MAX_FILE_BYTES + 1)
  expect(read(big)).toStrictEqual({
    problem: {
      reason: 'is larger than 10 MB, the most a named file may hold',
      fix: 'name a smaller file'
    }
  })
})

it('a file of exactly 10 MB is read', () => {
  const file = join(workspace, 'env.yml')
  writeFileSync(file, '')
  truncateSync(file, MAX_FILE_BYTES)
  const result = read(file)
  expect('text' in result && result.text.length).toBe(MAX_FILE_BYTES)
})

it('a file that is not UTF-8 is refused with the line of its first bad byte', () => {
  const latin1 = Buffer.from('version: 1\nservices: {}\nenvironment: café\nnotes: naïve\n', 'latin1')
  writeFileSync(join(workspace, 'env.yml'), latin1)
  expect(read(join(workspace, 'env.yml'))).toStrictEqual({
    problem: {
      reason: 'is not valid UTF-8 (the first byte that is not UTF-8 is on line 3)',
      fix: 'save it as UTF-8',
      line: 3
    }
  })
})

it('a file whose last line, without a line break, ends in a byte that is not UTF-8 is refused with that line', () => {
  writeFileSync(join(workspace, 'env.yml'), Buffer.from('a: 1\nb: 2\nc: café', 'latin1'))
  expect(read(join(workspace, 'env.yml'))).toMatchObject({ problem: { line: 3 } })
})

describe('a file that changes while it is read', () => {
  it('replaced by another after it was judged, is refused', () => {
    const file = join(workspace, 'env.yml')
    writeFileSync(file, 'version: 1\n')
    writeFileSync(join(workspace, 'other.yml'), 'version: 1\n')
    meanwhile.beforeOpen = () => renameSync(join(workspace, 'other.yml'), file)
    expect(read(file)).toStrictEqual({ problem: { reason: 'changed while it was read', fix: 'run again' } })
  })

  it('replaced by a symbolic link after it was judged, is refused', () => {
    const file = join(workspace, 'env.yml')
    writeFileSync(file, 'version: 1\n')
    writeFileSync(join(workspace, 'other.yml'), 'version: 1\n')
    meanwhile.beforeOpen = () => {
      unlinkSync(file)
      symlinkSync(join(workspace, 'other.yml'), file)
    }
    expect(read(file)).toStrictEqual({
      problem: { reason: 'is a symbolic link that loops or changed while it was read' }
    })
  })

  it('growing past 10 MB, is refused', () => {
    const file = join(workspace, 'env.yml')
    writeFileSync(file, 'version: 1\n')
    meanwhile.afterFirstRead = () => truncateSync(file, MAX_FILE_BYTES + 1)
    expect(read(file)).toStrictEqual({
      problem: {
        reason: 'is larger than 10 MB, the most a named file may hold',
        fix: 'name a smaller file'
      }
    })
  })
})

it('every file opened is closed, whether it is read or refused', () => {
  const open = () => readdirSync('/dev/fd').length
  const file = join(workspace, 'env.yml')
  writeFileSync(file, 'version: 1\n')
  const before = open()
  read(file)
  meanwhile.afterFirstRead = () => truncateSync(file, MAX_FILE_BYTES + 1)
  read(file)
  expect(open()).toBe(before)
})

describe('a file yet to be written (the report)', () => {
  it('may go inside the workspace or RUNNER_TEMP, in folders that do not exist yet', () => {
    const places = inWorkspaceOrRunnerTemp(workspace, { RUNNER_TEMP: outside })
    expect(confinementProblem(join(workspace, 'out', 'new', 'report.json'), places)).toBeUndefined()
    expect(confinementProblem(join(outside, 'report.json'), places)).toBeUndefined()
  })

  it('is refused outside both, and the message names both', () => {
    const places = inWorkspaceOrRunnerTemp(workspace, { RUNNER_TEMP: outside })
    expect(confinementProblem('/tmp/report.json', places)).toStrictEqual({
      reason: 'is outside the workspace or RUNNER_TEMP',
      fix: 'name a file inside the workspace or RUNNER_TEMP'
    })
  })

  it('may not go elsewhere, nor through a linked folder that leads elsewhere', () => {
    symlinkSync(outside, join(workspace, 'out'))
    const places = inWorkspaceOrRunnerTemp(workspace, {})
    expect(confinementProblem('/tmp/report.json', places)).toMatchObject({
      reason: 'is outside the workspace'
    })
    expect(confinementProblem(join(workspace, 'out', 'new', 'report.json'), places)).toMatchObject({
      reason: expect.stringMatching(/^is a symbolic link to .*report\.json, outside the workspace$/)
    })
  })

  it('would replace a file it names directly or through a link', () => {
    writeFileSync(join(workspace, 'env.yml'), 'version: 1\n')
    symlinkSync(join(workspace, 'env.yml'), join(workspace, 'alias.yml'))
    expect(sameFile(join(workspace, 'env.yml'), join(workspace, 'env.yml'))).toBe(true)
    expect(sameFile(join(workspace, 'alias.yml'), join(workspace, 'env.yml'))).toBe(true)
    expect(sameFile(join(workspace, 'report.json'), join(workspace, 'env.yml'))).toBe(false)
  })

  it('would replace a file it names through a hard link, and no other file of the same folder', () => {
    writeFileSync(join(workspace, 'env.yml'), 'version: 1\n')
    writeFileSync(join(workspace, 'copy.yml'), 'version: 1\n')
    linkSync(join(workspace, 'env.yml'), join(workspace, 'hard.yml'))
    expect(sameFile(join(workspace, 'hard.yml'), join(workspace, 'env.yml'))).toBe(true)
    expect(sameFile(join(workspace, 'copy.yml'), join(workspace, 'env.yml'))).toBe(false)
  })

  it('would not replace a file of another file system that has the same inode number', () => {
    // On Linux the roots of /proc and /sys are both inode 1.
    expect(statSync('/proc').ino).toBe(statSync('/sys').ino)
    expect(sameFile('/proc', '/sys')).toBe(false)
  })
})
