import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Body, Controller, DynamicModule, Get, Module, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer, Principal, TokenVerifier } from '@idcard/access';
import { Actor, Allow, AuditedRead, Public, ServiceConfig, serviceInfrastructure, ServiceMetrics, startService } from '@idcard/service-runtime';
import { ServiceUnderTest } from '@idcard/testing';
import { exportJWK, SignJWT } from 'jose';
import { runOpsCommand } from '@idcard/ops';

class NoteDto {
  @IsString()
  receiptNumber: string;
}

@Controller()
class CounterController {
  @Post('notes')
  @Allow('clerk')
  note(@Body() note: NoteDto, @Actor() actor: Principal): object {
    return { receiptNumber: note.receiptNumber, by: actor.subject };
  }

  @Get('report')
  @Allow('ops')
  @AuditedRead()
  report(): object {
    return { ok: true };
  }

  @Get('open')
  @Public()
  open(): object {
    return { open: true };
  }

  @Get('forgotten')
  forgotten(): object {
    return { reached: true };
  }
}

@Module({})
class CounterModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: CounterModule, imports: [serviceInfrastructure(config, { entities: [], migrations: [], topics: [] })], controllers: [CounterController] };
  }
}

const clerk = { role: 'clerk' as const, province: '44', office: '44010601', name: '王芳' };

