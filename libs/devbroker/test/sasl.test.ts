import { spawn, spawnSync } from 'child_process';
import { EachMessagePayload, Kafka, logLevel, SASLOptions } from 'kafkajs';
import { DevBroker, startDevBroker } from '../src';
import { metadata } from '../src/apis/03-metadata';
import type { RequestContext } from '../src/api';
import { ErrorCode } from '../src/protocol/error-codes';
import { Reader } from '../src/protocol/reader';
import { kafkaFor, waitFor } from './support';
import { WireClient } from './wire-client';

/**
 * SASL (issue 10): a broker started with users requires PLAIN or SCRAM authentication, through real clients —
 * kafkajs (SaslHandshake v1 + SaslAuthenticate, and the v0 flow with bare tokens through kafkajs' own
 * connection), kcat (librdkafka) — and a broker without users stays open.
 */

const USERS = { alice: 'alice-secret', 'bob,=admin': 'bob-secret' };
type Mechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';
const MECHANISMS: Mechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];

function kafkaWith(brokers: string[], sasl: SASLOptions | undefined, retries = 8): Kafka {
  return new Kafka({ clientId: 'sasl-test', brokers, sasl, logLevel: logLevel.NOTHING, retry: { retries, initialRetryTime: 50 } });
}

const saslAs = (mechanism: Mechanism, username: string, password: string) => ({ mechanism, username, password }) as SASLOptions;

/** SaslHandshake over the wire client: error code and enabled mechanisms. */
async function handshake(wire: WireClient, mechanism: string, version = 1): Promise<{ errorCode: number; mechanisms: string[] }> {
  const r = await wire.request(17, version, (w) => w.string(mechanism));
  return { errorCode: r.int16(), mechanisms: r.array((x) => x.string()) };
}

/** SaslAuthenticate v1 over the wire client. */
async function authenticate(wire: WireClient, token: Buffer): Promise<{ errorCode: number; errorMessage: string | null; authBytes: Buffer }> {
  const r = await wire.request(36, 1, (w) => w.bytes(token));
  return { errorCode: r.int16(), errorMessage: r.nullableString(), authBytes: Buffer.from(r.bytes()) };
}

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * kafkajs' own connection and SASL authenticators, told the broker offers SaslHandshake v0 and no SaslAuthenticate
 * (as a Kafka 0.10 broker would): kafkajs then sends the mechanism's tokens bare, the pre-KIP-152 flow.
 */
async function kafkajsV0Flow(port: number, sasl: SASLOptions): Promise<string[]> {
  const Connection = require('kafkajs/src/network/connection');
  const { createLogger, LEVELS } = require('kafkajs/src/loggers');
  const socketFactory = require('kafkajs/src/network/socketFactory')();
  const { requests } = require('kafkajs/src/protocol/requests');
  const logger = createLogger({ level: LEVELS.NOTHING, logCreator: () => () => undefined });
  const connection = new Connection({ host: '127.0.0.1', port, logger, socketFactory, sasl, requestTimeout: 10_000, connectionTimeout: 5_000 });
  try {
    await connection.connect();
    connection.setVersions({ 3: { minVersion: 0, maxVersion: 1 }, 17: { minVersion: 0, maxVersion: 0 }, 18: { minVersion: 0, maxVersion: 1 } });
    connection.setSupportAuthenticationProtocol(false);
    await connection.authenticate();
    const answer = await connection.send(requests.Metadata.protocol({ version: 1 })({ topics: [] }));
    return (answer.topicMetadata as { topic: string }[]).map((t) => t.topic);
  } finally {
    await connection.disconnect();
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs kcat to its own exit (or our timeout), never a fixed sleep; rejects with its stderr on failure. */
function runKcat(args: string[], timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`kcat ${args.join(' ')} exited with ${code ?? signal}\n${stderr.slice(-3000)}`));
    });
  });
}

const KCAT_PRESENT = !spawnSync('kcat', ['-V'], { encoding: 'utf8', timeout: 10_000 }).error;

