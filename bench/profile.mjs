// `npm run bench:profile`: one run of the bundled action over 1,000 checks under `--cpu-prof`. Writes
// the profile to bench/profiles/ (open it in Chrome DevTools or speedscope) and prints the functions
// and the modules where the CPU time went, by self time.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runAction } from '../tools/run-action.mjs'
import { httpProbe, startServer, workspaceFor } from './setup.mjs'

const CHECKS = Number(process.argv[2] ?? 1000)
const out = fileURLToPath(new URL('profiles/', import.meta.url))
await mkdir(out, { recursive: true })

const server = await startServer()
const workspace = await workspaceFor(
  Array.from({ length: CHECKS }, () => httpProbe(server.url)),
  CHECKS
)
const before = new Set(await readdir(out))
try {
  const result = await runAction({
    cwd: workspace,
    inputs: { config: 'env.yml' },
    env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${out}` }
  })
  if (result.outputs.status !== 'passed') throw new Error(`the run did not pass:\n${result.log.slice(-2000)}`)
} finally {
  await server.close()
  await rm(workspace, { recursive: true, force: true })
}

const file = (await readdir(out)).find(name => !before.has(name) && name.endsWith('.cpuprofile'))
const profile = JSON.parse(await readFile(join(out, file), 'utf8'))
// Self time per node: the sample count times the mean interval.
const intervalMs = (profile.endTime - profile.startTime) / 1000 / profile.samples.length
const hits = new Map()
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1)
const byFunction = new Map()
const byModule = new Map()
for (const node of profile.nodes) {
  const ms = (hits.get(node.id) ?? 0) * intervalMs
  const { functionName, url, lineNumber } = node.callFrame
  const where = url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : '(native)'
  const fn = `${functionName || '(anonymous)'} ${where}`
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms)
  const module = url ? url.split('/').slice(-2).join('/') : functionName
  byModule.set(module, (byModule.get(module) ?? 0) + ms)
}
const top = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${name}`)
    .join('\n')
console.log(
  `Profile of ${CHECKS} checks: bench/profiles/${file}, ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms sampled`
)
console.log(
  `\nBy self time, functions:\n${top(byFunction, 25)}\n\nBy self time, files:\n${top(byModule, 12)}`
)
