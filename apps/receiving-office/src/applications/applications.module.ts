import { Global, Module } from '@nestjs/common';
import { ApplicationLedger } from './application-ledger';

/** The application record every capability reads and moves on. */
@Global()
@Module({ providers: [ApplicationLedger], exports: [ApplicationLedger] })
export class ApplicationsModule {}
