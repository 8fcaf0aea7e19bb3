module.exports = {
  testEnvironment: 'node',
  transform: {
    // jose 6 is ESM-only: let swc turn it into CommonJS along with our TypeScript.
    '^.+\\.(t|m?j)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  maxWorkers: 2,
};
