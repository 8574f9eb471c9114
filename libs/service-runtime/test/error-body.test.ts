import { Body, Controller, DynamicModule, Get, Module, Param, Post } from '@nestjs/common';
import { IsInt, IsString, Min } from 'class-validator';
import { DomainError } from '@idcard/errors';
import { Public, ServiceConfig, serviceInfrastructure, startService } from '@idcard/service-runtime';
import { ServiceUnderTest } from '@idcard/testing';

class UnknownParcel extends DomainError {
  constructor(id: string) {
    super({ code: 'UNKNOWN_PARCEL', kind: 'not-found', message: `no parcel ${id}`, field: 'parcelId' });
  }
}

class ParcelDto {
  @IsString()
  label: string;

  @IsInt()
  @Min(1)
  weight: number;
}

// Open routes: this suite is about error bodies; access has tests of its own.
@Controller('parcels')
@Public()
class ParcelsController {
  @Get(':id')
  find(@Param('id') id: string): never {
    throw new UnknownParcel(id);
  }

  @Post()
  create(@Body() parcel: ParcelDto): ParcelDto {
    return parcel;
  }

  @Get('broken/now')
  broken(): never {
    throw new Error('a bug with 440106198001011234 in it');
  }
}

@Module({})
class ParcelModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return { module: ParcelModule, imports: [serviceInfrastructure(config, { entities: [], migrations: [], topics: [] })], controllers: [ParcelsController] };
  }
}

/** The one error body, as any service answers it over a real socket: domain errors, validation, and what Nest and Express refuse. */
describe('the error body of every service', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await ServiceUnderTest.start({
      service: 'production-center',
      province: '44',
      start: (config) => startService(ParcelModule.forRoot(config), config, 'Parcels'),
    });
  });
  afterAll(() => service?.stop());

  const shape = (body: Record<string, unknown>) => ({
    statusCode: body.statusCode,
    error: body.error,
    code: body.code,
    fields: (body.errors as { field: string }[]).map((e) => e.field),
  });

  it('a named domain error: its status, its code and its field', async () => {
    const res = await service.http('GET', '/parcels/P-1');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'no parcel P-1',
      code: 'UNKNOWN_PARCEL',
      errors: [{ field: 'parcelId', reason: 'no parcel P-1' }],
    });
  });

  it('invalid fields: every one at once', async () => {
    const res = await service.http('POST', '/parcels', { weight: 0, extra: true });
    expect(res.status).toBe(400);
    expect(shape(res.body)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'INVALID_FIELDS',
      fields: expect.arrayContaining(['label', 'weight', 'extra']),
    });
  });

  it('malformed JSON', async () => {
    const res = await service.http('POST', '/parcels', '{"label": ');
    expect(res.status).toBe(400);
    expect(shape(res.body)).toEqual({ statusCode: 400, error: 'Bad Request', code: 'MALFORMED_BODY', fields: ['body'] });
  });

  it('an unknown route', async () => {
    const res = await service.http('DELETE', '/nowhere');
    expect(res.status).toBe(404);
    expect(shape(res.body)).toEqual({ statusCode: 404, error: 'Not Found', code: 'UNKNOWN_ROUTE', fields: ['path'] });
  });

  it('an oversized body', async () => {
    const res = await service.http('POST', '/parcels', { label: 'x'.repeat(3 * 1024 * 1024), weight: 1 });
    expect(res.status).toBe(413);
    expect(shape(res.body)).toEqual({ statusCode: 413, error: 'Payload Too Large', code: 'BODY_TOO_LARGE', fields: ['body'] });
  });

  it('a bug: 500 that gives nothing away', async () => {
    const res = await service.http('GET', '/parcels/broken/now');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'the service failed to answer; the error is logged',
      code: 'INTERNAL_ERROR',
      errors: [],
    });
  });
});
