import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where `tsc -p tsconfig.pages.json` (part of `npm run build`) puts the pages' compiled browser modules:
 * `<project>/dist/public`, the same whether the server runs from dist (npm start, the image) or from source (jest).
 */
export function publicDir(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}: cannot find the pages' compiled modules`);
    dir = parent;
  }
  return path.join(dir, 'dist', 'public');
}
