import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'crypto';
import { ErrorCode } from './protocol/error-codes';

/**
 * SASL for the development broker: the users' credentials, the PLAIN and SCRAM-SHA-256/512 exchanges, and the
 * per-connection state machine that SaslHandshake (apis/17) and SaslAuthenticate (apis/36) drive.
 *
 * SCRAM follows RFC 5802 (and RFC 7677 for SHA-256; SHA-512 is the same construction, as Kafka's KIP-84 has it):
 *   SaltedPassword  = Hi(password, salt, i)          PBKDF2 with HMAC-H, dkLen = the hash's length
 *   ClientKey       = HMAC(SaltedPassword, "Client Key")     StoredKey = H(ClientKey)
 *   ServerKey       = HMAC(SaltedPassword, "Server Key")
 *   AuthMessage     = client-first-message-bare "," server-first-message "," client-final-message-without-proof
 *   ClientSignature = HMAC(StoredKey, AuthMessage)  ClientProof = ClientKey XOR ClientSignature
 *   ServerSignature = HMAC(ServerKey, AuthMessage)
 * The broker keeps, per user and hash, only the salt, the iteration count, StoredKey and ServerKey (RFC 5802 §3),
 * computed once at start. PLAIN (RFC 4616) is checked against the SCRAM-SHA-256 credential: the password the client
 * sends is salted and hashed the same way and compared with StoredKey, so the broker keeps no password.
 * Like Kafka, usernames and passwords are used as given (no SASLprep); ',' and '=' in a SCRAM username travel as
 * '=2C' and '=3D'.
 */

export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
export const SASL_MECHANISMS: readonly SaslMechanism[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];

/** `startDevBroker({ sasl })`: with it, every connection must authenticate as one of these users. */
export interface SaslOptions {
  /** The mechanisms offered, in SaslHandshake's answer; all three by default. */
  mechanisms?: SaslMechanism[];
  /** username → password. */
  users: Record<string, string>;
}

export const SCRAM_ITERATIONS = 4096;
const SALT_BYTES = 32;

type Digest = 'sha256' | 'sha512';
const DIGEST_BYTES: Record<Digest, number> = { sha256: 32, sha512: 64 };

interface ScramCredential {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (digest: Digest, key: Buffer, data: string | Buffer) => createHmac(digest, key).update(data).digest();
const hash = (digest: Digest, data: Buffer) => createHash(digest).update(data).digest();

function saltedPassword(digest: Digest, password: string, salt: Buffer, iterations: number): Buffer {
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, DIGEST_BYTES[digest], digest);
}

function scramCredential(digest: Digest, password: string, salt = randomBytes(SALT_BYTES), iterations = SCRAM_ITERATIONS): ScramCredential {
  const salted = saltedPassword(digest, password, salt, iterations);
  return { salt, iterations, storedKey: hash(digest, hmac(digest, salted, 'Client Key')), serverKey: hmac(digest, salted, 'Server Key') };
}

/** Refuses an authentication; the message goes to the client in SaslAuthenticate's error_message. */
export class SaslAuthenticationFailed extends Error {}

/** The same words for an unknown user and a wrong password, so the answer does not tell which users exist. */
const INVALID_CREDENTIALS = 'invalid username or password';

/** The configured users' credentials, derived once when the broker starts. */
export class SaslUsers {
  readonly mechanisms: readonly SaslMechanism[];
  private readonly credentials = new Map<string, Partial<Record<Digest, ScramCredential>>>();
  /** Unknown users go through the same steps against this secret, and fail where a wrong password fails. */
  private readonly decoySecret = randomBytes(32);

  constructor(options: SaslOptions) {
    const mechanisms = options.mechanisms ?? [...SASL_MECHANISMS];
    const unknown = mechanisms.filter((m) => !SASL_MECHANISMS.includes(m));
    if (mechanisms.length === 0 || unknown.length) {
      throw new Error(`sasl.mechanisms must be a non-empty subset of ${SASL_MECHANISMS.join(', ')}${unknown.length ? `, got ${unknown.join(', ')}` : ''}`);
    }
    const users = Object.entries(options.users ?? {});
    if (users.length === 0) throw new Error('sasl.users must name at least one user');
    this.mechanisms = [...new Set(mechanisms)];
    const digests = new Set<Digest>();
    if (this.mechanisms.includes('PLAIN') || this.mechanisms.includes('SCRAM-SHA-256')) digests.add('sha256');
    if (this.mechanisms.includes('SCRAM-SHA-512')) digests.add('sha512');
    for (const [username, password] of users) {
      if (!username || typeof password !== 'string' || !password) throw new Error(`sasl.users: "${username}" needs a non-empty username and password`);
      const entry: Partial<Record<Digest, ScramCredential>> = {};
      for (const d of digests) entry[d] = scramCredential(d, password);
      this.credentials.set(username, entry);
    }
  }

