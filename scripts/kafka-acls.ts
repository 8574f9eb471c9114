import { parseArgs } from 'node:util';
import {
  ACCESS_RULES,
  AccessRule,
  CONSUMED_TOPICS,
  consumerGroup,
  deadLetterTopic,
  isPromptTopic,
  isProvinceCode,
  NATIONAL_BUILDERS,
  PROVINCE_CODES,
  promptConsumerGroup,
  ProvinceCode,
  ProvinceSource,
  SERVICE_NAMES,
  ServiceName,
  TopicBuilderName,
  topics,
} from '@idcard/contracts';

/**
 * `npm run --silent kafka-acls -- --provinces 44,65 [--markdown]`: the Kafka ACLs of a deployment, derived from the
 * access-rights table of libs/contracts (ACCESS_RULES), so the broker's authorisation and the receivers' checks
 * cannot drift apart. Prints a shell script for the Kafka admin (SCRAM users, topics, ACLs), or with --markdown
 * the same grants as a table for docs/deployment.md. deploy/kafka/acls-44-65.sh is this script's output, and
 * test/deployment/kafka-acls.test.ts fails when the committed file and the table disagree.
 *
 * Per service principal User:<service>-<province>:
 * - Write on exactly the topics some rule lets it send to, expanded over the deployment's provinces;
 * - Read on the topics it consumes and on its consumer groups (topics.ts consumerGroup, and topic-lanes.ts
 *   promptConsumerGroup when it reads a topic of the prompt lane: requests, replies, the national broadcasts);
 * - Write and Create on the dead-letter topics of what it consumes (it parks there what it cannot apply, and
 *   kafkajs creates such a topic on first use);
 * - IdempotentWrite on the cluster: every producer of the system is idempotent.
 * Describe is not granted on its own: Kafka implies it from Read and Write, and that covers what kafkajs asks
 * (Metadata, ListOffsets, FindCoordinator, OffsetFetch, DescribeGroups for the service's own lag gauge).
 */

// Who reads which topic lives beside the access rights (the AsyncAPI document reads it too); exported here as before.
export { CONSUMED_TOPICS };

/** The SCRAM user of one province service: also its principal's name (User:<user>). */
export function serviceUser(service: ServiceName, province: ProvinceCode): string {
  return `${service}-${province}`;
}

export interface PrincipalGrants {
  service: ServiceName;
  province: ProvinceCode;
  /** SCRAM user name; the principal is User:<user>. */
  user: string;
  write: string[];
  read: string[];
  /** Its consumer group, and its prompt lane's when it reads a prompt topic. */
  groups: string[];
  deadLetters: string[];
}

export interface AclPlan {
  provinces: ProvinceCode[];
  principals: PrincipalGrants[];
  /** Every topic a grant names, but dead-letter topics: what the admin creates before the services start. */
  topics: string[];
}

function sameSource(a: ProvinceSource, b: ProvinceSource): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The provinces a rule lets this sender address: the topic's province expanded over the deployment's. */
function topicProvinces(rule: AccessRule, sender: ProvinceCode, provinces: readonly ProvinceCode[]): (ProvinceCode | null)[] {
  const wanted = rule.topic.province;
  if (wanted === 'none') return [null];
  if ('any' in wanted) return [...provinces];
  if ('anyBut' in wanted) return provinces.filter((p) => p !== sender);
  if (wanted.from === 'sender') return [sender];
  // A payload field names the province: any, unless the rule also requires that field to be the sender's own.
  if ((rule.senderProvinceIs ?? []).some((own) => sameSource(own, wanted))) return [sender];
  return [...provinces];
}

function topicOf(builder: TopicBuilderName, province: ProvinceCode | null): string {
  if (isNationalBuilder(builder)) return topics[builder]();
  if (province === null) throw new Error(`access rule for ${builder} names no province`);
  return topics[builder](province);
}

function isNationalBuilder(builder: TopicBuilderName): builder is (typeof NATIONAL_BUILDERS)[number] {
  return (NATIONAL_BUILDERS as readonly string[]).includes(builder);
}

const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

/** The grants of every service of `provinces` under `rules`. */
export function aclPlan(provinces: readonly ProvinceCode[], rules: readonly AccessRule[] = ACCESS_RULES): AclPlan {
  const ps = [...new Set(provinces)].sort();
  if (ps.length === 0) throw new RangeError('no provinces');
  const principals = ps.flatMap((province) =>
    SERVICE_NAMES.map((service): PrincipalGrants => {
      const write = rules
        .filter((rule) => rule.sender === service)
        .flatMap((rule) => topicProvinces(rule, province, ps).map((p) => topicOf(rule.topic.builder, p)));
      const read = CONSUMED_TOPICS[service].map((builder) => topicOf(builder, province));
      const groups = [consumerGroup(service, province), ...(read.some(isPromptTopic) ? [promptConsumerGroup(service, province)] : [])];
      return {
        service,
        province,
        user: serviceUser(service, province),
        write: sorted(write),
        read: sorted(read),
        groups,
        deadLetters: sorted(read.map(deadLetterTopic)),
      };
    }),
  );
  return { provinces: ps, principals, topics: sorted(principals.flatMap((g) => [...g.write, ...g.read])) };
}

const topicArgs = (names: readonly string[]) => names.map((t) => `--topic ${t}`).join(' ');

