import * as fs from 'fs';
import * as path from 'path';
import {
  ACCESS_RULES,
  consumerGroup,
  isPromptTopic,
  PROVINCE_CODES,
  promptConsumerGroup,
  ProvinceCode,
  SERVICE_NAMES,
  ServiceName,
  topicAddress,
} from '@idcard/contracts';
import { aclPlan, CONSUMED_TOPICS, parseProvinceList, renderMarkdown, renderShell } from '../../scripts/kafka-acls';

/** The Kafka ACLs of the compose deployment are generated from libs/contracts; these tests keep them so. */
describe('Kafka ACLs generated from the access-rights table', () => {
  const root = path.resolve(__dirname, '../..');
  const committedScript = path.join(root, 'deploy/kafka/acls-44-65.sh');
  const savedNamespace = process.env.KAFKA_NAMESPACE;
  beforeAll(() => delete process.env.KAFKA_NAMESPACE); // a test run's topic prefix is no deployment's
  afterAll(() => {
    if (savedNamespace !== undefined) process.env.KAFKA_NAMESPACE = savedNamespace;
  });

  const regenerate = 'npm run --silent kafka-acls -- --provinces 44,65 > deploy/kafka/acls-44-65.sh';

  it('deploy/kafka/acls-44-65.sh is what scripts/kafka-acls.ts makes of libs/contracts today', () => {
    const expected = renderShell(aclPlan(['44', '65']));
    const committed = fs.readFileSync(committedScript, 'utf8');
    if (committed !== expected) throw new Error(`deploy/kafka/acls-44-65.sh is stale: ${regenerate}`);
  });

  it('docs/deployment.md shows the same grants, between its kafka-acls markers', () => {
    const doc = fs.readFileSync(path.join(root, 'docs/deployment.md'), 'utf8');
    const table = /<!-- kafka-acls:begin[^>]*-->\n([\s\S]*?)<!-- kafka-acls:end -->/.exec(doc);
    expect(table).not.toBeNull();
    if (table![1] !== renderMarkdown(aclPlan(['44', '65']))) {
      throw new Error('the ACL table in docs/deployment.md is stale: replace it with npm run --silent kafka-acls -- --provinces 44,65 --markdown');
    }
  });

  /** principal → operation → resources, read back from the committed script's kafka_acls lines. */
  function grantsInScript(): Map<string, Map<string, Set<string>>> {
    const grants = new Map<string, Map<string, Set<string>>>();
    for (const line of fs.readFileSync(committedScript, 'utf8').split('\n')) {
      if (!line.startsWith('kafka_acls ')) continue;
      const words = line.split(/\s+/).slice(1);
      expect(words.slice(0, 2)).toEqual(['--add', '--allow-principal']);
      const principal = words[2];
      const ops: string[] = [];
      const resources: string[] = [];
      for (let i = 3; i < words.length; i++) {
        const [flag, value] = [words[i], words[i + 1]];
        if (flag === '--operation') ops.push(value);
        else if (flag === '--topic' || flag === '--group') resources.push(`${flag.slice(2)}:${value}`);
        else if (flag === '--cluster') resources.push('cluster');
        else throw new Error(`unexpected ${flag} in ${line}`);
        if (flag !== '--cluster') i++;
      }
      const byOp = grants.get(principal) ?? new Map<string, Set<string>>();
      for (const op of ops) byOp.set(op, new Set([...(byOp.get(op) ?? []), ...resources]));
      grants.set(principal, byOp);
    }
    return grants;
  }

  const topicsOf = (set: Set<string> | undefined, kind = 'topic') =>
    [...(set ?? [])].filter((r) => r.startsWith(`${kind}:`)).map((r) => r.slice(kind.length + 1));

  it('lets registry-office-44 decide for 65 but never submit applications', () => {
    const write = topicsOf(grantsInScript().get('User:registry-office-44')?.get('Write'));
    expect(write).toContain('idcard.receiving.65.decisions');
    expect(write).toContain('idcard.receiving.44.decisions');
    expect(write).not.toContain('idcard.registry.65.applications');
    expect(write).not.toContain('idcard.registry.44.applications');
  });

  it('grants each of the six principals Read on its own topics and group only, and Write only where a rule allows', () => {
    const grants = grantsInScript();
    expect([...grants.keys()].sort()).toEqual(['44', '65'].flatMap((p) => SERVICE_NAMES.map((s) => `User:${s}-${p}`)).sort());
    const prefix: Record<ServiceName, string> = {
      'receiving-office': 'idcard.receiving',
      'registry-office': 'idcard.registry',
      'production-center': 'idcard.production',
    };
    for (const p of ['44', '65'] as ProvinceCode[]) {
      for (const service of SERVICE_NAMES) {
        const byOp = grants.get(`User:${service}-${p}`)!;
        expect([...byOp.keys()].sort()).toEqual(['Create', 'IdempotentWrite', 'Read', 'Write']);
        const read = topicsOf(byOp.get('Read'));
        expect(read.length).toBeGreaterThan(0);
        // Its own province's topics, (registries) the national broadcasts that feed every verification table, and
        // (receiving offices) the invalidations, so a found card it holds is never returned once invalid.
        const national = (topic: string) =>
          (service === 'registry-office' && topic.startsWith('idcard.national.')) ||
          (service === 'receiving-office' && topic === 'idcard.national.card-invalidations');
        for (const topic of read) expect(topic.startsWith(`${prefix[service]}.${p}.`) || national(topic)).toBe(true);
        // Its own group, and (reading requests, replies or broadcasts) its prompt lane's.
        const groups = [consumerGroup(service, p), ...(read.some(isPromptTopic) ? [promptConsumerGroup(service, p)] : [])];
        expect(topicsOf(byOp.get('Read'), 'group').sort()).toEqual(groups.sort());
        expect(service === 'production-center' || groups.length === 2).toBe(true);
        // Writes: a rule lets this service send to that topic's builder; dead letters only for its own input.
        const write = topicsOf(byOp.get('Write'));
        for (const topic of write.filter((t) => !t.endsWith('.dlq'))) {
          const address = topicAddress(topic);
          expect(ACCESS_RULES.some((r) => r.sender === service && r.topic.builder === address?.builder)).toBe(true);
        }
        expect(write.filter((t) => t.endsWith('.dlq')).sort()).toEqual(read.map((t) => `${t}.dlq`).sort());
        expect(topicsOf(byOp.get('Create')).sort()).toEqual(read.map((t) => `${t}.dlq`).sort());
        expect([...byOp.get('IdempotentWrite')!]).toEqual(['cluster']);
      }
    }
  });

  it('reads only what no other principal reads (but the national broadcasts, one group per registry), and every topic read is one somebody may write', () => {
    const plan = aclPlan(['44', '65']);
    const readers = plan.principals.flatMap((g) => g.read).filter((t) => !t.startsWith('idcard.national.'));
    expect(new Set(readers).size).toBe(readers.length);
    const national = plan.principals.filter((g) => g.read.includes('idcard.national.card-issuances')).map((g) => g.user);
    expect(national.sort()).toEqual(['registry-office-44', 'registry-office-65']);
    const written = new Set(plan.principals.flatMap((g) => g.write));
    for (const topic of readers) expect(written.has(topic)).toBe(true);
    for (const g of plan.principals) for (const topic of g.write) expect(plan.topics).toContain(topic);
  });

  it('names the topics each app subscribes to in its module (CONSUMED_TOPICS cannot drift from apps/)', () => {
    for (const service of SERVICE_NAMES) {
      const source = fs.readFileSync(path.join(root, `apps/${service}/src/${service}.module.ts`), 'utf8');
      const subscription = /topics:\s*\[([^\]]*)\]/.exec(source);
      expect(subscription).not.toBeNull();
      const builders = [...subscription![1].matchAll(/topics\.(\w+)\(/g)].map((m) => m[1]);
      expect(builders.sort()).toEqual([...CONSUMED_TOPICS[service]].sort());
    }
  });

  it('scales to the national deployment and refuses what is no province', () => {
    const plan = aclPlan(PROVINCE_CODES);
    expect(plan.principals).toHaveLength(93);
    const centre11 = plan.principals.find((g) => g.user === 'production-center-11')!;
    expect(centre11.write.filter((t) => /^idcard\.production\.\d\d\.orders$/.test(t))).toHaveLength(30); // every centre but its own
    expect(parseProvinceList('65, 44')).toEqual(['65', '44']);
    expect(() => parseProvinceList('44,99')).toThrow(/99/);
    expect(renderShell(aclPlan(['65', '44']))).toBe(renderShell(aclPlan(['44', '65'])));
  });
});
