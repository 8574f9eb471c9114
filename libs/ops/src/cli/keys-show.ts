import { isValidAt } from '@idcard/trust';
import { formatTable, OpsCommandIo, parseOptions, required } from './command-io';
import { readPublicKeyFile, readVerifiedList } from './key-ceremony-files';

/**
 * `keys show --list FILE --root-public-key FILE [--json]`: verifies the list against the root and prints it: version,
 * issue time, next update by (and whether it is stale now), and its keys with their validity now.
 */
export function keysShow(argv: string[], io: OpsCommandIo): number {
  const values = parseOptions(argv, { list: { type: 'string' }, 'root-public-key': { type: 'string' }, json: { type: 'boolean', default: false } });
  const listFile = required(values.list, '--list', 'the signed trust list file to show');
  const rootFile = required(values['root-public-key'], '--root-public-key', "the national root's public key file (root.pub) the list must verify against");
  const root = readPublicKeyFile(rootFile, '--root-public-key');
  const { list } = readVerifiedList(listFile, root);
  const now = io.now?.() ?? new Date();
  const stale = list.isStale(now);
  const keys = list.keys
    .map((k) => ({
      keyId: k.keyId,
      province: k.province,
      service: k.service,
      validFrom: k.validFrom.toISOString(),
      validUntil: k.validUntil.toISOString(),
      validNow: isValidAt(k, now),
    }))
    .sort((a, b) => a.province.localeCompare(b.province) || a.service.localeCompare(b.service) || a.validFrom.localeCompare(b.validFrom));
  if (values.json) {
    const doc = {
      file: listFile,
      verified: true,
      rootKeyId: list.rootKeyId,
      version: list.version,
      issuedAt: list.issuedAt.toISOString(),
      nextUpdateBy: list.nextUpdateBy.toISOString(),
      stale,
      now: now.toISOString(),
      keys,
    };
    io.out(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  }
  const staleText = stale
    ? `STALE since then: receivers refuse every message until a newer list is loaded`
    : `not stale (${Math.floor((list.nextUpdateBy.getTime() - now.getTime()) / 3600_000)} h left)`;
  io.out(
    [
      `${listFile}: verified with root key ${list.rootKeyId}`,
      `version         ${list.version}`,
      `issued          ${list.issuedAt.toISOString()}`,
      `next update by  ${list.nextUpdateBy.toISOString()} — ${staleText}`,
      `keys            ${keys.length} (${keys.filter((k) => k.validNow).length} valid now, at ${now.toISOString()})`,
      '',
      '',
    ].join('\n') +
      formatTable(
        ['KEY-ID', 'PROVINCE', 'SERVICE', 'VALID-FROM', 'VALID-UNTIL', 'VALID-NOW'],
        keys.map((k) => [k.keyId, k.province, k.service, k.validFrom, k.validUntil, k.validNow ? 'yes' : 'no']),
      ),
  );
  return 0;
}
