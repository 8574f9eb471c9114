// Prints the locations of the mutants that survived or were not covered in a Stryker JSON report or an event
// recorder's folder, as Stryker's --mutate ranges (file:line:column-line:column, comma-separated), for a run over
// those mutants again (stryker.rerun.config.mjs). Stryker's lines and columns are 1-based; a range's column is 0-based.
// Usage: node scripts/mutation-ranges.mjs <report.json | <scope>-events/>
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/mutation-ranges.mjs <report.json | <scope>-events/>');
  process.exit(2);
}
const mutants = [];
if (statSync(source).isDirectory()) {
  const latest = new Map();
  for (const name of readdirSync(source).sort()) {
    if (name.endsWith('-onMutantTested.json')) {
      const m = JSON.parse(readFileSync(path.join(source, name), 'utf8'));
      latest.set(m.id, m);
    }
  }
  mutants.push(...latest.values());
} else {
  for (const [fileName, file] of Object.entries(JSON.parse(readFileSync(source, 'utf8')).files)) mutants.push(...file.mutants.map((m) => ({ ...m, fileName })));
}
const ranges = mutants
  .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
  .map((m) => {
    const file = path.relative(process.cwd(), path.resolve(m.fileName)).split(path.sep).join('/');
    const { start, end } = m.location;
    return `${file}:${start.line}:${Math.max(0, start.column - 1)}-${end.line}:${end.column}`;
  });
console.log([...new Set(ranges)].join(','));
