module.exports = {
  testEnvironment: 'node',
  transform: {
    // jose 6, file-type 21 and its dependencies are ESM-only: let swc turn them into CommonJS along with our TypeScript.
    '^.+\\.(t|m?j)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|openid-client|oauth4webapi|@seriousme/openapi-schema-validator|file-type|strtok3|token-types|@tokenizer/inflate|@borewit/text-codec|uint8array-extras)/)',
  ],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  maxWorkers: 2,
};
