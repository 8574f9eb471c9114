import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readKafkaConnection } from './kafka-connection';
import { SettingsError, SettingsReader } from './settings-reader';

function connectionFrom(env: Record<string, string>) {
  const read = new SettingsReader(env);
  const connection = readKafkaConnection(read);
  read.check('client');
  return connection;
}

describe('readKafkaConnection', () => {
  it('is plaintext without authentication when nothing is set', () => {
    expect(connectionFrom({})).toEqual({ ssl: false, sasl: undefined });
  });

  it('reads SCRAM credentials and a CA file, which turns TLS on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-ca-'));
    const ca = path.join(dir, 'ca.pem');
    fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const c = connectionFrom({
      KAFKA_SSL_CA: ca,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'registry-office-44',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(c.ssl).toEqual({ ca: [fs.readFileSync(ca, 'utf8')], rejectUnauthorized: true });
    expect(c.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'registry-office-44', password: 's3cret' });
  });

  it('names every problem at once: an unknown mechanism, a missing file, a certificate without its key', () => {
    const read = new SettingsReader({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SSL_CA: '/nonexistent/ca.pem', KAFKA_SSL_CERT: '/nonexistent/cert.pem' });
    readKafkaConnection(read);
    let error: SettingsError | undefined;
    try {
      read.check('ops');
    } catch (err) {
      error = err as SettingsError;
    }
    expect(error?.problems.join('\n')).toMatch(/KAFKA_SSL_CA[\s\S]*KAFKA_SSL_CERT[\s\S]*KAFKA_SASL_MECHANISM/);
  });

  it('refuses credentials without a mechanism, and a mechanism without credentials', () => {
    expect(() => connectionFrom({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toThrow(/need KAFKA_SASL_MECHANISM/);
    expect(() => connectionFrom({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/needs KAFKA_SASL_USERNAME/);
  });
});