/** Tokens, roles, provinces, rate limits and the audit trail, through a real service over a socket. */
describe('who may call a service', () => {
  let service: ServiceUnderTest;
  const raw = (p: string, headers: Record<string, string> = {}, method = 'GET', body?: unknown) => service.http(method, p, body, { as: null, headers });

  beforeAll(async () => {
    service = await ServiceUnderTest.start({
      service: 'receiving-office',
      province: '44',
      start: (config) => startService(CounterModule.register(config), config, 'Counter'),
      // The audit patience is short for the test that spends it, and long enough on a busy machine for one that does not.
      access: { anonymousRateLimitPerMinute: 5, auditPatienceMs: 5000 },
    });
  });
  afterAll(() => service?.stop());

  it('answers 401 without a token, with a malformed header, and with a token that does not verify', async () => {
    expect(await raw('/report')).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED', errors: [{ field: 'authorization' }] } });
    expect((await raw('/report', { authorization: 'Basic abc' })).status).toBe(401);
    expect((await raw('/report', { authorization: 'Bearer not.a.jwt' })).status).toBe(401);

    const now = Math.floor(service.clock.now().getTime() / 1000);
    const { privateKey: stranger } = generateKeyPairSync('ed25519');
    const forged = await new SignJWT({ role: 'ops' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject('x')
      .setExpirationTime(now + 60)
      .sign(stranger);
    expect((await raw('/report', { authorization: `Bearer ${forged}` })).body.message).toMatch(/does not verify/);
  });

  it('refuses an expired token, and one for another issuer or audience, judged by the service clock', async () => {
    const key = fs.readFileSync(path.join(service.issuer.dir, 'issuer.key'), 'utf8');
    const { createPrivateKey } = await import('node:crypto');
    const sign = (iss: string, aud: string, exp: number) =>
      new SignJWT({ role: 'ops' })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer(iss)
        .setAudience(aud)
        .setSubject('ops:1')
        .setExpirationTime(exp)
        .sign(createPrivateKey(key));
    const now = Math.floor(service.clock.now().getTime() / 1000);
    expect((await raw('/report', { authorization: `Bearer ${await sign(DEV_ISSUER, DEV_AUDIENCE, now + 60)}` })).status).toBe(200);
    for (const token of [
      await sign(DEV_ISSUER, DEV_AUDIENCE, now - 1),
      await sign('someone-else', DEV_AUDIENCE, now + 60),
      await sign(DEV_ISSUER, 'other-system', now + 60),
    ]) {
      expect(await raw('/report', { authorization: `Bearer ${token}` })).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    }
    // A token valid now expires when the service's clock passes its expiry: no waiting, the clock moves.
    const shortLived = await service.token({ role: 'ops', name: 'night shift', ttlSeconds: 60 });
    expect((await raw('/report', { authorization: `Bearer ${shortLived}` })).status).toBe(200);
    service.clock.advance(61_000);
    expect((await raw('/report', { authorization: `Bearer ${shortLived}` })).status).toBe(401);
  });

  it('answers 403 naming what was needed: another role, another province, a route nobody may call', async () => {
    expect(await service.http('GET', '/report', undefined, { as: clerk })).toMatchObject({
      status: 403,
      body: { code: 'NOT_ALLOWED', needed: { roles: ['ops'] } },
    });
    const guangxi = { ...clerk, province: '45', office: '45010101' };
    expect(await service.http('POST', '/notes', { receiptNumber: 'R44-1' }, { as: guangxi })).toMatchObject({
      status: 403,
      body: { needed: { province: '44' } },
    });
    expect((await service.http('GET', '/forgotten', undefined, { as: { role: 'ops', name: 'o' } })).body).toMatchObject({
      code: 'NOT_ALLOWED',
      message: expect.stringMatching(/no access rule/),
    });
    // A national ops token (no province) reads anywhere.
    expect((await service.http('GET', '/report', undefined, { as: { role: 'ops', name: 'national' } })).status).toBe(200);
  });

  it('records who did what in the append-only audit trail, from the token', async () => {
    const done = await service.http('POST', '/notes', { receiptNumber: 'R44-AUDIT-1' }, { as: clerk });
    expect(done).toMatchObject({ status: 201, body: { by: expect.stringMatching(/^clerk:44010601:[0-9a-f]{12}$/) } });
    await service.http('POST', '/notes', { nope: 1 }, { as: clerk });
    const trail = await service.http('GET', `/audit?subject=${encodeURIComponent(done.body.by)}`, undefined, {
      as: { role: 'ops', province: '44', name: 'sup' },
    });
    expect(trail.body).toEqual([
      expect.objectContaining({ action: 'POST /notes', role: 'clerk', office: '44010601', outcome: 400, errorCode: 'INVALID_FIELDS' }),
      expect.objectContaining({ action: 'POST /notes', name: '王芳', receiptNumber: 'R44-AUDIT-1', outcome: 201, errorCode: null }),
    ]);
    const reads = await service.http('GET', '/audit', undefined, { as: { role: 'ops', province: '44', name: 'sup' } });
    expect(reads.body.some((e: { action: string }) => e.action === 'GET /report')).toBe(true);
    const { Client } = await import('pg');
    const db = new Client({ connectionString: service.database.url });
    await db.connect();
    await expect(db.query(`UPDATE audit_event SET name = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await db.end();
  });

  /**
   * A trigger stands in for a database that is out of connections or restarting: it raises 57P03 (cannot connect
   * now) for the first `failures` inserts into audit_event, counted by a sequence (a failed insert rolls back a
   * counter row, never a sequence), or a check violation (a refusal) when `failures` is negative.
   */
  async function auditInsertsFail(failures: number): Promise<() => Promise<void>> {
    const { Client } = await import('pg');
    const db = new Client({ connectionString: service.database.url });
    await db.connect();
    const raise =
      failures < 0 ? `RAISE EXCEPTION 'refused' USING ERRCODE = '23514'` : `RAISE EXCEPTION 'the database system is starting up' USING ERRCODE = '57P03'`;
    await db.query(`CREATE SEQUENCE audit_fault_attempts`);
    await db.query(`
      CREATE FUNCTION audit_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${failures < 0 ? 'true' : `nextval('audit_fault_attempts') <= ${failures}`} THEN ${raise}; END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER audit_fault BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_fault()`);
    return async () => {
      await db.query(`DROP TRIGGER audit_fault ON audit_event; DROP FUNCTION audit_fault(); DROP SEQUENCE audit_fault_attempts`);
      await db.end();
    };
  }
  const entriesFor = async (receipt: string) =>
    (await service.http('GET', `/audit?receipt=${receipt}`, undefined, { as: { role: 'ops', province: '44', name: 'sup' } })).body as object[];
  const auditFailures = async (reason: string) => {
    // Read from the service's own registry: /metrics is an anonymous route here, limited to 5 requests a minute.
    const text = await service.service.app!.get(ServiceMetrics).exposition();
    const line = text.split('\n').find((l) => l.startsWith('idcard_audit_append_failures_total{') && l.includes(`reason="${reason}"`));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it('waits out a database that is briefly unavailable before answering, so the action is on record once', async () => {
    const missingBefore = await auditFailures('database-unavailable');
    const restore = await auditInsertsFail(2);
    try {
      const done = await service.http('POST', '/notes', { receiptNumber: 'R44-AUDIT-SLOW' }, { as: clerk });
      expect(done.status).toBe(201);
      // On record as the answer arrives, not later: the answer waited for it.
      expect(await entriesFor('R44-AUDIT-SLOW')).toEqual([expect.objectContaining({ action: 'POST /notes', outcome: 201 })]);
    } finally {
      await restore();
    }
    expect(await auditFailures('database-unavailable')).toBe(missingBefore);
  });

  it('answers anyway once its patience is spent or the row is refused, and counts the entry as missing', async () => {
    const [unavailableBefore, refusedBefore] = [await auditFailures('database-unavailable'), await auditFailures('refused')];
    const restore = await auditInsertsFail(1_000_000);
    try {
      expect((await service.http('POST', '/notes', { receiptNumber: 'R44-AUDIT-DOWN' }, { as: clerk })).status).toBe(201);
    } finally {
      await restore();
    }
    expect(await entriesFor('R44-AUDIT-DOWN')).toEqual([]);
    expect(await auditFailures('database-unavailable')).toBe(unavailableBefore + 1);

    const restoreRefusal = await auditInsertsFail(-1);
    try {
      expect((await service.http('POST', '/notes', { receiptNumber: 'R44-AUDIT-REFUSED' }, { as: clerk })).status).toBe(201);
    } finally {
      await restoreRefusal();
    }
    expect(await auditFailures('refused')).toBe(refusedBefore + 1);
  });

  it('sends the standard security headers, and limits anonymous callers per address', async () => {
    const res = await fetch(`${service.url}/open`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    let last = 0;
    for (let i = 0; i < 8; i++) last = (await raw('/open')).status;
    expect(last).toBe(429);
    expect((await raw('/open')).body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    // Callers with a token are counted by their subject, not their address.
    expect((await service.http('GET', '/report', undefined, { as: { role: 'ops', name: 'o2' } })).status).toBe(200);
  });
});

describe('tokens from an identity provider’s JWKS and from npm run ops -- token', () => {
  it('verifies against a JWKS served over HTTP', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'EdDSA', use: 'sig' };
    const server = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
      const verifier = TokenVerifier.fromSettings({ jwksUrl: url, issuer: 'https://idp.gd.gov.cn', audience: 'idcard' });
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ role: 'reviewer', province: '44', name: '李明' })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'idp-1' })
        .setIssuer('https://idp.gd.gov.cn')
        .setAudience('idcard')
        .setSubject('u-1')
        .setExpirationTime(now + 60)
        .sign(privateKey);
      expect(await verifier.verify(token)).toEqual({ subject: 'u-1', name: '李明', role: 'reviewer', province: '44', office: null });
    } finally {
      server.close();
    }
  });

  it('prints a token that the development issuer’s verifier accepts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-token-'));
    let out = '';
    const code = await runOpsCommand(['token', '--role', 'clerk', '--province', '65', '--office', '65010201', '--name', '王芳', '--data-dir', dataDir], {
      out: (t) => (out += t),
      err: () => undefined,
      env: {},
    });
    expect(code).toBe(0);
    const issuer = DevIssuer.open(path.join(dataDir, 'auth'));
    const verifier = TokenVerifier.fromSettings({ publicKeyFiles: [issuer.publicKeyFile], issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    expect(await verifier.verify(out.trim())).toMatchObject({ role: 'clerk', province: '65', office: '65010201', name: '王芳' });
    expect(
      await runOpsCommand(['token', '--role', 'clerk', '--name', 'x', '--data-dir', dataDir], { out: () => undefined, err: () => undefined, env: {} }),
    ).toBe(2);
  });
});