/** The shell script the kafka-acls init container runs (deploy/kafka/apply-acls.sh) as the Kafka admin. */
export function renderShell(plan: AclPlan): string {
  const list = plan.provinces.join(',');
  const lines = [
    '#!/usr/bin/env bash',
    '# GENERATED by scripts/kafka-acls.ts from libs/contracts (ACCESS_RULES, topics, consumerGroup): do not edit.',
    `# Regenerate: npm run --silent kafka-acls -- --provinces ${list} > deploy/kafka/acls-${plan.provinces.join('-')}.sh`,
    '# (test/deployment/kafka-acls.test.ts fails when this file and the access-rights table disagree.)',
    '#',
    '# Runs as the Kafka admin (a super user) against a SASL_SSL listener, once the broker is up; every step is',
    '# idempotent, so running it again changes nothing:',
    '#   BOOTSTRAP=kafka:9092 COMMAND_CONFIG=admin.properties PASSWORD_DIR=/kafka-clients bash this-file',
    '# 1. a SCRAM-SHA-512 credential per service principal, the password read from PASSWORD_DIR/<user>.password',
    '#    (made there, random, when absent; the service reads the same file as KAFKA_SASL_PASSWORD_FILE);',
    '# 2. the topics the services exchange (a dead-letter topic is created by its consumer when first needed);',
    '# 3. the ACLs. With allow.everyone.if.no.acl.found=false whatever is not granted here is denied. Describe is',
    '#    implied by Read and Write. Only --add: a grant that leaves the table is removed by hand (kafka-acls.sh --remove).',
    'set -euo pipefail',
    ': "${BOOTSTRAP:?host:port of a SASL_SSL listener}" "${COMMAND_CONFIG:?admin client properties}" "${PASSWORD_DIR:?directory of <user>.password}"',
    'BIN="${KAFKA_BIN:-/opt/kafka/bin}"',
    'kafka_acls() { "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$COMMAND_CONFIG" "$@" >/dev/null; }',
    'kafka_topics() { "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$COMMAND_CONFIG" "$@"; }',
    'kafka_configs() { "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$COMMAND_CONFIG" "$@"; }',
    'password_of() {',
    '  local file="$PASSWORD_DIR/$1.password" pw',
    '  if [ ! -s "$file" ]; then',
    "    pw=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')",
    '    (umask 077 && printf \'%s\' "${pw:0:32}" >"$file.new" && mv "$file.new" "$file")',
    '  fi',
    '  cat "$file"',
    '}',
    'scram_user() {',
    '  local pw',
    '  pw=$(password_of "$1")',
    '  kafka_configs --alter --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$pw]"',
    '}',
    '',
    'echo "SCRAM-SHA-512 users"',
    ...plan.principals.map((g) => `scram_user ${g.user}`),
    '',
    'echo "topics"',
    ...plan.topics.map((t) => `kafka_topics --create --if-not-exists --topic ${t}`),
    '',
    'echo "ACLs"',
  ];
  for (const g of plan.principals) {
    const principal = `--add --allow-principal User:${g.user}`;
    lines.push(
      `# ${g.user}: sends to ${g.write.length} topic(s), consumes ${g.read.join(', ')} as ${g.groups.join(' and ')}`,
      `kafka_acls ${principal} --operation Write ${topicArgs(g.write)}`,
      `kafka_acls ${principal} --operation Read ${topicArgs(g.read)} ${g.groups.map((group) => `--group ${group}`).join(' ')}`,
      `kafka_acls ${principal} --operation Write --operation Create ${topicArgs(g.deadLetters)}`,
      `kafka_acls ${principal} --operation IdempotentWrite --cluster`,
    );
  }
  lines.push('echo "ACLs for provinces ' + plan.provinces.join(', ') + ' applied"', '');
  return lines.join('\n');
}

const code = (names: readonly string[]) => names.map((n) => `\`${n}\``).join('<br>');

/** The same grants as a Markdown table (docs/deployment.md between its kafka-acls markers). */
export function renderMarkdown(plan: AclPlan): string {
  return [
    '| Principal | Write | Read (topics, consumer group) | Write, Create (dead letters) | Cluster |',
    '| --- | --- | --- | --- | --- |',
    ...plan.principals.map(
      (g) =>
        `| \`User:${g.user}\` | ${code(g.write)} | ${code(g.read)}<br>${g.groups.map((group) => `group \`${group}\``).join('<br>')} | ${code(g.deadLetters)} | IdempotentWrite |`,
    ),
    '',
  ].join('\n');
}

/** `--provinces 44,65` or `all`. */
export function parseProvinceList(value: string): ProvinceCode[] {
  if (value.trim() === 'all') return [...PROVINCE_CODES];
  const items = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = items.filter((p) => !isProvinceCode(p));
  if (items.length === 0 || bad.length) throw new RangeError(`--provinces must list province codes (44,65) or be all; not ${bad.join(', ') || 'empty'}`);
  return items as ProvinceCode[];
}

function main(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { provinces: { type: 'string' }, markdown: { type: 'boolean', default: false } } }));
    if (!values.provinces) throw new RangeError('--provinces is required (44,65 or all)');
    const plan = aclPlan(parseProvinceList(values.provinces));
    process.stdout.write(values.markdown ? renderMarkdown(plan) : renderShell(plan));
    return 0;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nUsage: npm run --silent kafka-acls -- --provinces 44,65 [--markdown]\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
