/** Suites that need real servers, named by FILORA_TEST_* variables; each skips itself when its server is absent. */
const base = require('./jest.base.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/**/*.int.test.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