  /** A new exchange for one authentication attempt. */
  exchange(mechanism: SaslMechanism): SaslExchange {
    switch (mechanism) {
      case 'PLAIN':
        return new PlainExchange(this);
      case 'SCRAM-SHA-256':
        return new ScramExchange(this, 'sha256', mechanism);
      case 'SCRAM-SHA-512':
        return new ScramExchange(this, 'sha512', mechanism);
    }
  }

  /** The user's credential, or a decoy that no proof matches (same salt for the same unknown name, every time). */
  credential(username: string, digest: Digest): { credential: ScramCredential; known: boolean } {
    const known = this.credentials.get(username)?.[digest];
    if (known) return { credential: known, known: true };
    const salt = hmac('sha256', this.decoySecret, `salt:${digest}:${username}`);
    return {
      credential: { salt, iterations: SCRAM_ITERATIONS, storedKey: randomBytes(DIGEST_BYTES[digest]), serverKey: randomBytes(DIGEST_BYTES[digest]) },
      known: false,
    };
  }

  /** PLAIN: salt and hash the password as SCRAM-SHA-256 would, and compare with the stored key. */
  checkPassword(username: string, password: string): boolean {
    const { credential, known } = this.credential(username, 'sha256');
    const salted = saltedPassword('sha256', password, credential.salt, credential.iterations);
    const storedKey = hash('sha256', hmac('sha256', salted, 'Client Key'));
    return timingSafeEqual(storedKey, credential.storedKey) && known;
  }
}

/** One authentication attempt: client tokens in, server tokens out, until it completes with the principal. */
export interface SaslExchange {
  /** The server's answer to the client's next token; `principal` is set once the client is authenticated. */
  evaluate(token: Buffer): { challenge: Buffer; principal: string | null };
}

/** RFC 4616: `[authzid] NUL authcid NUL passwd`, one message; the server answers with an empty token. */
class PlainExchange implements SaslExchange {
  constructor(private readonly users: SaslUsers) {}

  evaluate(token: Buffer): { challenge: Buffer; principal: string | null } {
    const parts = token.toString('utf8').split('\u0000');
    if (parts.length !== 3) throw new SaslAuthenticationFailed('invalid PLAIN message: expected [authzid] NUL username NUL password');
    const [authzid, username, password] = parts;
    if (!username || !password) throw new SaslAuthenticationFailed('invalid PLAIN message: empty username or password');
    // Kafka's rule: an authorization id, when given, must be the user itself (no impersonation).
    if (authzid && authzid !== username) throw new SaslAuthenticationFailed('authorization id must be empty or equal to the username');
    if (!this.users.checkPassword(username, password)) throw new SaslAuthenticationFailed(INVALID_CREDENTIALS);
    return { challenge: Buffer.alloc(0), principal: username };
  }
}

