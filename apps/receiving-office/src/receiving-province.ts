import { DynamicModule, Global, Module } from '@nestjs/common';

/** The province this receiving office serves (受理地): `@Inject(RECEIVING_PROVINCE) province: ProvinceCode`. */
export const RECEIVING_PROVINCE = Symbol('ReceivingProvince');

@Global()
@Module({})
export class ReceivingProvinceModule {
  static forRoot(province: string): DynamicModule {
    return { module: ReceivingProvinceModule, providers: [{ provide: RECEIVING_PROVINCE, useValue: province }], exports: [RECEIVING_PROVINCE] };
  }
}
