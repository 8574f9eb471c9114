import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@idcard/service-runtime';
import { ExpirySweep } from './expiry-sweep';

@ApiTags('operations')
@Controller('cards')
export class ExpireCardsController {
  constructor(private readonly sweep: ExpirySweep) {}

  @Post('expiry-sweep')
  @Allow('ops')
  @HttpCode(200)
  @ApiOperation({ summary: 'Invalidate cards past their last valid day now and broadcast it (it also runs on a timer; ops)' })
  @ApiOkResponse({ description: '{ expired }: how many cards were invalidated' })
  run(): Promise<{ expired: number }> {
    return this.sweep.sweep();
  }
}
