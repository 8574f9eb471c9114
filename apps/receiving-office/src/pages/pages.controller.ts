import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@idcard/service-runtime';
import { counterPage } from './counter.page';
import { trackPage } from './track.page';

/**
 * The receiving office's pages. Public like any HTML: the citizen's look-up is rate-limited on its own route,
 * and every staff call behind /counter carries the clerk's token to the guarded API.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller()
export class ReceivingOfficePagesController {
  private readonly track = trackPage();
  private readonly counter = counterPage();

  @Get('track')
  @Header('Content-Type', 'text/html; charset=utf-8')
  trackPage(): string {
    return this.track;
  }

  @Get('counter')
  @Header('Content-Type', 'text/html; charset=utf-8')
  counterPage(): string {
    return this.counter;
  }
}
