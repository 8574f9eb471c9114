import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { asyncApiDocument, AsyncApiDocument } from '@idcard/contracts';
import { breakingChanges, describeChanges } from '../libs/contracts/src/asyncapi/compatibility';

/**
 * `npm run contracts [-- --release]`: writes the AsyncAPI document of libs/contracts to docs/asyncapi.json (formatted
 * as Prettier formats JSON, so `npm run lint` takes it as it is), then checks it against every released contract in
 * docs/asyncapi/released/. With --release it also keeps the document as docs/asyncapi/released/<info.version>.json;
 * a release of that version that differs is refused (raise CONTRACT_VERSION in libs/contracts instead).
 * libs/contracts/src/asyncapi/asyncapi-document.spec.ts fails when the committed document and the code disagree.
 */

/** The repository: this file runs from scripts/ (jest) or from dist/scripts/ (npm run contracts). */
const ROOT = ((up: string) => (path.basename(up) === 'dist' ? path.dirname(up) : up))(path.resolve(__dirname, '..'));
export const DOCUMENT_FILE = path.join(ROOT, 'docs', 'asyncapi.json');
export const RELEASED_DIR = path.join(ROOT, 'docs', 'asyncapi', 'released');

/** The document as the repository keeps it: JSON in Prettier's layout, with the project's settings. */
export async function documentText(document: AsyncApiDocument): Promise<string> {
  const options = (await prettier.resolveConfig(DOCUMENT_FILE)) ?? {};
  return prettier.format(JSON.stringify(document), { ...options, filepath: DOCUMENT_FILE });
}

/** Every released contract, by file name (1.0.0.json), oldest version first. */
export function releasedDocuments(dir = RELEASED_DIR): { file: string; document: object }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((file) => ({ file, document: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as object }));
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { release: { type: 'boolean', default: false } } });
  const document = asyncApiDocument();
  const text = await documentText(document);
  fs.writeFileSync(DOCUMENT_FILE, text);
  process.stdout.write(`wrote ${path.relative(ROOT, DOCUMENT_FILE)} (contract ${document.info.version})\n`);

  let broken = 0;
  for (const { file, document: released } of releasedDocuments()) {
    const changes = breakingChanges(released, document);
    if (changes.length === 0) continue;
    broken += changes.length;
    process.stderr.write(`breaking for messages released in ${file} — give the changed payload a new schema version instead:\n${describeChanges(changes)}\n`);
  }
  if (broken) return 1;

  if (values.release) {
    const file = path.join(RELEASED_DIR, `${document.info.version}.json`);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') !== text) {
      process.stderr.write(`${path.relative(ROOT, file)} is released and differs: raise CONTRACT_VERSION (libs/contracts) for a new release\n`);
      return 1;
    }
    fs.mkdirSync(RELEASED_DIR, { recursive: true });
    fs.writeFileSync(file, text);
    process.stdout.write(`released as ${path.relative(ROOT, file)}\n`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
    },
  );
}
