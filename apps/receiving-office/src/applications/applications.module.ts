import { Module } from '@nestjs/common';
import { ApplicationLedger } from './application-ledger';

/** The application gateway every capability reads and changes applications through. */
@Module({ providers: [ApplicationLedger], exports: [ApplicationLedger] })
export class ApplicationsModule {}
