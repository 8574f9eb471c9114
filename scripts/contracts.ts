import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { asyncApiDocument, AsyncApiDocument } from '@idcard/contracts';
import { breakingChanges, describeChanges } from '../libs/contracts/src/asyncapi/compatibility';
import { DOCUMENT_FILE, releasedDocuments, RELEASED_DIR, ROOT } from './contract-files';

/**
 * `npm run contracts [-- --release]`: writes the AsyncAPI document of libs/contracts to docs/asyncapi.json (formatted
 * as Prettier formats JSON, so `npm run lint` takes it as it is), then checks it against every released contract in
 * docs/asyncapi/released/. With --release it also keeps the document as docs/asyncapi/released/<info.version>.json;
 * a release of that version that differs is refused (raise CONTRACT_VERSION in libs/contracts instead).
 * test/contracts/asyncapi-contract.test.ts fails when the committed document and the code disagree, or a release is broken.
 */

/** The document as the repository keeps it: JSON in Prettier's layout, with the project's settings. */
async function documentText(document: AsyncApiDocument): Promise<string> {
  const options = (await prettier.resolveConfig(DOCUMENT_FILE)) ?? {};
  return prettier.format(JSON.stringify(document), { ...options, filepath: DOCUMENT_FILE });
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
