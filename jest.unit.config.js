// The fast unit tests of the pure core (config, judge, report, model, secrets, metrics, security
// judges): no servers, no bundle. Used by the mutation run (`npm run mutation`).
import base from './jest.config.js'

export default {
  ...base,
  testMatch: ['<rootDir>/__tests__/{config,judge,report,model,secrets,metrics}/**/*.test.ts'],
  // Size limits with wall-clock bounds: slow under instrumentation, and about speed, not logic.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/config/large-files.test.ts']
}
