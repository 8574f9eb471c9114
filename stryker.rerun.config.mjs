// A run over given mutants only, beside a full one (its own sandbox, event recorder, JSON report): the survivors and
// not-covered mutants of a run, tested again after new tests. Their locations come from scripts/mutation-ranges.mjs:
//   STRYKER_MUTATE=$(node scripts/mutation-ranges.mjs reports/mutation/messaging-events) \
//     npm run mutation -- --scope messaging stryker.rerun.config.mjs
// then `node scripts/mutation-summary.mjs --same-source <the full run's report or events> reports/mutation/<scope>-rerun.json`.
import base from './stryker.config.mjs';

const scope = process.env.STRYKER_SCOPE ?? 'all';
if (!process.env.STRYKER_MUTATE) throw new Error('STRYKER_MUTATE: the mutants to test again, as file:line:column-line:column,…');

export default {
  ...base,
  mutate: process.env.STRYKER_MUTATE.split(','),
  tempDirName: '.stryker-tmp-rerun',
  eventReporter: { baseDir: `reports/mutation/${scope}-rerun-events` },
  jsonReporter: { fileName: `reports/mutation/${scope}-rerun.json` },
  htmlReporter: { fileName: `reports/mutation/${scope}-rerun.html` },
  incrementalFile: `reports/stryker-incremental-${scope}-rerun.json`,
  // A survivor that a new test kills fails an assertion or a 30 s wait; a minute more than its tests' own time keeps a
  // busy machine from calling a slow survivor a timeout (which would count as found).
  timeoutMS: 60000,
};
