import { DevBroker, startDevBroker } from '@idcard/devbroker';
import { runOpsCommand } from '@idcard/ops';

async function ops(argv: string[], env: Record<string, string | undefined>) {
  let out = '';
  let err = '';
  const code = await runOpsCommand(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env });
  return { code, out, err };
}

/** `npm run ops -- lag` authenticates with the SASL settings every client reads (KAFKA_SASL_*). */
describe('npm run ops -- lag against a broker that requires SASL', () => {
  let broker: DevBroker;
  beforeAll(async () => void (broker = await startDevBroker({ port: 0, sasl: { users: { 'ops-44': 'right-password' } } })));
  afterAll(async () => broker?.stop());

  const lag = ['lag', '--window-seconds', '0.2', '--samples', '2'];

  it('reads the groups with SCRAM-SHA-256 or PLAIN credentials', async () => {
    for (const mechanism of ['scram-sha-256', 'PLAIN']) {
      const r = await ops(lag, {
        KAFKA_BROKERS: broker.brokers.join(','),
        KAFKA_SASL_MECHANISM: mechanism,
        KAFKA_SASL_USERNAME: 'ops-44',
        KAFKA_SASL_PASSWORD: 'right-password',
      });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
  });

  it('fails with exit 1 on a wrong password or none, and exit 2 on a bad setting', async () => {
    const wrong = await ops(lag, {
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'ops-44',
      KAFKA_SASL_PASSWORD: 'wrong',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('cannot read consumer groups');
    expect((await ops(lag, { KAFKA_BROKERS: broker.brokers.join(',') })).code).toBe(1);

    const bad = await ops(lag, { KAFKA_BROKERS: broker.brokers.join(','), KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SSL_CA: '/nonexistent/ca.pem' });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /^ops lag cannot start: KAFKA_SSL_CA: cannot read \/nonexistent\/ca.pem \(ENOENT\); .*KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512/,
    );
  });
});
