// Mutation testing of the pure core, on demand (`npm run mutation`, or `npm run mutation -- --mutate
// 'src/judge/**/*.ts'` for one folder); not part of CI. See docs/mutation-testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: { configFile: 'jest.unit.config.js' },
  checkers: [],
  coverageAnalysis: 'perTest',
  // A mutant of a module-level value would need every test run again: too slow to be worth it here.
  ignoreStatic: true,
  // The machine running it is usually shared: two test processes at most.
  concurrency: 2,
  mutate: [
    'src/config/**/*.ts',
    'src/judge/**/*.ts',
    'src/report/**/*.ts',
    'src/model/**/*.ts',
    'src/secrets/**/*.ts',
    'src/metrics/**/*.ts'
  ],
  ignorePatterns: ['dist', 'bench', 'demo', 'docs', 'examples', 'coverage', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 80, low: 60, break: null },
  tempDirName: '.stryker-tmp',
  timeoutMS: 10000
}
