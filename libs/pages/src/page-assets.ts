import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { DomainError } from '@idcard/errors';
import { Public } from '@idcard/service-runtime';
import { PAGES_CSS } from './pages-css';
import { publicDir } from './public-dir';

export const PAGE_ASSETS_PATH = '/pages/assets';

class UnknownAsset extends DomainError {
  constructor(asset: string) {
    super({ code: 'UNKNOWN_ASSET', kind: 'not-found', message: `no page asset ${asset}`, field: 'path' });
  }
}

/** What a page may load: compiled modules of the pages and of the contracts they share with the server. */
const SERVED = /^(libs\/pages\/(client|src)|apps\/[a-z-]+\/src\/pages|libs\/contracts\/src)\/[\w./-]+$/;

interface Reply {
  type(mime: string): Reply;
  setHeader(name: string, value: string): void;
  send(body: string | Buffer): void;
}

/**
 * The static files behind every page: one stylesheet and the ES modules tsc compiled from the pages' TypeScript.
 * The modules import each other without extensions (`../calendar-date`), as TypeScript writes them, so a path
 * without one is served as its .js. Public, like any stylesheet or script; the data behind a page is guarded.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller(PAGE_ASSETS_PATH.slice(1))
export class PageAssetsController {
  private readonly root = publicDir();

  @Get('pages.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  stylesheet(): string {
    return PAGES_CSS;
  }

  @Get('*module')
  module(@Param('module') parts: string[] | string, @Res() reply: Reply): void {
    const relative = (Array.isArray(parts) ? parts.join('/') : parts).replace(/\.js$/, '');
    if (!SERVED.test(relative) || relative.split('/').includes('..')) throw new UnknownAsset(relative);
    const file = path.join(this.root, `${relative}.js`);
    if (!fs.existsSync(file)) throw new UnknownAsset(relative);
    reply.type('text/javascript; charset=utf-8');
    reply.setHeader('Cache-Control', 'no-cache');
    reply.send(fs.readFileSync(file));
  }
}