describe('devbroker: SASL required (broker started with users)', () => {
  let broker: DevBroker;
  const events: Record<string, unknown>[] = [];
  const principals: (string | null)[] = [];
  beforeAll(async () => {
    // Every Metadata request records the principal it was served for: what ACLs will look at.
    const original = metadata.handle.bind(metadata);
    jest.spyOn(metadata, 'handle').mockImplementation((ctx: RequestContext, req, res) => {
      principals.push(ctx.principal);
      return original(ctx, req, res);
    });
    broker = await startDevBroker({ port: 0, sasl: { users: USERS }, log: (e) => events.push(e) });
    const admin = kafkaWith(broker.brokers, saslAs('scram-sha-256', 'alice', USERS.alice)).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'sasl-ready', numPartitions: 1 }] });
    await admin.disconnect();
  });
  afterAll(async () => {
    await broker.stop();
    jest.restoreAllMocks();
  });

  it.each(MECHANISMS)('kafkajs with %s produces and consumes in a group, and the connection knows its principal', async (mechanism) => {
    const topic = `sasl-${mechanism}`;
    const kafka = kafkaWith(broker.brokers, saslAs(mechanism, 'alice', USERS.alice));
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `card ${i}` })) });
    const consumer = kafka.consumer({ groupId: `${topic}-group`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: EachMessagePayload[] = [];
    await consumer.run({ eachMessage: async (m) => void received.push(m) });
    await waitFor('all 10 messages', () => received.length >= 10);
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();

    expect(received.map((m) => m.message.value!.toString()).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `card ${i}`).sort());
    const upper = mechanism.toUpperCase();
    expect(events).toContainEqual(expect.objectContaining({ event: 'sasl.authenticated', principal: 'alice', mechanism: upper }));
    expect(principals).toContain('alice');
    expect(principals).not.toContain(null);
  });

  it.each(['scram-sha-256', 'scram-sha-512'] as Mechanism[])('%s: a username with "," and "=" travels escaped (=2C, =3D)', async (mechanism) => {
    const admin = kafkaWith(broker.brokers, saslAs(mechanism, 'bob,=admin', USERS['bob,=admin'])).admin();
    await admin.connect();
    await admin.listTopics();
    await admin.disconnect();
    expect(principals).toContain('bob,=admin');
  });

  it.each(MECHANISMS)('kafkajs with %s and a wrong password, or an unknown user, gets its SASL authentication error', async (mechanism) => {
    for (const [username, password] of [
      ['alice', 'not-the-password'],
      ['mallory', 'alice-secret'],
    ]) {
      const admin = kafkaWith(broker.brokers, saslAs(mechanism, username, password)).admin();
      const refused = await admin.connect().then(
        () => null,
        (err: Error) => err,
      );
      await admin.disconnect();
      expect(refused?.name).toBe('KafkaJSSASLAuthenticationError');
      expect(refused?.message).toContain(`Authentication failed (${mechanism.toUpperCase()}): invalid username or password`);
    }
  });

  it('answers a wrong password with SASL_AUTHENTICATION_FAILED and a message, then closes the connection', async () => {
    const wire = await WireClient.connect(broker.port);
    expect(await handshake(wire, 'PLAIN')).toEqual({ errorCode: 0, mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] });
    const answer = await authenticate(wire, Buffer.from('\u0000alice\u0000wrong'));
    expect(answer.errorCode).toBe(ErrorCode.SASL_AUTHENTICATION_FAILED);
    expect(answer.errorMessage).toBe('Authentication failed (PLAIN): invalid username or password');
    await wire.closed;
  });

  it('answers PLAIN with an empty token and then serves the connection', async () => {
    const wire = await WireClient.connect(broker.port);
    await handshake(wire, 'PLAIN');
    expect(await authenticate(wire, Buffer.from('alice\u0000alice\u0000alice-secret'))).toEqual({
      errorCode: 0,
      errorMessage: null,
      authBytes: Buffer.alloc(0),
    });
    const meta = await wire.request(3, 1, (w) => w.int32(-1));
    const brokers = meta.array((r) => ({ nodeId: r.int32(), host: r.string(), port: r.int32(), rack: r.nullableString() }));
    expect(brokers).toEqual([{ nodeId: 0, host: '127.0.0.1', port: broker.port, rack: null }]);
    // No re-authentication: a second SaslAuthenticate is refused, but the connection stays.
    const again = await authenticate(wire, Buffer.from('\u0000alice\u0000alice-secret'));
    expect(again.errorCode).toBe(ErrorCode.ILLEGAL_SASL_STATE);
    expect((await wire.request(18, 1, () => undefined)).int16()).toBe(0);
    wire.close();
  });

  it('refuses an unknown mechanism with the enabled list, and SaslAuthenticate before a handshake, and closes', async () => {
    const wire = await WireClient.connect(broker.port);
    expect(await handshake(wire, 'GSSAPI')).toEqual({
      errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM,
      mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
    });
    await wire.closed;

    const early = await WireClient.connect(broker.port);
    const answer = await authenticate(early, Buffer.from('\u0000alice\u0000alice-secret'));
    expect(answer.errorCode).toBe(ErrorCode.ILLEGAL_SASL_STATE);
    expect(answer.errorMessage).toMatch(/before a SaslHandshake v1/);
    await early.closed;
  });

  it('closes a connection that sends another API before authenticating; ApiVersions is served', async () => {
    const wire = await WireClient.connect(broker.port);
    const versions = await wire.request(18, 1, () => undefined);
    expect(versions.int16()).toBe(0);
    const keys = versions.array((r: Reader) => [r.int16(), r.int16(), r.int16()]);
    expect(keys).toContainEqual([17, 0, 1]);
    expect(keys).toContainEqual([36, 0, 1]);
    await expect(wire.request(3, 1, (w) => w.int32(-1))).rejects.toThrow('connection closed by the broker');
    expect(events).toContainEqual(expect.objectContaining({ event: 'connection.closed', reason: 'Metadata before SASL authentication (handshake)' }));
  });

  it('a kafkajs client without SASL fails against it', async () => {
    const before = events.length;
    const admin = kafkaWith(broker.brokers, undefined, 0).admin();
    await admin.connect(); // ApiVersions only, which is served before authentication
    await expect(admin.listTopics()).rejects.toThrow(/Closed connection|Connection closed/);
    await admin.disconnect();
    expect(events.slice(before)).toContainEqual(
      expect.objectContaining({ event: 'connection.closed', reason: expect.stringMatching(/before SASL authentication/) }),
    );
  });

  it.each(MECHANISMS)('SaslHandshake v0 flow (bare tokens, no SaslAuthenticate) with %s, through kafkajs itself', async (mechanism) => {
    await expect(kafkajsV0Flow(broker.port, saslAs(mechanism, 'alice', USERS.alice))).resolves.toEqual(expect.arrayContaining(['sasl-ready']));
    // Refused in the v0 flow: Kafka has no answer to carry the reason, so it closes the connection.
    const before = events.length;
    await expect(kafkajsV0Flow(broker.port, saslAs(mechanism, 'alice', 'wrong'))).rejects.toThrow(/Connection closed by the server/);
    expect(events.slice(before)).toContainEqual(expect.objectContaining({ event: 'sasl.failed', mechanism: mechanism.toUpperCase() }));
  });

  const kcatSkipped = KCAT_PRESENT ? '' : ' — SKIPPED: kcat is not installed (apt-get install kcat)';
  const kcatTitle = `kcat (librdkafka) with SASL_PLAINTEXT %s lists metadata${kcatSkipped}`;
  (KCAT_PRESENT ? it : it.skip).each(['SCRAM-SHA-256', 'SCRAM-SHA-512', 'PLAIN'])(kcatTitle, async (mechanism) => {
    const out = await runKcat([
      '-b',
      broker.brokers[0],
      '-L',
      '-m',
      '10',
      '-X',
      'security.protocol=SASL_PLAINTEXT',
      '-X',
      `sasl.mechanisms=${mechanism}`,
      '-X',
      'sasl.username=alice',
      '-X',
      `sasl.password=${USERS.alice}`,
    ]);
    expect(out).toMatch(/Metadata for all topics/);
    expect(out).toContain('topic "sasl-ready"');
  });
});

