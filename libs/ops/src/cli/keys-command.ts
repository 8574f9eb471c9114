import { OpsCommandIo, UsageError, withExitCode } from './command-io';
import { keysAdd } from './keys-add';
import { keysGenerate } from './keys-generate';
import { keysInit } from './keys-init';
import { keysRemove } from './keys-remove';
import { keysShow } from './keys-show';

export const KEYS_HELP = `Usage: npm run ops -- keys <init|generate|add|remove|show> [options]

A key ceremony: the national root key signs the trust list of every service key (libs/trust).

keys init --dir DIR [--provinces 11,44,…|all]
    First run of a development or test key directory: root.key (0600), root.pub, services/<service>-<province>.key
    and .pub for every service of the provinces (default all), and trust-list.json (version 1) signed by the root.
    Never overwrites: a directory that already has what was asked for is left alone; anything else is refused.
keys generate --service S --province P --out DIR
    A new key pair for one service (e.g. a rotation): DIR/<key id>.key (0600) and DIR/<key id>.pub; prints the key id.
keys add --list FILE --root-key FILE --public-key FILE --service S --province P
         [--valid-from ISO] [--valid-until ISO] [--next-update-by ISO]
    Replaces the list with its next version (version + 1, issued now) with the key added, signed by the root key.
    Defaults: valid from now, for 2 years; next update by now + the current list's period (issue to next update).
keys remove --list FILE --root-key FILE --key-id ID [--next-update-by ISO]
    Replaces the list with its next version without that key (the end of a rotation, or a revocation).
keys show --list FILE --root-public-key FILE [--json]
    Verifies the list against the root public key and prints its version, issue time, next update by (stale or
    not), and every key with its province, service, validity and whether it is valid now.

Services are receiving-office, registry-office, production-center; provinces two-digit codes (11 … 65); times ISO 8601
with an offset (2026-11-22T08:00:00Z). A list file is replaced atomically (temporary file, rename).
Exit codes: 0 done, 1 the list does not verify or cannot be changed (the message says why), 2 a bad argument.
`;

const SUBCOMMANDS: Record<string, (argv: string[], io: OpsCommandIo) => number> = {
  init: keysInit,
  generate: keysGenerate,
  add: keysAdd,
  remove: keysRemove,
  show: keysShow,
};

/** `npm run ops -- keys <subcommand> …`; resolves the exit code. */
export function runKeysCommand(argv: string[], io: OpsCommandIo): Promise<number> {
  return withExitCode(io, KEYS_HELP, () => {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      (sub === undefined ? io.err : io.out)(KEYS_HELP);
      return sub === undefined ? 2 : 0;
    }
    const run = SUBCOMMANDS[sub];
    if (!run) throw new UsageError(`unknown keys subcommand ${JSON.stringify(sub)}: one of ${Object.keys(SUBCOMMANDS).join(', ')}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(KEYS_HELP);
      return 0;
    }
    return run(rest, io);
  });
}
