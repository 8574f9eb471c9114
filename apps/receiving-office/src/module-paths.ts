import * as path from 'path';
import { register } from 'tsconfig-paths';

/**
 * Lets the compiled entry point (`node dist/apps/receiving-office/src/main.js`) find the @idcard/* libs without
 * `-r tsconfig-paths/register`; does nothing when something already resolves them.
 */
function resolvable(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

if (!resolvable('@idcard/contracts')) {
  // dist/apps/receiving-office/src → dist, where the libs are compiled to libs/<name>/src.
  register({ baseUrl: path.resolve(__dirname, '../../..'), paths: { '@idcard/*': ['libs/*/src'] } });
}
