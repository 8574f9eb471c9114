import { futureInstantOption, OpsCommandIo, parseOptions, required, UsageError } from './command-io';
import { issueNextList, listSummary, readListForChange } from './key-ceremony-files';

/**
 * `keys remove --list FILE --root-key FILE --key-id ID [--next-update-by ISO]`: the next version of the list without
 * that key. A rotation's last step (the old key, once the service signs with the new one) or a revocation (a
 * compromised key, at once): receivers refuse what it signs as soon as they load the new list.
 */
export function keysRemove(argv: string[], io: OpsCommandIo): number {
  const values = parseOptions(argv, {
    list: { type: 'string' },
    'root-key': { type: 'string' },
    'key-id': { type: 'string' },
    'next-update-by': { type: 'string' },
  });
  const listFile = required(values.list, '--list', 'the signed trust list file to replace with its next version');
  const rootKeyFile = required(values['root-key'], '--root-key', "the national root's private key file that signs the list");
  const keyId = required(values['key-id'], '--key-id', 'the id of the key to remove (keys show lists them)');
  const now = io.now?.() ?? new Date();
  const nextUpdateBy = futureInstantOption(values['next-update-by'], '--next-update-by', now);
  const { text, current, rootPrivateKey } = readListForChange(listFile, rootKeyFile);
  const removed = current.entry(keyId);
  if (!removed) throw new UsageError(`--key-id: no key ${keyId} in ${listFile} (version ${current.version}); keys show lists the key ids`);
  const next = issueNextList({ file: listFile, text, current, rootPrivateKey, now, nextUpdateBy, remove: [keyId] });
  const left = next.keysOf(removed.service, removed.province).length;
  io.out(`removed ${keyId} (${removed.service} ${removed.province})\n${listFile}: ${listSummary(next)}\n`);
  if (left === 0)
    io.err(`warning: ${removed.service} ${removed.province} has no key left in the list: every message it signs will be refused until one is added\n`);
  return 0;
}
