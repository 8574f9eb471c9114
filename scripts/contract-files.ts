import * as fs from 'node:fs';
import * as path from 'node:path';

// Where the contract lives in the repository, for `npm run contracts` and the test that checks the committed files
// (which must not load Prettier: its CommonJS entry imports ES modules, which jest's runtime refuses).

/** The repository: this file runs from scripts/ (jest) or from dist/scripts/ (npm run contracts). */
export const ROOT = ((up: string) => (path.basename(up) === 'dist' ? path.dirname(up) : up))(path.resolve(__dirname, '..'));
export const DOCUMENT_FILE = path.join(ROOT, 'docs', 'asyncapi.json');
export const RELEASED_DIR = path.join(ROOT, 'docs', 'asyncapi', 'released');

/** Every released contract, by file name (1.0.0.json), oldest version first. */
export function releasedDocuments(dir = RELEASED_DIR): { file: string; document: object }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((file) => ({ file, document: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as object }));
}
