/** One jest run for the whole monorepo: unit specs beside the code, behaviour tests under test/. */
const { pathsToModuleNameMapper } = require('./jest.paths');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts', '<rootDir>/test'].filter((d) => require('fs').existsSync(d.replace('<rootDir>', __dirname))),
  testMatch: ['**/*.spec.ts', '**/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: pathsToModuleNameMapper(),
  setupFiles: ['<rootDir>/jest.setup.js'],
  testTimeout: 60000,
};
