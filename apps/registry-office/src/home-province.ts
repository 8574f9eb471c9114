import { DynamicModule, Global, Module } from '@nestjs/common';

/** The province whose register this deployment holds (户籍地): `@Inject(HOME_PROVINCE) province: string`. */
export const HOME_PROVINCE = Symbol('HomeProvince');

@Global()
@Module({})
export class HomeProvinceModule {
  static forRoot(province: string): DynamicModule {
    return { module: HomeProvinceModule, providers: [{ provide: HOME_PROVINCE, useValue: province }], exports: [HOME_PROVINCE] };
  }
}
