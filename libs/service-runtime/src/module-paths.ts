import * as path from 'path';
import { register } from 'tsconfig-paths';

/**
 * Lets a compiled entry point (`node dist/apps/registry-office/src/main.js`, `…/seed.js`) find the @idcard/* libs
 * without `-r tsconfig-paths/register`; does nothing when something already resolves them. Entry points import
 * it by relative path, first, before anything from @idcard.
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
  // dist/libs/service-runtime/src → dist, where the libs are compiled to libs/<name>/src.
  register({ baseUrl: path.resolve(__dirname, '../../..'), paths: { '@idcard/*': ['libs/*/src'] } });
}
