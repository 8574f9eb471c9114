import { Module } from '@nestjs/common';
import { PageAssetsController } from '@idcard/pages';
import { RegistryOfficePagesController } from './pages.controller';

/** Pages for the people at this registry: the reviewer's queue (/review). */
@Module({ controllers: [RegistryOfficePagesController, PageAssetsController] })
export class RegistryOfficePagesModule {}