describe('devbroker: no SASL (broker started without users)', () => {
  let broker: DevBroker;
  const events: Record<string, unknown>[] = [];
  beforeAll(async () => {
    broker = await startDevBroker({ port: 0, log: (e) => events.push(e) });
  });
  afterAll(() => broker.stop());

  it('serves clients without SASL, as before', async () => {
    const kafka = kafkaFor(broker.brokers);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'open', messages: [{ value: 'no password needed' }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain('open');
    await admin.disconnect();
  });

  it('answers a client that tries SASL with ILLEGAL_SASL_STATE, as a Kafka listener without SASL does', async () => {
    const admin = kafkaWith(broker.brokers, saslAs('scram-sha-256', 'alice', USERS.alice), 0).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL state/);
    await admin.disconnect();
    expect(events).toContainEqual(expect.objectContaining({ event: 'sasl.refused' }));

    const wire = await WireClient.connect(broker.port);
    expect(await handshake(wire, 'PLAIN')).toEqual({ errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] });
    const answer = await authenticate(wire, Buffer.from('\u0000alice\u0000alice-secret'));
    expect(answer).toEqual({
      errorCode: ErrorCode.ILLEGAL_SASL_STATE,
      errorMessage: expect.stringMatching(/started without credentials/),
      authBytes: Buffer.alloc(0),
    });
    expect((await wire.request(3, 1, (w) => w.int32(-1))).int32()).toBe(1); // still served: one broker in Metadata
    wire.close();
  });
});

describe('devbroker: sasl options', () => {
  it.each([
    [{ users: {} }, /at least one user/],
    [{ users: { alice: '' } }, /non-empty username and password/],
    [{ users: { alice: 'x' }, mechanisms: ['GSSAPI'] }, /non-empty subset/],
  ])('refuses %j at start', async (sasl, message) => {
    await expect(startDevBroker({ port: 0, sasl: sasl as never })).rejects.toThrow(message);
  });
});
