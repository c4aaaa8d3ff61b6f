// Renders the job summary of a realistic failed run (25 services, one critical failure, latency
// compared with a baseline, the rollback dispatched) as GitHub shows it, to docs/summary.png for the
// README: the markdown from the project's renderer, turned into HTML by marked with GitHub's
// stylesheet (github-markdown-css), photographed by a headless Chromium.
// Usage: node scripts/summary-screenshot.mjs [path to chromium]   (Debian: apt-get install chromium)
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { marked } from 'marked'

const root = resolve(import.meta.dirname, '..')
const chromium = process.argv[2] ?? 'chromium'
const work = await mkdtemp(join(tmpdir(), 'summary-screenshot-'))
try {
  // The renderer as the action runs it: compiled from src/, types not checked (typecheck does that).
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(
    process.execPath,
    [
      tsc,
      'src/report/markdown.ts',
      ...['--outDir', work, '--rootDir', '.', '--module', 'nodenext', '--target', 'es2022'],
      ...['--types', 'node', '--skipLibCheck', '--noCheck']
    ],
    { cwd: root, stdio: 'inherit' }
  )
  const { renderSummary } = await import(pathToFileURL(join(work, 'src/report/markdown.js')).href)
  const markdown = renderSummary(exampleReport(), {
    reportPath: 'deploy-verify-report.json',
    artifactUrl: 'https://github.com/acme/docflow/actions/runs/14220931876/artifacts/3120455871',
    sourceLinks: { serverUrl: 'https://github.com', fromRoot: file => file },
    rollback: { sent: true, eventType: 'rollback-production' }
  })
  const css = await readFile(join(root, 'node_modules/github-markdown-css/github-markdown-light.css'), 'utf8')
  const html = `<!doctype html><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: 920px; padding: 24px 32px; }
</style><article class="markdown-body">${await marked.parse(markdown, { gfm: true })}</article>`
  const page = join(work, 'summary.html')
  await writeFile(page, html)
  execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      '--window-size=920,800',
      `--screenshot=${join(root, 'docs/summary.png')}`,
      pathToFileURL(page).href
    ],
    { stdio: 'inherit' }
  )
  console.log('wrote docs/summary.png')
} finally {
  await rm(work, { recursive: true, force: true })
}

/** A document-processing stack after a release whose database lost an extension. */
function exampleReport() {
  const file = '.github/deploy-verify/production.yml'
  const names = [
    'api',
    'worker',
    'scheduler',
    'auth',
    'billing',
    'search',
    'ocr',
    'thumbnails',
    'exports',
    'webhooks',
    'notifications',
    'admin',
    'reports',
    'imports',
    'ingest',
    'classifier',
    'embeddings',
    'storage',
    'cache',
    'queue',
    'mailer',
    'audit',
    'gateway',
    'frontend'
  ]
  const checks = names.map((name, i) => ({
    id: `services.${name}`,
    category: 'services',
    name,
    status: name === 'ocr' ? 'flaky' : 'passed',
    critical: name === 'api',
    message: name === 'ocr' ? '200 OK after 2 failed attempts (connection refused)' : '200 OK',
    duration_ms: 40 + ((i * 37) % 180),
    attempts: name === 'ocr' ? 3 : 1,
    file,
    line: 14 + i * 4,
    column: 3
  }))
  checks.splice(3, 0, {
    id: 'services.database',
    category: 'services',
    name: 'database',
    status: 'failed',
    critical: true,
    message: 'extension vector is not installed: CREATE EXTENSION vector was not run by the migration',
    duration_ms: 15000,
    attempts: 5,
    file,
    line: 9,
    column: 3
  })
  const side = (p50, spread = 1) => ({
    count: 40,
    p50,
    p90: p50 * 1.6 * spread,
    p95: p50 * 2 * spread,
    p99: p50 * 3.1 * spread,
    iqr: p50 * 0.3
  })
  const latency = {
    api: {
      status: 'passed',
      p_value: 0.38,
      shift_ms: 0.3,
      interval_ms: [-1.1, 1.6],
      relative_shift: 0.025,
      variance_ratio: 1.02,
      baseline: side(12),
      target: side(12.3),
      bounds: []
    },
    search: {
      status: 'passed',
      p_value: 0.0004,
      shift_ms: 9,
      interval_ms: [6, 12],
      relative_shift: 0.16,
      variance_ratio: 1.1,
      baseline: side(56),
      target: side(65),
      bounds: []
    },
    gateway: {
      status: 'passed',
      p_value: 0.71,
      shift_ms: -0.8,
      interval_ms: [-2.4, 0.9],
      relative_shift: -0.04,
      variance_ratio: 0.97,
      baseline: side(21),
      target: side(20.2),
      bounds: []
    }
  }
  for (const [service, finding] of Object.entries(latency))
    checks.push({
      id: `baseline.latency.${service}`,
      category: 'baseline',
      name: `${service} latency`,
      status: finding.status,
      critical: false,
      message: '',
      duration_ms: 2100,
      attempts: 1,
      file,
      line: 120,
      column: 5
    })
  return {
    report_version: 1,
    deployment_id: 'deploy_20261130_141502',
    environment: 'production',
    status: 'failed',
    timestamp: '2026-11-30T14:15:02.418Z',
    duration_seconds: 48.6,
    mode: 'verify',
    summary: 'failed: 1 of 28 checks failed (services.database), 1 flaky, in 48.6 s',
    config_files: [file],
    git: {
      sha: '9c4e1f7a2b3d4e5f60718293a4b5c6d7e8f90123',
      ref: 'refs/heads/main',
      repository: 'acme/docflow',
      run_id: '14220931876',
      run_url: 'https://github.com/acme/docflow/actions/runs/14220931876',
      pull_request: null
    },
    deploy: null,
    services: {},
    smoke_tests: {},
    security: null,
    baseline: {
      mode: 'verify',
      source: null,
      recorded: null,
      config: null,
      latency,
      schema: {},
      throughput: {}
    },
    monitor: null,
    rollback: null,
    checks,
    errors: []
  }
}
