/**
 * CPU cost of signing and verifying one typical message: a 40 kB value, as an ApplicationSubmitted with its photo
 * and fingerprints is. Each figure stands beside a plain sha256 of the same bytes measured in the same run, so a
 * reader can tell a slow machine from a slow signature; the full receipt check (verifyMessage: trust list lookup,
 * signature, access rights) and generating keys for all 93 province services are measured too.
 *
 * Usage: npm run build && TS_NODE_BASEURL=./dist node -r tsconfig-paths/register dist/libs/trust/bench/sign-verify.js [--seconds 1]
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { MessageType, topics } from '@idcard/contracts';
import { allServices, ensureKeyFiles } from '../src/key-files';
import { generateSigningKeyPair, signatureHeaders, signMessage, verifySignature } from '../src/signing';
import { createTrustList, parseAndVerifyTrustList, serializeTrustList, signTrustList } from '../src/trust-list';
import { verifyMessage } from '../src/verify-message';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '1' }, 'value-bytes': { type: 'string', default: String(40 * 1024) } } });
const SECONDS = Number(values.seconds);
const VALUE_BYTES = Number(values['value-bytes']);

/** CPU microseconds (user + system) per call of fn, run for about SECONDS of CPU after a short warm-up. */
function cpuMicrosPerOp(fn: () => unknown): number {
  for (let i = 0; i < 200; i++) fn();
  let ops = 0;
  const start = process.cpuUsage();
  let spent = 0;
  while (spent < SECONDS * 1e6) {
    for (let i = 0; i < 100; i++) fn();
    ops += 100;
    const used = process.cpuUsage(start);
    spent = used.user + used.system;
  }
  return spent / ops;
}

const topic = topics.registryApplications('11');
const receipt = 'R44-20261122-000001';
const key = Buffer.from('110101199003074578');
// A JSON envelope whose bulk is base64 (the photo), the size of a real application.
const filler = randomBytes(Math.ceil((VALUE_BYTES * 3) / 4)).toString('base64');
const envelope = {
  messageId: '7d6f2a8e-2b1c-4b8e-9a51-0c7e9f1d2a33',
  type: MessageType.ApplicationSubmitted,
  schemaVersion: 1,
  occurredAt: '2026-11-22T08:00:00.000Z',
  source: { province: '44', service: 'receiving-office' },
  correlationId: receipt,
  payload: { receiptNumber: receipt, homeProvince: '11', receivingProvince: '44', photo: { jpegBase64: '' } },
};
const skeleton = JSON.stringify(envelope);
envelope.payload.photo.jpegBase64 = filler.slice(0, Math.max(0, VALUE_BYTES - skeleton.length));
const value = Buffer.from(JSON.stringify(envelope));

const office = generateSigningKeyPair();
const root = generateSigningKeyPair();
const keyId = 'receiving-office-44-bench';
const now = new Date('2026-11-22T08:00:01Z');
const list = parseAndVerifyTrustList(
  serializeTrustList(
    signTrustList(
      createTrustList({
        version: 1,
        issuedAt: new Date('2026-11-01T00:00:00Z'),
        nextUpdateBy: new Date('2026-12-01T00:00:00Z'),
        keys: [
          {
            keyId,
            province: '44',
            service: 'receiving-office',
            publicKey: office.publicKey,
            validFrom: new Date('2026-11-01T00:00:00Z'),
            validUntil: new Date('2027-11-01T00:00:00Z'),
          },
        ],
      }),
      root.privateKey,
    ),
  ),
  root.publicKey,
);
const message = { topic, key, value };
const signature = signMessage(message, office.privateKey, keyId);
const received = { ...message, headers: signatureHeaders(signature), envelope };
if (!verifyMessage(received, { trustList: list, now, allowedSkew: 60_000 }).ok) throw new Error('the benchmark message does not verify');

const sha256 = cpuMicrosPerOp(() => createHash('sha256').update(value).digest());
const sign = cpuMicrosPerOp(() => signMessage(message, office.privateKey, keyId));
const verify = cpuMicrosPerOp(() => verifySignature(message, signature.signature, office.publicKey));
const receipt_ = cpuMicrosPerOp(() => verifyMessage(received, { trustList: list, now, allowedSkew: 60_000 }));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idcard-keys-bench-'));
const before = process.cpuUsage();
const wallStart = process.hrtime.bigint();
ensureKeyFiles(path.join(dir, 'keys'), { services: allServices(), now });
const keygenWallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
const keygenCpu = process.cpuUsage(before);
fs.rmSync(dir, { recursive: true, force: true });

const round = (n: number) => Math.round(n * 10) / 10;
console.log(
  JSON.stringify({
    valueBytes: value.length,
    sha256MicrosPerOp: round(sha256),
    signMicrosPerOp: round(sign),
    verifyMicrosPerOp: round(verify),
    verifyMessageMicrosPerOp: round(receipt_),
    signPerSha256: round(sign / sha256),
    verifyPerSha256: round(verify / sha256),
    keyFilesFor93ServicesMs: { cpu: round((keygenCpu.user + keygenCpu.system) / 1000), wall: round(keygenWallMs) },
    node: process.version,
    cpu: os.cpus()[0]?.model,
  }),
);
