import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate, maskCitizenId, ProvinceCode } from '@idcard/contracts';
import { DataSource } from 'typeorm';
import { HOME_PROVINCE } from '../home-province';
import { CitizenCardsAnswer } from './dto/citizen-cards.dto';
import { Card } from './entities/card.entity';
import { Citizen } from './entities/citizen.entity';
import { seedRegister, SeedResult } from './seed-register';

@Injectable()
export class RegisterService {
  private readonly logger = new Logger(RegisterService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HOME_PROVINCE) private readonly province: ProvinceCode,
  ) {}

  async seed(count: number, seed: number): Promise<SeedResult> {
    const result = await this.dataSource.transaction((em) => seedRegister(em, this.province, count, seed, cstDate(this.clock.now())));
    this.logger.log({ event: 'register.seeded', count, seed, ...result });
    return result;
  }

  async cardsOf(idNumber: string): Promise<CitizenCardsAnswer> {
    const known = await this.dataSource.getRepository(Citizen).exists({ where: { idNumber } });
    if (!known) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `citizen ${maskCitizenId(idNumber)} is not in the population register of province ${this.province}`,
        errors: [{ field: 'idNumber', reason: `not in the population register of province ${this.province}` }],
      });
    }
    const cards = await this.dataSource.getRepository(Card).find({ where: { idNumber }, order: { issueDate: 'DESC', cardSerial: 'ASC' } });
    return {
      idNumber,
      cards: cards.map((c) => ({
        cardSerial: c.cardSerial,
        status: c.status,
        issueDate: c.issueDate,
        expiresOn: c.expiresOn,
        invalidatedAt: c.invalidatedAt?.toISOString() ?? null,
        invalidationReason: c.invalidationReason,
        producedForReceipt: c.producedForReceipt,
      })),
    };
  }
}
