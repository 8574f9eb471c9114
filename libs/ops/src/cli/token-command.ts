import * as path from 'node:path';
import { DevIssuer, Role, ROLES } from '@idcard/access';
import { OpsCommandIo, parseOptions, required, UsageError, withExitCode } from './command-io';

export const TOKEN_HELP = `Usage: npm run ops -- token --role ROLE [--province P] [--office CODE] --name NAME [--ttl 8h] [--data-dir DIR]

Prints a bearer token from the development identity provider that npm start runs (its key is in
<data dir>/auth/, DATA_DIR or .data by default), for calling a service's API from the shell:

  TOKEN=$(npm run --silent ops -- token --role clerk --province 65 --office 65010201 --name "王芳")
  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3652/applications/R65-…

Roles: ${ROLES.join(', ')}. A clerk names the receiving office (8 digits, in the province); every role but a
national ops or verifier names its province. --ttl: 30m, 8h, 2d (default 8h). A real deployment's tokens come
from the province's identity provider (AUTH_JWKS_URL), never from this command.
`;

function ttlSeconds(text: string): number {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (!m) throw new UsageError(`--ttl must be a number and s, m, h or d (30m, 8h), not ${JSON.stringify(text)}`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

/** `npm run ops -- token …`: a development token for a role; resolves the exit code. */
export function runTokenCommand(argv: string[], io: OpsCommandIo): Promise<number> {
  return withExitCode(io, TOKEN_HELP, async () => {
    const values = parseOptions(argv, {
      role: { type: 'string' },
      province: { type: 'string' },
      office: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.out(TOKEN_HELP);
      return 0;
    }
    const role = required(values.role, '--role', ROLES.join(', '));
    if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not ${JSON.stringify(role)}`);
    const name = required(values.name, '--name', "the person's name as the token carries it");
    const office = values.office;
    const province = values.province ?? office?.slice(0, 2);
    if (role === 'clerk' && !(office && /^\d{8}$/.test(office))) throw new UsageError('a clerk token needs --office, the 8-digit receiving office code');
    if (province !== undefined && !/^\d{2}$/.test(province))
      throw new UsageError(`--province must be a two-digit province code, not ${JSON.stringify(province)}`);
    if (office && province && !office.startsWith(province)) throw new UsageError(`office ${office} is not in province ${province}`);
    if (province === undefined && role !== 'ops' && role !== 'verifier') throw new UsageError(`a ${role} token needs --province`);
    const dataDir = values['data-dir'] ?? io.env.DATA_DIR ?? '.data';
    const issuer = DevIssuer.open(path.join(path.resolve(dataDir), 'auth'), io.now);
    io.out(`${await issuer.issue({ role: role as Role, province, office, name, ttlSeconds: ttlSeconds(values.ttl!) })}\n`);
    return 0;
  });
}
