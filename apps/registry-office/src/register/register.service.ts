import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate, ProvinceCode } from '@idcard/contracts';
import type { ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { DataSource } from 'typeorm';
import { UnknownCitizen } from '../domain/errors';
import { CitizenCardsAnswer } from './dto/citizen-cards.dto';
import { CardAnnouncer } from './card-announcer';
import { PopulationRegister, SeedResult } from './population-register';

/** Operators' use of the register: seeding it (development) and a citizen's cards. */
@Injectable()
export class RegisterService {
  private readonly logger = new Logger(RegisterService.name);
  private readonly province: ProvinceCode;

  constructor(
    private readonly dataSource: DataSource,
    private readonly register: PopulationRegister,
    private readonly announcer: CardAnnouncer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.province = identity.province as ProvinceCode;
  }

  async seed(count: number, seed: number): Promise<SeedResult> {
    const result = await this.dataSource.transaction((em) => this.register.seed(em, this.province, count, seed, cstDate(this.clock.now())));
    this.logger.log({ event: 'register.seeded', count, seed, ...result });
    this.announcer.wake(); // the new cards go to every province's verification table
    return result;
  }

  async cardsOf(idNumber: string): Promise<CitizenCardsAnswer> {
    const em = this.dataSource.manager;
    if (!(await this.register.isRegistered(em, idNumber))) throw new UnknownCitizen(idNumber, this.province);
    const cards = await this.register.cardsOf(em, idNumber);
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
