// Prints the mutation score per folder from StrykerJS's JSON reports (reports/mutation/*.json, see stryker.config.mjs):
// score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's own "covered and uncovered"
// score; compile errors (mutants the TypeScript checker rejects) and ignored mutants do not count.
// When several reports hold the same file, the newest report wins: for the whole file when the file's source
// differs between them (or a report does not say), mutant by mutant when both hold the same source — so that a run
// over a few mutants (`--mutate file:line:col-line:col`, the survivors again after new tests) updates only those.
// A run that was interrupted leaves no report, only the results its event recorder wrote as they came
// (reports/mutation/<scope>-events/, see stryker.config.mjs): with --partial those count too when they are newer than
// the scope's report, and the mutants not tested yet are shown as pending. --survivors lists every surviving mutant.
// Columns are as Stryker reports them (1-based, like lines).
// Usage: node scripts/mutation-summary.mjs [--partial] [--survivors] [--same-source] [report.json or <scope>-events/ …, later ones winning]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const FOLDERS = [
  'apps/receiving-office/src/domain',
  'apps/registry-office/src/domain',
  'apps/production-center/src/domain',
  'libs/contracts',
  'libs/messaging',
];
const GOAL = 80;
const GOAL_FOLDERS = new Set(FOLDERS.filter((f) => f !== 'libs/contracts'));

const root = process.cwd();
const reportDir = path.join(root, 'reports', 'mutation');
const flags = new Set(process.argv.slice(2).filter((a) => a.startsWith('--')));
const given = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const reports = given.length
  ? given
  : existsSync(reportDir)
    ? readdirSync(reportDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(reportDir, f))
    : [];
/** An interrupted run's recorded events, as a report: the plan's early results, then every mutant tested so far. */
function reportFromEvents(dir) {
  const events = readdirSync(dir).sort();
  const byId = new Map();
  for (const name of events) {
    const event = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    if (name.endsWith('-onMutationTestingPlanReady.json')) {
      for (const { plan, mutant } of event.mutantPlans) byId.set(mutant.id, { ...mutant, status: plan === 'EarlyResult' ? mutant.status : 'Pending' });
    } else if (name.endsWith('-onMutantTested.json')) byId.set(event.id, event);
  }
  const files = {};
  for (const m of byId.values()) (files[m.fileName] ??= { mutants: [] }).mutants.push(m);
  return { files };
}
const partial = [];
if (flags.has('--partial') && existsSync(reportDir)) {
  for (const dir of readdirSync(reportDir).filter((f) => f.endsWith('-events'))) {
    const events = path.join(reportDir, dir);
    const report = path.join(reportDir, `${dir.slice(0, -'-events'.length)}.json`);
    if (!existsSync(report) || statSync(report).mtimeMs < statSync(events).mtimeMs) partial.push(events);
  }
}
if (reports.length + partial.length === 0) {
  console.error('no mutation report in reports/mutation/: run `npm run mutation` (or `npx stryker run`) first');
  process.exit(1);
}

/** A mutant's identity across runs of the same source: where it is and what it changes. */
const mutantKey = (m) =>
  `${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column} ${m.mutatorName} ${m.replacement ?? ''}`;

/** file (relative to the root) → its mutants, from the newest report that holds it (mutant by mutant for one source) */
const files = new Map();
const sources = new Map();
// Reports named on the command line count in the order given (a later one wins); found ones, oldest first.
const inOrder = given.length ? [...reports, ...partial] : [...reports, ...partial].sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
for (const report of inOrder) {
  const json = report.replace(/\/$/, '').endsWith('-events') ? reportFromEvents(report) : JSON.parse(readFileSync(report, 'utf8'));
  for (const [file, { mutants, source }] of Object.entries(json.files)) {
    const relative = path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
    // --same-source: the caller vouches that the files did not change between the runs named (an interrupted run's
    // events hold no source to compare).
    const sameSource = files.has(relative) && (flags.has('--same-source') || (source !== undefined && sources.get(relative) === source));
    if (sameSource) {
      const merged = new Map(files.get(relative).map((m) => [mutantKey(m), m]));
      for (const m of mutants) merged.set(mutantKey(m), m);
      files.set(relative, [...merged.values()]);
    } else files.set(relative, mutants);
    sources.set(relative, source);
  }
}

const rows = [];
for (const folder of FOLDERS) {
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0, Pending: 0 };
  let fileCount = 0;
  for (const [file, mutants] of files) {
    if (!file.startsWith(`${folder}/`)) continue;
    fileCount++;
    for (const m of mutants) count[m.status] = (count[m.status] ?? 0) + 1;
  }
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  const score = valid ? (100 * detected) / valid : NaN;
  rows.push({
    folder,
    files: fileCount,
    score: fileCount ? score.toFixed(2) : 'not run',
    killed: count.Killed,
    timeout: count.Timeout,
    survived: count.Survived,
    'no coverage': count.NoCoverage,
    'compile error': count.CompileError,
    ignored: count.Ignored,
    pending: count.Pending,
    goal: GOAL_FOLDERS.has(folder) ? (score >= GOAL ? `≥ ${GOAL} % ok` : `< ${GOAL} %`) : '',
  });
}

// Pending only when some mutant was not tested (an interrupted run's events).
const columns = Object.keys(rows[0]).filter((c) => c !== 'pending' || rows.some((r) => r.pending > 0));
const width = Object.fromEntries(columns.map((c) => [c, Math.max(c.length, ...rows.map((r) => String(r[c]).length))]));
const line = (cells) => cells.map((v, i) => (i === 0 ? String(v).padEnd(width[columns[i]]) : String(v).padStart(width[columns[i]]))).join('  ');
console.log('\nMutation score per folder: (killed + timeout) / (killed + timeout + survived + no coverage)\n');
console.log(line(columns));
for (const r of rows) console.log(line(columns.map((c) => r[c])));
console.log(`\nfrom ${[...reports, ...partial].map((r) => path.relative(root, r)).join(', ')}`);
if (partial.length) console.log('(events of an interrupted run: its pending mutants were not tested, the score is of those that were)');

if (flags.has('--survivors')) {
  console.log('\nSurvivors:');
  for (const [file, mutants] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    for (const m of mutants.filter((x) => x.status === 'Survived').sort((a, b) => a.location.start.line - b.location.start.line)) {
      console.log(`${file}:${m.location.start.line}:${m.location.start.column}  ${m.mutatorName}  ${String(m.replacement ?? '').replace(/\s+/g, ' ')}`);
    }
  }
}
