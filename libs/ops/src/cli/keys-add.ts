import { DEFAULT_KEY_VALIDITY_MS, serviceKeyId } from '@idcard/trust';
import { CommandFailure, futureInstantOption, instantOption, OpsCommandIo, parseOptions, required, UsageError } from './command-io';
import { issueNextList, listSummary, provinceOption, readListForChange, readPublicKeyFile, serviceOption } from './key-ceremony-files';

/**
 * `keys add --list FILE --root-key FILE --public-key FILE --service S --province P [--valid-from ISO]
 * [--valid-until ISO] [--next-update-by ISO]`: the next version of the list with a service's key added (before the
 * service signs with it: receivers must hold the list that has it first).
 */
export function keysAdd(argv: string[], io: OpsCommandIo): number {
  const values = parseOptions(argv, {
    list: { type: 'string' },
    'root-key': { type: 'string' },
    'public-key': { type: 'string' },
    service: { type: 'string' },
    province: { type: 'string' },
    'valid-from': { type: 'string' },
    'valid-until': { type: 'string' },
    'next-update-by': { type: 'string' },
  });
  const listFile = required(values.list, '--list', 'the signed trust list file to replace with its next version');
  const rootKeyFile = required(values['root-key'], '--root-key', "the national root's private key file that signs the list");
  const publicKeyFile = required(values['public-key'], '--public-key', 'the public key (.pub) file of the key to add');
  const service = serviceOption(values.service);
  const province = provinceOption(values.province);
  const now = io.now?.() ?? new Date();
  const validFrom = instantOption(values['valid-from'], '--valid-from') ?? now;
  const validUntil = instantOption(values['valid-until'], '--valid-until') ?? new Date(validFrom.getTime() + DEFAULT_KEY_VALIDITY_MS);
  if (validUntil.getTime() <= validFrom.getTime())
    throw new UsageError(`--valid-until ${validUntil.toISOString()} must be after --valid-from ${validFrom.toISOString()}`);
  const nextUpdateBy = futureInstantOption(values['next-update-by'], '--next-update-by', now);
  const publicKey = readPublicKeyFile(publicKeyFile, '--public-key');
  const { text, current, rootPrivateKey } = readListForChange(listFile, rootKeyFile);
  const keyId = serviceKeyId(service, province, publicKey);
  if (current.entry(keyId)) throw new CommandFailure(`key ${keyId} is already in ${listFile} (version ${current.version}): nothing written`);
  const next = issueNextList({
    file: listFile,
    text,
    current,
    rootPrivateKey,
    now,
    nextUpdateBy,
    add: [{ keyId, service, province, publicKey, validFrom, validUntil }],
  });
  io.out(
    [
      `added ${keyId} (${service} ${province}, valid ${validFrom.toISOString()} to ${validUntil.toISOString()})`,
      `${listFile}: ${listSummary(next)}`,
      `${service} ${province} now has ${next.keysOf(service, province).length} key(s) in the list; distribute the list before the service signs with the new key`,
      '',
    ].join('\n'),
  );
  return 0;
}
