// The arrows between the folders of src/, checked by `npm run architecture` (part of `npm run lint`).
// The pure core decides and words; the edges (probes, phases, publishers) do the I/O; the entry
// points wire them together and are imported by nothing else. No violation is tolerated.

/** The pure core: it decides and words, and does no I/O of its own. */
const CORE = '^src/(config|judge|report|model|secrets)/'
/** The entry points: the action (index.ts, main.ts) and the command line (cli.ts, cli/). */
const ENTRY_POINTS = '^src/(index|main|cli)[.]ts$|^src/cli/'

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'config, judge, report, model and secrets use no GitHub toolkit, probe, phase or publisher.',
      severity: 'error',
      from: { path: CORE },
      to: { path: ['(^|/)node_modules/@actions/', '^src/(probes|phases|publish)/'] }
    },
    {
      name: 'judge-does-not-report',
      comment: 'report uses judge, and both use model: judge never reaches back into report.',
      severity: 'error',
      from: { path: '^src/judge/' },
      to: { path: '^src/report/' }
    },
    {
      name: 'model-is-shared',
      comment: 'Statuses, results and wording are what judge and report share: model imports neither.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: '^src/(judge|report)/' }
    },
    {
      name: 'probes-only-observe',
      comment: 'A probe observes; judging, reporting and publishing are for others.',
      severity: 'error',
      from: { path: '^src/probes/' },
      to: { path: '^src/(judge|report|publish)/' }
    },
    {
      name: 'publishers-do-not-probe',
      comment: 'Publishers send what the run found; they never look at the environment.',
      severity: 'error',
      from: { path: '^src/publish/' },
      to: { path: '^src/probes/' }
    },
    {
      name: 'entry-points-are-not-imported',
      comment: 'Only an entry point may import an entry point (index.ts runs main.ts).',
      severity: 'error',
      from: { pathNot: ENTRY_POINTS },
      to: { path: ENTRY_POINTS }
    },
    {
      name: 'no-cycles',
      comment: 'Modules that import each other cannot be understood or changed one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true }
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Types-only imports are arrows too: a core module must not even name a probe's types.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      // `import('./x.js')` resolves to x.ts, as TypeScript's NodeNext resolution does.
      extensions: ['.ts', '.js', '.mjs', '.json']
    }
  }
}
