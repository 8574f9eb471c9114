// Prints the mutation score per folder from StrykerJS's JSON reports (reports/mutation/*.json, see stryker.config.mjs):
// score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's own "covered and uncovered"
// score; compile errors (mutants the TypeScript checker rejects) and ignored mutants do not count.
// When several reports hold the same file (a scoped run after a full one), the newest report wins.
// Usage: node scripts/mutation-summary.mjs [report.json …]
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
const reports = process.argv.slice(2).length
  ? process.argv.slice(2)
  : existsSync(reportDir)
    ? readdirSync(reportDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(reportDir, f))
    : [];
if (reports.length === 0) {
  console.error('no mutation report in reports/mutation/: run `npm run mutation` (or `npx stryker run`) first');
  process.exit(1);
}

/** file (relative to the root) → its mutants, from the newest report that holds it */
const files = new Map();
for (const report of reports.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  for (const [file, { mutants }] of Object.entries(json.files)) {
    const relative = path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
    files.set(relative, mutants);
  }
}

const rows = [];
for (const folder of FOLDERS) {
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
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
    goal: GOAL_FOLDERS.has(folder) ? (score >= GOAL ? `≥ ${GOAL} % ok` : `< ${GOAL} %`) : '',
  });
}

const columns = Object.keys(rows[0]);
const width = Object.fromEntries(columns.map((c) => [c, Math.max(c.length, ...rows.map((r) => String(r[c]).length))]));
const line = (cells) => cells.map((v, i) => (i === 0 ? String(v).padEnd(width[columns[i]]) : String(v).padStart(width[columns[i]]))).join('  ');
console.log('\nMutation score per folder: (killed + timeout) / (killed + timeout + survived + no coverage)\n');
console.log(line(columns));
for (const r of rows) console.log(line(columns.map((c) => r[c])));
console.log(`\nfrom ${reports.map((r) => path.relative(root, r)).join(', ')}`);