/** RFC 5802 `saslname`: ',' and '=' escaped as '=2C' and '=3D'; any other '=' fails the authentication. */
function decodeSaslName(value: string): string {
  if (!/^(?:[^=,]|=2C|=3D)+$/.test(value)) throw new SaslAuthenticationFailed(`invalid SCRAM username "${value}"`);
  return value.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** printable ASCII except ',' (RFC 5802 §7 `nonce`). */
const NONCE = /^[\x21-\x2b\x2d-\x7e]+$/;

/**
 * RFC 5802 server side, without channel binding (SCRAM-…-PLUS is not offered):
 *   client-first  n,[a=authzid],n=user,r=cnonce[,ext]   →  server-first  r=cnonce+snonce,s=salt,i=4096
 *   client-final  c=base64(gs2-header),r=nonce[,ext],p=proof   →  server-final  v=ServerSignature
 */
class ScramExchange implements SaslExchange {
  private step: 'first' | 'final' | 'done' = 'first';
  private username = '';
  private gs2Header = '';
  private nonce = '';
  private clientFirstBare = '';
  private serverFirst = '';
  private credential!: ScramCredential;

  constructor(
    private readonly users: SaslUsers,
    private readonly digest: Digest,
    private readonly mechanism: SaslMechanism,
  ) {}

  evaluate(token: Buffer): { challenge: Buffer; principal: string | null } {
    const message = token.toString('utf8');
    if (this.step === 'first') return { challenge: Buffer.from(this.clientFirst(message), 'utf8'), principal: null };
    if (this.step === 'final') return { challenge: Buffer.from(this.clientFinal(message), 'utf8'), principal: this.username };
    throw new SaslAuthenticationFailed(`${this.mechanism} exchange already complete`);
  }

  private clientFirst(message: string): string {
    const fail = (why: string) => new SaslAuthenticationFailed(`invalid ${this.mechanism} client-first-message: ${why}`);
    const parts = message.split(',');
    if (parts.length < 4) throw fail('expected gs2-header, n=username and r=nonce');
    const [cbind, authzidPart, ...bare] = parts;
    if (cbind.startsWith('p=')) throw fail('channel binding is not supported');
    if (cbind !== 'n' && cbind !== 'y') throw fail(`unknown gs2 channel-binding flag "${cbind}"`);
    if (authzidPart && !authzidPart.startsWith('a=')) throw fail('malformed authorization id');
    if (bare[0].startsWith('m=')) throw fail('mandatory extensions are not supported');
    if (!bare[0].startsWith('n=')) throw fail('expected n=username');
    if (!bare[1]?.startsWith('r=')) throw fail('expected r=nonce');
    const username = decodeSaslName(bare[0].slice(2));
    const clientNonce = bare[1].slice(2);
    if (!NONCE.test(clientNonce)) throw fail('invalid nonce');
    // Extensions after the nonce: Kafka's only one, tokenauth, is for delegation tokens, which this broker has not.
    for (const ext of bare.slice(2)) if (/^tokenauth=true$/i.test(ext)) throw fail('delegation tokens are not supported');
    if (authzidPart && decodeSaslName(authzidPart.slice(2)) !== username) {
      throw new SaslAuthenticationFailed('authorization id must be empty or equal to the username');
    }
    this.username = username;
    this.gs2Header = `${cbind},${authzidPart},`;
    this.clientFirstBare = bare.join(',');
    this.credential = this.users.credential(username, this.digest).credential;
    this.nonce = clientNonce + randomBytes(24).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.credential.salt.toString('base64')},i=${this.credential.iterations}`;
    this.step = 'final';
    return this.serverFirst;
  }

  private clientFinal(message: string): string {
    const fail = (why: string) => new SaslAuthenticationFailed(`invalid ${this.mechanism} client-final-message: ${why}`);
    const proofAt = message.lastIndexOf(',p=');
    if (proofAt < 0) throw fail('no proof');
    const withoutProof = message.slice(0, proofAt);
    const [channelBinding, nonce] = withoutProof.split(',');
    if (!channelBinding?.startsWith('c=') || Buffer.from(channelBinding.slice(2), 'base64').toString('utf8') !== this.gs2Header) {
      throw fail('channel binding data does not match the gs2 header of the first message');
    }
    // RFC 5802 wants the nonce echoed exactly. librdkafka (2.0 and later) sends its own nonce again in front of the
    // server's combined one (r=cnonce+cnonce+snonce), and Kafka's ScramSaslServer accepts any nonce that ends with
    // the one it sent; so does this broker. The proof covers the message as sent, so nothing is lost.
    if (!nonce?.startsWith('r=') || !nonce.endsWith(this.nonce)) throw fail('nonce does not match the server-first-message');
    const proof = Buffer.from(message.slice(proofAt + 3), 'base64');
    const { storedKey, serverKey } = this.credential;
    this.step = 'done';
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(this.digest, storedKey, authMessage);
    if (proof.length !== clientSignature.length) throw new SaslAuthenticationFailed(INVALID_CREDENTIALS);
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ clientSignature[i];
    if (!timingSafeEqual(hash(this.digest, clientKey), storedKey)) throw new SaslAuthenticationFailed(INVALID_CREDENTIALS);
    return `v=${hmac(this.digest, serverKey, authMessage).toString('base64')}`;
  }
}

/** What SaslHandshake and SaslAuthenticate answer, and whether the connection closes after the answer. */
export interface SaslOutcome {
  errorCode: number;
  errorMessage: string | null;
  closeReason: string | null;
}

const API_VERSIONS = 18;
const SASL_HANDSHAKE = 17;
const SASL_AUTHENTICATE = 36;

/**
 * One connection's authentication (the server half of Kafka's SaslServerAuthenticator):
 *   open          the broker has no credentials: every request is served, the principal stays null
 *   handshake     only ApiVersions and SaslHandshake (and SaslAuthenticate, which is refused with ILLEGAL_SASL_STATE)
 *   authenticate  after SaslHandshake v1: only SaslAuthenticate, whose auth_bytes carry the tokens (KIP-152)
 *   raw-tokens    after SaslHandshake v0: the next frames are bare size-prefixed SASL tokens, no request header (KIP-43)
 *   complete      authenticated: every request is served on behalf of `principal`
 *   failed        the answer that says so is on its way and the connection closes after it
 */
export class SaslSession {
  phase: 'open' | 'handshake' | 'authenticate' | 'raw-tokens' | 'complete' | 'failed';
  principal: string | null = null;
  mechanism: SaslMechanism | null = null;
  private exchange: SaslExchange | null = null;

  constructor(
    readonly users: SaslUsers | null,
    private readonly log: (event: Record<string, unknown>) => void,
    private readonly client: string,
  ) {
    this.phase = users ? 'handshake' : 'open';
  }

  /** Whether a request of this API may be served now; one that may not closes the connection, as Kafka does. */
  mayServe(apiKey: number): boolean {
    switch (this.phase) {
      case 'open':
      case 'complete':
        return true;
      case 'handshake':
        return apiKey === API_VERSIONS || apiKey === SASL_HANDSHAKE || apiKey === SASL_AUTHENTICATE;
      case 'authenticate':
        return apiKey === SASL_AUTHENTICATE;
      default:
        return false;
    }
  }

  get expectsRawTokens(): boolean {
    return this.phase === 'raw-tokens';
  }

  handshake(requested: string, version: number): SaslOutcome {
    if (this.phase === 'open') {
      this.log({ event: 'sasl.refused', client: this.client, reason: 'SaslHandshake on a broker started without SASL credentials' });
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: null, closeReason: null };
    }
    if (this.phase === 'complete') {
      // Re-authentication (KIP-368) is not offered: SaslAuthenticate v1 answers session_lifetime_ms = 0.
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: null, closeReason: null };
    }
    if (this.phase !== 'handshake') return this.fail(ErrorCode.ILLEGAL_SASL_STATE, `SaslHandshake during ${this.phase}`);
    const mechanism = this.users!.mechanisms.find((m) => m === requested);
    if (!mechanism) return this.fail(ErrorCode.UNSUPPORTED_SASL_MECHANISM, `SASL mechanism "${requested}" is not enabled`);
    this.mechanism = mechanism;
    this.exchange = this.users!.exchange(mechanism);
    this.phase = version >= 1 ? 'authenticate' : 'raw-tokens';
    return { errorCode: ErrorCode.NONE, errorMessage: null, closeReason: null };
  }

  /** A token, framed in SaslAuthenticate (handshake v1) or bare (handshake v0): the server's token in answer. */
  authenticate(token: Buffer, framed: boolean): SaslOutcome & { challenge: Buffer } {
    const none = Buffer.alloc(0);
    if (this.phase === 'open') {
      const message = 'SASL is not enabled on this broker: it was started without credentials';
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: message, closeReason: null, challenge: none };
    }
    if (this.phase === 'complete') {
      const message = 'SaslAuthenticate request received after successful authentication';
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: message, closeReason: null, challenge: none };
    }
    if (this.phase !== (framed ? 'authenticate' : 'raw-tokens')) {
      const message = framed ? 'SaslAuthenticate before a SaslHandshake v1 chose the mechanism' : `SASL token during ${this.phase}`;
      return { ...this.fail(ErrorCode.ILLEGAL_SASL_STATE, message), challenge: none };
    }
    try {
      const { challenge, principal } = this.exchange!.evaluate(token);
      if (principal !== null) {
        this.principal = principal;
        this.phase = 'complete';
        this.exchange = null;
        this.log({ event: 'sasl.authenticated', client: this.client, principal, mechanism: this.mechanism });
      }
      return { errorCode: ErrorCode.NONE, errorMessage: null, closeReason: null, challenge };
    } catch (err) {
      if (!(err instanceof SaslAuthenticationFailed)) throw err;
      return { ...this.fail(ErrorCode.SASL_AUTHENTICATION_FAILED, `Authentication failed (${this.mechanism}): ${err.message}`), challenge: none };
    }
  }

  private fail(errorCode: number, message: string): SaslOutcome {
    this.phase = 'failed';
    this.exchange = null;
    this.log({ event: 'sasl.failed', client: this.client, mechanism: this.mechanism, reason: message });
    return { errorCode, errorMessage: message, closeReason: message };
  }
}
