import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@idcard/service-runtime';
import { reviewPage } from './review.page';

/** The registry's page: public like any HTML; the queue behind it is read and decided with a reviewer's token. */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller()
export class RegistryOfficePagesController {
  private readonly review = reviewPage();

  @Get('review')
  @Header('Content-Type', 'text/html; charset=utf-8')
  reviewPage(): string {
    return this.review;
  }
}
