import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSigningKeyPair, privateKeyPem, publicKeyPem, serviceKeyId } from '@idcard/trust';
import { CommandFailure, OpsCommandIo, parseOptions, required } from './command-io';
import { provinceOption, serviceOption } from './key-ceremony-files';

/**
 * `keys generate --service S --province P --out DIR`: a new key pair for one service, e.g. for a rotation. Written
 * as `<DIR>/<key id>.key` (PKCS#8 PEM, 0600) and `<DIR>/<key id>.pub` (SPKI PEM): the key id carries the key's
 * fingerprint, so a second key of the same service never collides with the first, and nothing is overwritten.
 */
export function keysGenerate(argv: string[], io: OpsCommandIo): number {
  const values = parseOptions(argv, { service: { type: 'string' }, province: { type: 'string' }, out: { type: 'string' } });
  const service = serviceOption(values.service);
  const province = provinceOption(values.province);
  const out = required(values.out, '--out', 'the directory to write the key pair into (created if absent)');
  const pair = generateSigningKeyPair();
  const keyId = serviceKeyId(service, province, pair.publicKey);
  const keyFile = path.join(out, `${keyId}.key`);
  const pubFile = path.join(out, `${keyId}.pub`);
  try {
    fs.mkdirSync(out, { recursive: true, mode: 0o700 });
    fs.writeFileSync(keyFile, privateKeyPem(pair.privateKey), { flag: 'wx', mode: 0o600 });
    fs.chmodSync(keyFile, 0o600);
    fs.writeFileSync(pubFile, publicKeyPem(pair.publicKey), { flag: 'wx', mode: 0o644 });
  } catch (err) {
    throw new CommandFailure(`cannot write the key pair into ${out}: ${(err as Error).message}`);
  }
  io.out(
    [`key id       ${keyId}`, `private key  ${keyFile} (0600: give it to ${service} ${province} only)`, `public key   ${pubFile} (for keys add)`, ''].join(
      '\n',
    ),
  );
  return 0;
}
