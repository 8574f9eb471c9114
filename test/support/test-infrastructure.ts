import type { InfrastructureOptions } from '../../scripts/infrastructure';
import { infrastructureFromEnv } from '../../scripts/infrastructure';

export interface TestInfrastructure extends Pick<InfrastructureOptions, 'databaseUrl' | 'kafkaBrokers'> {
  source: 'testcontainers' | 'environment' | 'embedded';
  dispose(): Promise<void>;
}

const KAFKA_PORT = 9093;

/**
 * Where the system tests get PostgreSQL and Kafka: DATABASE_URL / KAFKA_BROKERS if set; with TESTCONTAINERS=1
 * and a Docker engine, Apache Kafka and PostgreSQL containers; otherwise (saying so) the embedded parts.
 */
export async function testInfrastructure(): Promise<TestInfrastructure> {
  const fromEnv = infrastructureFromEnv();
  if (process.env.TESTCONTAINERS === '1') {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const docker = await getContainerRuntimeClient().then(
      () => true,
      () => false,
    );
    if (docker) {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const [kafka, postgres] = await Promise.all([
        new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
        new PostgreSqlContainer('postgres:17').start(),
      ]);
      console.info('[system tests] testcontainers: Apache Kafka (KRaft) and PostgreSQL 17 in Docker');
      return {
        source: 'testcontainers',
        kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(KAFKA_PORT)}`],
        databaseUrl: postgres.getConnectionUri(),
        dispose: async () => {
          await Promise.all([kafka.stop(), postgres.stop()]);
        },
      };
    }
    console.info('[system tests] TESTCONTAINERS=1 but no Docker engine answers here: using the embedded PostgreSQL and the development broker');
  }
  const source = fromEnv.databaseUrl || fromEnv.kafkaBrokers ? 'environment' : 'embedded';
  return { source, ...fromEnv, dispose: async () => undefined };
}
