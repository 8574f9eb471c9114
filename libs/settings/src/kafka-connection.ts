import * as fs from 'node:fs';
import type { SASLOptions } from 'kafkajs';
import { SettingsReader } from './settings-reader';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/**
 * How a Kafka client reaches a real deployment's cluster: TLS (with the cluster's CA, and a client certificate
 * where the cluster asks for one) and SASL. Every client of the system — services, the ops CLI, the lag monitor —
 * reads it the same way; nothing set means plaintext without authentication, as the development broker serves.
 */
export interface KafkaConnection {
  /** kafkajs's `ssl` option: false, or the TLS settings. */
  ssl: false | { ca?: string[]; cert?: string; key?: string; rejectUnauthorized: boolean };
  sasl: SASLOptions | undefined;
}

function readFile(read: SettingsReader, name: string): string | undefined {
  const file = read.text(name);
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    read.problem(`${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return undefined;
  }
}

/**
 * KAFKA_SSL (true/false; on by itself when a CA or client certificate is given), KAFKA_SSL_CA, KAFKA_SSL_CERT,
 * KAFKA_SSL_KEY (PEM files), KAFKA_SSL_REJECT_UNAUTHORIZED (default true), KAFKA_SASL_MECHANISM (plain,
 * scram-sha-256, scram-sha-512), KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE).
 */
export function readKafkaConnection(read: SettingsReader): KafkaConnection {
  const ca = readFile(read, 'KAFKA_SSL_CA');
  const cert = readFile(read, 'KAFKA_SSL_CERT');
  const key = readFile(read, 'KAFKA_SSL_KEY');
  if ((cert === undefined) !== (key === undefined)) read.problem('KAFKA_SSL_CERT and KAFKA_SSL_KEY go together: a client certificate needs its key');
  const sslFlag = read.oneOf('KAFKA_SSL', ['true', 'false'] as const, ca || cert ? 'true' : 'false');
  const rejectUnauthorized = read.oneOf('KAFKA_SSL_REJECT_UNAUTHORIZED', ['true', 'false'] as const, 'true') === 'true';
  const ssl: KafkaConnection['ssl'] =
    sslFlag === 'true' ? { ...(ca ? { ca: [ca] } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}), rejectUnauthorized } : false;

  const mechanism = read.text('KAFKA_SASL_MECHANISM')?.toLowerCase();
  const username = read.text('KAFKA_SASL_USERNAME');
  const password = read.text('KAFKA_SASL_PASSWORD') ?? readFile(read, 'KAFKA_SASL_PASSWORD_FILE')?.trim();
  if (mechanism === undefined) {
    if (username !== undefined || password !== undefined) read.problem('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD need KAFKA_SASL_MECHANISM');
    return { ssl, sasl: undefined };
  }
  if (!(KAFKA_SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
    read.problem(`KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}, got ${JSON.stringify(mechanism)}`);
    return { ssl, sasl: undefined };
  }
  if (!username || !password) {
    read.problem(`KAFKA_SASL_MECHANISM=${mechanism} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)`);
    return { ssl, sasl: undefined };
  }
  return { ssl, sasl: { mechanism: mechanism as KafkaSaslMechanism, username, password } as SASLOptions };
}

/** Plaintext, no authentication: the development broker, and tests. */
export const PLAINTEXT_KAFKA: KafkaConnection = { ssl: false, sasl: undefined };
