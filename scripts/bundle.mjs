// Bundles one entry with ncc into a folder: the code, its chunks, the licence file. Through ncc's
// API rather than its command line for one option the command line lacks: a module resolved to
// another file, copied beside the bundle, that refuses to load. Two of undici's are left out so:
// - `node:http2` (scripts/no-http2.cjs). undici, the probes' HTTP client and the GitHub client's,
//   loads node:http2 as it starts, with node:tls and node:crypto, and uses it only when HTTP/2 is
//   allowed, which deploy-verify never asks; it falls back by itself when node:http2 cannot load.
//   Loading them was about an eighth of a run with one HTTP check.
// - fetch's body module as its HTTP/1.1 client requires it (scripts/no-form-data.cjs): only to send a
//   FormData body, which no probe sends (fetch, which the GitHub client uses, keeps its own). With it
//   went a third of the chunk every HTTP run loads (469 -> 313 KB), about 2 % of a 1-check run.
// Usage: node scripts/bundle.mjs ENTRY OUT
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import ncc from '@vercel/ncc'

const [entry, out] = process.argv.slice(2)
const LEFT_OUT = {
  'node:http2': 'no-http2.cjs',
  http2: 'no-http2.cjs',
  '../web/fetch/body.js': 'no-form-data.cjs'
}

const { code, assets } = await ncc(resolve(entry), {
  license: 'licenses.txt',
  quiet: true,
  externals: Object.fromEntries(Object.entries(LEFT_OUT).map(([request, file]) => [request, `./${file}`]))
})
await mkdir(out, { recursive: true })
// As ncc's command line writes them: an entry with a shebang (the CLI's) is executable.
await writeFile(join(out, 'index.js'), code, { mode: code.startsWith('#!') ? 0o755 : 0o644 })
for (const [name, asset] of Object.entries(assets)) {
  await mkdir(dirname(join(out, name)), { recursive: true })
  await writeFile(join(out, name), asset.source, { mode: asset.permissions ?? 0o644 })
}
for (const file of new Set(Object.values(LEFT_OUT)))
  await copyFile(new URL(file, import.meta.url), join(out, file))
