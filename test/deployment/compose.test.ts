import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
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

  it('is valid and runs Kafka, PostgreSQL, the three services of two provinces, Prometheus and Grafana', () => {
    const services = composeConfig(['--services']).trim().split('\n').sort();
    expect(services).toEqual(
      [
        'kafka',
        'kafka-setup', // init: CA, broker keystore, bootstrap SCRAM users, storage format
        'kafka-acls', // init: the services' SCRAM users, topics and ACLs (deploy/kafka/acls-44-65.sh)
        'keys', // init: signing keys and the trust list
        'postgres',
        'prometheus', // scrapes the services, evaluates deploy/prometheus/*.yml
        'grafana', // the per-province dashboards of deploy/grafana
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

  /** The resolved file's service blocks by name (both compose tools print two-space YAML under `services:`). */
  function serviceBlocks(resolved: string): Map<string, string> {
    const section = /^services:\n([\s\S]*?)(?=^\S|(?![\s\S]))/m.exec(resolved)![1];
    const blocks = new Map<string, string>();
    const parts = section.split(/^ {2}([\w.-]+):\n/m);
    for (let i = 1; i < parts.length; i += 2) blocks.set(parts[i], parts[i + 1]);
    return blocks;
  }

  const value = (name: string, v: string) => new RegExp(`^\\s+${name}: ["']?${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?$`, 'm');

  it('runs Kafka with SASL_SSL listeners only, KRaft authorisation and no access without an ACL', () => {
    const kafka = serviceBlocks(composeConfig([])).get('kafka')!;
    expect(kafka).toMatch(/KAFKA_LISTENERS: SASL_SSL:\/\/:9092,EXTERNAL:\/\/:19094,CONTROLLER:\/\/localhost:9093/);
    expect(kafka).toMatch(value('KAFKA_LISTENER_SECURITY_PROTOCOL_MAP', 'SASL_SSL:SASL_SSL,EXTERNAL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT'));
    expect(kafka).not.toMatch(/PLAINTEXT:\/\/|:PLAINTEXT\b/); // no unauthenticated listener
    expect(kafka).toMatch(value('KAFKA_SASL_ENABLED_MECHANISMS', 'SCRAM-SHA-512'));
    expect(kafka).toMatch(value('KAFKA_AUTHORIZER_CLASS_NAME', 'org.apache.kafka.metadata.authorizer.StandardAuthorizer'));
    expect(kafka).toMatch(value('KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND', 'false'));
    expect(kafka).toMatch(value('KAFKA_SUPER_USERS', 'User:admin;User:broker'));
    expect(kafka).toMatch(/kafka-setup:\n\s+condition: service_completed_successfully/);
  });

  it('gives every service its own Kafka principal over SASL_SSL, the CA, and its keys (TRUST_DIR)', () => {
    const blocks = serviceBlocks(composeConfig([]));
    const apps = [...blocks.keys()].filter((name) => /^(receiving-office|registry-office|production-center)-\d\d$/.test(name));
    expect(apps).toHaveLength(6);
    for (const name of apps) {
      const block = blocks.get(name)!;
      expect(block).toMatch(value('KAFKA_BROKERS', 'kafka:9092'));
      expect(block).toMatch(value('KAFKA_SSL_CA', '/kafka-clients/ca.pem'));
      expect(block).toMatch(value('KAFKA_SASL_MECHANISM', 'scram-sha-512'));
      expect(block).toMatch(value('KAFKA_SASL_USERNAME', name));
      expect(block).toMatch(value('KAFKA_SASL_PASSWORD_FILE', `/kafka-clients/${name}.password`));
      expect(block).not.toMatch(/KAFKA_SASL_PASSWORD:/); // never a password in the environment
      expect(block).toMatch(value('TRUST_DIR', '/keys/trust'));
      expect(block).toMatch(/keys:\/keys:ro/);
      for (const init of ['kafka-acls', 'keys']) expect(block).toMatch(new RegExp(`\\s${init}:\\n\\s+condition: service_completed_successfully`));
    }
    expect(blocks.get('kafka-acls')).toMatch(value('ACL_SCRIPT', '/deploy/kafka/acls-44-65.sh'));
    expect(blocks.get('keys')).toMatch(/keys init\s+--dir\s+\/keys\/trust\s+--provinces\s+44,65/);
  });

  it('provisions Prometheus with deploy/prometheus and Grafana with deploy/grafana, both on the host’s loopback only', () => {
    const blocks = serviceBlocks(composeConfig([]));
    const prometheus = blocks.get('prometheus')!;
    expect(prometheus).toMatch(/--config\.file=\/etc\/prometheus\/config\/prometheus\.yml/);
    expect(prometheus).toMatch(/deploy\/prometheus\n?\s*target: \/etc\/prometheus|deploy\/prometheus:\/etc\/prometheus:ro/);
    const grafana = blocks.get('grafana')!;
    expect(grafana).toMatch(
      /deploy\/grafana\/provisioning\n?\s*target: \/etc\/grafana\/provisioning|deploy\/grafana\/provisioning:\/etc\/grafana\/provisioning:ro/,
    );
    expect(grafana).toMatch(/deploy\/grafana\/dashboards\n?\s*target: \/etc\/idcard\/dashboards|deploy\/grafana\/dashboards:\/etc\/idcard\/dashboards:ro/);
    expect(grafana).toMatch(value('GF_AUTH_ANONYMOUS_ENABLED', 'false'));
    for (const block of [prometheus, grafana]) expect(block).toMatch(/host_ip: 127\.0\.0\.1|127\.0\.0\.1:\d+:\d+/);
  });

  it('has Prometheus scrape every service of the file, on the port it listens on', () => {
    const blocks = serviceBlocks(composeConfig([]));
    const apps = [...blocks.keys()].filter((name) => /^(receiving-office|registry-office|production-center)-\d\d$/.test(name));
    const scrape = readFileSync(path.join(root, 'deploy/prometheus/config/prometheus.yml'), 'utf8');
    const targets = [...scrape.matchAll(/'([\w-]+):(\d+)'/g)].filter((m) => m[1] !== 'localhost');
    expect(targets.map((m) => m[1]).sort()).toEqual(apps.sort());
    for (const [, , port] of targets) expect(port).toBe('3000'); // HTTP_PORT of every service
  });

  it("gives each registry office its own citizen-channel key file, made by the keys step (the services' /keys is read-only)", () => {
    const blocks = serviceBlocks(composeConfig([]));
    const registries = [...blocks.keys()].filter((name) => /^registry-office-\d\d$/.test(name));
    expect(registries.sort()).toEqual(['registry-office-44', 'registry-office-65']);
    for (const name of registries) {
      const province = name.slice(-2);
      expect(blocks.get(name)).toMatch(value('CITIZEN_TOKEN_KEY_FILE', `/keys/auth/citizen-channel-${province}.key`));
      // The keys step writes the file for every province it runs (its command line names them in one list).
      expect(blocks.get('keys')).toMatch(new RegExp(`'/keys/auth/citizen-channel-'\\+p\\+'\\.key'`));
      expect(blocks.get('keys')).toMatch(new RegExp(`for\\(const\\s+p\\s+of\\s+\\[[^\\]]*'${province}'`));
    }
    for (const name of [...blocks.keys()].filter((n) => /^(receiving-office|production-center)-\d\d$/.test(n)))
      expect(blocks.get(name)).not.toMatch(/CITIZEN_TOKEN_KEY_FILE/);
  });
});
