import { PROVINCE_CODES, ProvinceCode, SERVICE_NAMES } from '@idcard/contracts';
import { allServices, ensureKeyFiles, KeyDirectoryProblem, keyFilePaths, TrustListError } from '@idcard/trust';
import { CommandFailure, OpsCommandIo, parseOptions, required, UsageError } from './command-io';
import { listSummary, provinceOption } from './key-ceremony-files';

/**
 * `keys init --dir DIR [--provinces 11,44,…|all]`: the first run of a development or test key directory (a root key,
 * a key per service of each province, the signed list), as `npm start` makes on its own. Never overwrites: a
 * complete directory is left as it is, anything else is refused.
 */
export function keysInit(argv: string[], io: OpsCommandIo): number {
  const values = parseOptions(argv, { dir: { type: 'string' }, provinces: { type: 'string', default: 'all' } });
  const dir = required(values.dir, '--dir', 'the key directory to create (absent or empty), or to check');
  const provinces = provincesOption(values.provinces);
  const services =
    provinces.length === PROVINCE_CODES.length ? allServices() : provinces.flatMap((province) => SERVICE_NAMES.map((service) => ({ service, province })));
  let result;
  try {
    result = ensureKeyFiles(dir, { services, now: io.now?.() ?? new Date() });
  } catch (err) {
    if (err instanceof KeyDirectoryProblem || err instanceof TrustListError) throw new CommandFailure(err.message);
    throw err;
  }
  const files = keyFilePaths(dir);
  const list = result.files.trustList;
  if (!result.created) {
    io.out(`${dir} is already a key directory with a key in the list for each of the ${services.length} services asked for: nothing written\n`);
    io.out(`trust list ${files.trustList}: ${listSummary(list)}\n`);
    return 0;
  }
  io.out(
    [
      `created the key directory ${dir} for ${provinces.length === PROVINCE_CODES.length ? 'every province' : `province${provinces.length === 1 ? '' : 's'} ${provinces.join(', ')}`}:`,
      `  root key        ${files.rootKey} (0600; offline in a real deployment: it signs every list)`,
      `  root public key ${files.rootPub} (what every service trusts; root key id ${result.files.rootKeyId})`,
      `  service keys    ${files.servicesDir}/<service>-<province>.key and .pub, ${services.length} pairs`,
      `  trust list      ${files.trustList}: ${listSummary(list)}`,
      '',
    ].join('\n'),
  );
  return 0;
}

function provincesOption(value: string): ProvinceCode[] {
  if (value.trim() === 'all') return [...PROVINCE_CODES];
  const items = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError('--provinces must list province codes (11,44,…) or be all');
  return [...new Set(items.map((p) => provinceOption(p, '--provinces')))].sort();
}
