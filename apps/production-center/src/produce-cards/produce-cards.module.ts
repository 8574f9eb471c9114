import { Module } from '@nestjs/common';
import { ShipCardsModule } from '../ship-cards/ship-cards.module';
import { ProductionController } from './production.controller';
import { ProductionLine } from './production-line';
import { ProductionSchedule } from './production-schedule';

@Module({
  imports: [ShipCardsModule],
  controllers: [ProductionController],
  providers: [ProductionLine, ProductionSchedule],
  exports: [ProductionLine],
})
export class ProduceCardsModule {}
