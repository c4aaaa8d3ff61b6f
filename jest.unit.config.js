// The fast unit tests of the pure core (config, judge, report, model, secrets, metrics): no servers,
// no bundle. Used by the mutation run (`npm run mutation`), which runs them once per mutant: so
// TypeScript is only transpiled here (`npm run typecheck` checks the types).
import base from './jest.config.js'

export default {
  ...base,
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json', isolatedModules: true }]
  },
  testMatch: ['<rootDir>/__tests__/{config,judge,report,model,secrets,metrics}/**/*.test.ts'],
  // Size limits with wall-clock bounds: slow under instrumentation, and about speed, not logic.
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/__tests__/config/large-files.test.ts',
    '<rootDir>/__tests__/secrets/large-texts.test.ts'
  ]
}
