import * as fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { asyncApiDocument } from '@idcard/contracts';
import { breakingChanges, describeChanges } from '../../libs/contracts/src/asyncapi/compatibility';
import { DOCUMENT_FILE, releasedDocuments } from '../../scripts/contract-files';

/** The committed contract: docs/asyncapi.json is what the code generates, and no released message was broken. */
describe('the committed AsyncAPI contract', () => {
  const document = asyncApiDocument();

  it('docs/asyncapi.json is what libs/contracts generates now (else: run npm run contracts)', () => {
    // Compared as JSON (its layout is Prettier's, which npm run lint checks).
    const committed = fs.existsSync(DOCUMENT_FILE) ? (JSON.parse(fs.readFileSync(DOCUMENT_FILE, 'utf8')) as object) : null;
    if (!isDeepStrictEqual(committed, JSON.parse(JSON.stringify(document)))) {
      throw new Error('docs/asyncapi.json differs from what libs/contracts generates now: run npm run contracts and commit the result');
    }
  });

  it('has a first release, and breaks no message schema version of any release', () => {
    const releases = releasedDocuments();
    expect(releases.map((r) => r.file)).toContain('1.0.0.json');
    for (const { file, document: released } of releases) {
      const changes = breakingChanges(released, document);
      if (changes.length) throw new Error(`breaking for messages released in ${file} (give the payload a new schema version):\n${describeChanges(changes)}`);
    }
  });
});
