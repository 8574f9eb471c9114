import { Module } from '@nestjs/common';
import { HandOverCardController } from './hand-over-card.controller';
import { HandOverCardService } from './hand-over-card.service';

@Module({ controllers: [HandOverCardController], providers: [HandOverCardService] })
export class HandOverCardModule {}
