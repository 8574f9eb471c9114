import { execFileSync } from 'child_process';
import * as path from 'path';

/** docker-compose.yml must stay a valid deployment: what `docker compose config` accepts. */
describe('docker-compose.yml', () => {
  const root = path.resolve(__dirname, '../..');

  /** Compose v2 (`docker compose`) where the plugin exists, else Debian's docker-compose; CI installs the latter. */
  function composeConfig(args: string[]): string {
    const attempts: [string, string[]][] = [
      ['docker', ['compose', 'config', ...args]],
      ['docker-compose', ['config', ...args]],
    ];
    const failures: string[] = [];
    for (const [cmd, argv] of attempts) {
      try {
        return execFileSync(cmd, argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (err) {
        const e = err as { code?: string; stderr?: string };
        if (e.code === 'ENOENT' || /unknown command|unknown flag|is not a docker command/.test(e.stderr ?? '')) {
          failures.push(`${cmd}: not available`);
          continue;
        }
        throw new Error(`${cmd} ${argv.join(' ')} refused the file:\n${e.stderr}`, { cause: err });
      }
    }
    throw new Error(`no compose tool to check the file with (${failures.join('; ')}): apt-get install docker-compose`);
  }

  it('is valid and runs Kafka, PostgreSQL and the three services of two provinces', () => {
    const services = composeConfig(['--services']).trim().split('\n').sort();
    expect(services).toEqual(
      [
        'kafka',
        'postgres',
        'production-center-44',
        'production-center-65',
        'receiving-office-44',
        'receiving-office-65',
        'registry-office-44',
        'registry-office-65',
      ].sort(),
    );
    const resolved = composeConfig([]);
    expect(resolved).toMatch(/KAFKA_PROCESS_ROLES: broker,controller/); // KRaft, no ZooKeeper
    expect(resolved).toMatch(/KAFKA_BROKERS: kafka:9092/);
    expect(resolved).toMatch(/PROVINCE_CODE: '65'|PROVINCE_CODE: "65"/);
  });
});
