// Bundles one entry with ncc into a folder: the code, its chunks, the licence file. Through ncc's
// API rather than its command line for one option the command line lacks: `node:http2` resolved to
// a module that refuses to load (scripts/no-http2.cjs, copied beside the bundle). undici, the probes'
// HTTP client and the GitHub client's, loads node:http2 as it starts, with node:tls and node:crypto,
// and uses it only when HTTP/2 is allowed, which deploy-verify never asks; it falls back by itself
// when node:http2 cannot load. Loading them was about an eighth of a run with one HTTP check.
// Usage: node scripts/bundle.mjs ENTRY OUT
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import ncc from '@vercel/ncc'

const [entry, out] = process.argv.slice(2)
const NO_HTTP2 = 'no-http2.cjs'

const { code, assets } = await ncc(resolve(entry), {
  license: 'licenses.txt',
  quiet: true,
  externals: { 'node:http2': `./${NO_HTTP2}`, http2: `./${NO_HTTP2}` }
})
await mkdir(out, { recursive: true })
// As ncc's command line writes them: an entry with a shebang (the CLI's) is executable.
await writeFile(join(out, 'index.js'), code, { mode: code.startsWith('#!') ? 0o755 : 0o644 })
for (const [name, asset] of Object.entries(assets)) {
  await mkdir(dirname(join(out, name)), { recursive: true })
  await writeFile(join(out, name), asset.source, { mode: asset.permissions ?? 0o644 })
}
await copyFile(new URL(NO_HTTP2, import.meta.url), join(out, NO_HTTP2))
