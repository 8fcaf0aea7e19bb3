/** Fast suite: no external service needed. Integration suites live in *.int.test.ts. */
const base = require('./jest.base.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.int\\.test\\.ts$'],
};
