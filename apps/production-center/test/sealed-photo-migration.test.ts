import { BiometricsKeyring, useBiometricsKeyring } from '@idcard/biometrics';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { photoFields } from '@idcard/synthetic';
import { DataSource } from 'typeorm';
import { CreateProduction1764100000000 } from '../src/migrations/1764100000000-create-production';
import { DeadlineEscalations1764300000000 } from '../src/migrations/1764300000000-deadline-escalations';
import { OperatorsAndSealedPhotos1796300000000 } from '../src/migrations/1796300000000-operators-and-sealed-photos';
import { OrderTraceContext1797216000001 } from '../src/migrations/1797216000001-order-trace-context';
import { ProductionOrder } from '../src/orders/entities/production-order.entity';
import { Shipment } from '../src/shipments/entities/shipment.entity';
import { ShipmentCard } from '../src/shipments/entities/shipment-card.entity';

/** An order queued before issue 11 (photo_jpeg bytea) keeps its photo, as plain base64 read as it is, after the upgrade. */
describe('production centre: the sealed-photo migration', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await databaseForTests({ prefix: 'production_center_migration' });
    useBiometricsKeyring(BiometricsKeyring.generate('migration-test'));
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.dispose();
  });

  const source = (migrations: (new () => object)[]) =>
    new DataSource({ type: 'postgres', url: database.url, entities: [ProductionOrder, Shipment, ShipmentCard], migrations, logging: false });

  it('turns the bytea photo into base64 text the entity still reads', async () => {
    const before = await source([CreateProduction1764100000000, DeadlineEscalations1764300000000]).initialize();
    await before.runMigrations();
    const photo = photoFields();
    await before.query(
      `INSERT INTO production_order (receipt_number, state, kind, id_number, name, sex, birth_date, ethnic_group, photo_jpeg, photo_sha256,
         expedited, due_at, ordered_at, received_at, home_province, receiving_province, receiving_office_code)
       VALUES ('R46-OLD-0001', 'queued', 'renewal', '460100199001010011', '旧单', 'male', '1990-01-01', '01', $1, $2,
         false, now(), now(), now(), '46', '46', '46010101')`,
      [Buffer.from(photo.jpegBase64, 'base64'), photo.sha256],
    );
    await before.destroy();

    // With the migrations after it too: the entity reads the columns they add (the order's trace context).
    dataSource = await source([
      CreateProduction1764100000000,
      DeadlineEscalations1764300000000,
      OperatorsAndSealedPhotos1796300000000,
      OrderTraceContext1797216000001,
    ]).initialize();
    await dataSource.runMigrations();
    const order = await dataSource
      .getRepository(ProductionOrder)
      .createQueryBuilder('o')
      .addSelect('o.photoJpegBase64')
      .where('o.receiptNumber = :r', { r: 'R46-OLD-0001' })
      .getOneOrFail();
    expect(order.photoJpegBase64).toBe(photo.jpegBase64);
    expect(order).toMatchObject({ state: 'queued', producedBySubject: null, producedByName: null });

    // And back (past the trace context's migration first): plain base64 returns to the bytes it was.
    await dataSource.undoLastMigration();
    await dataSource.undoLastMigration();
    const [{ photo_jpeg }] = await dataSource.query(`SELECT photo_jpeg FROM production_order WHERE receipt_number = 'R46-OLD-0001'`);
    expect(Buffer.compare(photo_jpeg, Buffer.from(photo.jpegBase64, 'base64'))).toBe(0);
  });
});
