// The runner's log is written in one system call per turn of the event loop: what one turn writes
// goes out together, in the order written, once the turn ends.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { holdUntilNextTurn } from '../src/batched-output.js'

/** A stream that records each write it is asked to make, as the lines of that write. */
function recordingStream(): { stream: Writable; writes: string[][] } {
  const writes: string[][] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push([chunk.toString()])
      done()
    },
    writev(chunks, done) {
      writes.push(chunks.map(({ chunk }) => (chunk as Buffer).toString()))
      done()
    }
  })
  return { stream, writes }
}

test('lines written in one turn go out in one write, in order, when the turn ends', async () => {
  const { stream, writes } = recordingStream()
  for (const line of ['a: passed\n', 'b: passed\n', 'c: failed\n']) {
    holdUntilNextTurn(stream)
    stream.write(line)
  }
  expect(writes).toEqual([])
  await nextTurn()
  expect(writes).toEqual([['a: passed\n', 'b: passed\n', 'c: failed\n']])
})

test('each turn is written on its own: nothing waits for a later one', async () => {
  const { stream, writes } = recordingStream()
  holdUntilNextTurn(stream)
  stream.write('first\n')
  await nextTurn()
  holdUntilNextTurn(stream)
  stream.write('second\n')
  stream.write('third\n')
  await nextTurn()
  expect(writes).toEqual([['first\n'], ['second\n', 'third\n']])
})

test('what is held when the process exits is still written', () => {
  const module = pathToFileURL(join(process.cwd(), 'src/batched-output.ts')).href
  const script = `import { holdUntilNextTurn } from ${JSON.stringify(module)}
holdUntilNextTurn(process.stdout)
process.stdout.write('the last line before exit\\n')
process.exit(3)`
  const child = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--input-type=module', '-e', script],
    {
      encoding: 'utf8'
    }
  )
  expect(child.status).toBe(3)
  expect(child.stdout).toBe('the last line before exit\n')
})
