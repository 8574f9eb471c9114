// Mutation testing (StrykerJS) of the domain folders, libs/contracts and libs/messaging: `npm run mutation`.
// Slow (minutes), so it is not part of `npm test`. Reports go to reports/mutation/ (gitignored).
//
// STRYKER_SCOPE picks what one run mutates and which tests it runs, so that a mutant is never tested by suites
// that cannot reach it (`npm run mutation` runs both scopes, then scripts/mutation-summary.mjs):
//   units     — apps/*/src/domain and libs/contracts/src, against their unit specs (fast, no database);
//   messaging — libs/messaging/src, against its specs and its behaviour tests in libs/messaging/test (PostgreSQL
//               and the development broker: `npm run mutation` (scripts/mutation.ts) starts one of each for the whole
//               run and hands them over in DATABASE_URL and KAFKA_BROKERS; without them, each suite starts its own).
//   (unset)   — all three folders in one run against all of those tests.
// The services' behaviour tests (apps/*/test) and the end-to-end tests (test/) exercise this code too, but they
// are left out: one run of them per mutant would take hours.
//
// Each scope also narrows what runs per mutant, which is most of a run's time on a small machine: the TypeScript
// checker builds only the scope's files and what they import (tsconfig.stryker-<scope>.json, not the whole monorepo
// that every contracts mutant would otherwise have re-checked), and jest crawls only the folders of the scope's tests.
const scopes = {
  units: {
    mutate: ['apps/*/src/domain/**/*.ts', 'libs/contracts/src/**/*.ts'],
    tests: ['<rootDir>/apps/*/src/domain/**/*.spec.ts', '<rootDir>/libs/contracts/src/**/*.spec.ts'],
    roots: ['receiving-office', 'registry-office', 'production-center'].map((app) => `<rootDir>/apps/${app}/src/domain`).concat('<rootDir>/libs/contracts'),
    tsconfig: 'tsconfig.stryker-units.json',
  },
  messaging: {
    mutate: ['libs/messaging/src/**/*.ts'],
    tests: ['<rootDir>/libs/messaging/src/**/*.spec.ts', '<rootDir>/libs/messaging/test/**/*.test.ts'],
    roots: ['<rootDir>/libs/messaging'],
    tsconfig: 'tsconfig.stryker-messaging.json',
  },
};
const scopeName = process.env.STRYKER_SCOPE;
if (scopeName && !scopes[scopeName]) {
  throw new Error(`STRYKER_SCOPE=${scopeName}: expected one of ${Object.keys(scopes).join(', ')}`);
}
const scope = scopeName
  ? scopes[scopeName]
  : {
      mutate: Object.values(scopes).flatMap((s) => s.mutate),
      tests: Object.values(scopes).flatMap((s) => s.tests),
      roots: Object.values(scopes).flatMap((s) => s.roots),
      tsconfig: 'tsconfig.json',
    };
const report = `reports/mutation/${scopeName ?? 'all'}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  // Not the specs, not the barrels (nothing but re-exports).
  mutate: [...scope.mutate, '!**/*.spec.ts', '!**/*.test.ts', '!**/index.ts'],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: { testMatch: scope.tests, roots: scope.roots },
  },
  checkers: ['typescript'],
  tsconfigFile: scope.tsconfig,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level values: the code tables, the message schemas' constants…) are evaluated once at
  // import, so each needs every test of the scope in a fresh process: ~3/4 of the run time for ~1/4 of the mutants.
  // They are left out of the score (reported as ignored); STRYKER_STATIC=1 npm run mutation tests them too.
  ignoreStatic: process.env.STRYKER_STATIC !== '1',
  // A 2-core machine: one checker and one test runner, then two test runners once the checking is done.
  concurrency: 2,
  // Added to 1.5 × a mutant's covering tests' own time and the dry run's overhead (start-up, beforeAll): a mutant that
  // stalls a suite (a message never delivered) is called a timeout 10 s after it should have passed, not 30 s.
  timeoutMS: 10000,
  // The first run of every test with coverage: the messaging suites take minutes on a loaded machine (default 5).
  dryRunTimeoutMinutes: 30,
  ignorePatterns: ['dist', 'coverage', 'reports', 'test-artifacts', '.data', 'docs', 'deploy', '*.log'],
  // The JSON report and the incremental file are written only when a run ends; the event recorder writes each mutant's
  // result as it is known, so that an interrupted run still tells what it found (scripts/mutation-summary.mjs --partial).
  reporters: ['clear-text', 'progress', 'json', 'html', 'event-recorder'],
  eventReporter: { baseDir: `${report}-events` },
  jsonReporter: { fileName: `${report}.json` },
  htmlReporter: { fileName: `${report}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // `--incremental` reuses the results of this file for mutants whose code and covering tests did not change;
  // it lives outside reports/mutation/ so that `npm run mutation` (which empties that folder) keeps it.
  incrementalFile: `reports/stryker-incremental-${scopeName ?? 'all'}.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
