import type { Socket } from 'net';
import type { BrokerNode, RequestContext } from './api';
import { MalformedRequest, Reader } from './protocol/reader';
import { Writer } from './protocol/writer';
import { SaslSession } from './sasl';

interface Slot {
  done: boolean;
  response: Buffer | null;
  /** Close the connection once this response is written (a refused authentication). */
  closeAfter: string | null;
}

/** How long a connection closed after its last answer may stay half-open waiting for the client's FIN. */
const LINGER_MS = 5_000;

/**
 * Framing on one client socket: size-prefixed requests in, responses out in request order (Kafka answers
 * a connection's requests in the order they came, even when a long-polling Fetch finishes after a later one).
 * On a broker with SASL users, the connection's SaslSession decides which requests may be served before
 * authentication (others close the connection, as Kafka does), and after SaslHandshake v0 the frames are bare
 * SASL tokens instead of requests.
 */
export class ClientConnection {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly inFlight: Slot[] = [];
  private closeResolve!: () => void;
  readonly closed = new Promise<void>((r) => (this.closeResolve = r));
  private isClosed = false;
  /** Set when a response is the last one: no further frame is read. */
  private closing = false;
  readonly sasl: SaslSession;

  constructor(
    private readonly socket: Socket,
    private readonly broker: BrokerNode,
  ) {
    this.sasl = new SaslSession(broker.saslUsers, broker.options.log, this.clientHost);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => undefined); // a reset by the peer ends the connection like a close
    socket.on('close', () => {
      this.isClosed = true;
      this.closeResolve();
    });
  }

  get clientHost(): string {
    return this.socket.remoteAddress ?? 'unknown';
  }

  /** The SASL username the connection authenticated as; null before that and on a broker without SASL users. */
  get principal(): string | null {
    return this.sasl.principal;
  }

  private onData(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= 4 && !this.isClosed && !this.closing) {
      const head = this.pending[0].length >= 4 ? this.pending[0] : this.flatten();
      const size = head.readInt32BE(0);
      // A bare SASL token (after SaslHandshake v0) has no request header, so it may be shorter than one.
      const min = this.sasl.expectsRawTokens ? 0 : 8;
      if (size < min || size > this.broker.options.maxRequestBytes) {
        this.abort(`request size ${size} outside ${min}..${this.broker.options.maxRequestBytes}`);
        return;
      }
      if (this.pendingBytes < size + 4) return;
      const all = this.flatten();
      const frame = all.subarray(4, 4 + size);
      const rest = all.subarray(4 + size);
      this.pending = rest.length ? [rest] : [];
      this.pendingBytes = rest.length;
      if (this.sasl.expectsRawTokens) this.rawToken(frame);
      else this.dispatch(frame);
    }
  }

  /** After SaslHandshake v0: a bare token in, the mechanism's bare token out; a refusal closes the connection. */
  private rawToken(token: Buffer): void {
    let outcome: ReturnType<SaslSession['authenticate']>;
    try {
      outcome = this.sasl.authenticate(token, false);
    } catch (err) {
      this.fail('SASL token', 0, err);
      return;
    }
    if (outcome.closeReason) {
      // Kafka's v0 flow has no way to say why: it closes the connection.
      this.abort(outcome.closeReason);
      return;
    }
    const out = Buffer.allocUnsafe(4 + outcome.challenge.length);
    out.writeInt32BE(outcome.challenge.length, 0);
    outcome.challenge.copy(out, 4);
    this.inFlight.push({ done: true, response: out, closeAfter: null });
    this.flush();
  }

  private flatten(): Buffer {
    if (this.pending.length > 1) this.pending = [Buffer.concat(this.pending)];
    return this.pending[0];
  }

  private dispatch(frame: Buffer): void {
    const reader = new Reader(frame);
    let apiKey: number;
    let apiVersion: number;
    let correlationId: number;
    try {
      apiKey = reader.int16();
      apiVersion = reader.int16();
      correlationId = reader.int32();
    } catch {
      this.abort('request header truncated');
      return;
    }
    const api = this.broker.api(apiKey);
    const slot: Slot = { done: false, response: null, closeAfter: null };
    this.inFlight.push(slot);
    const respond = (body: Writer | null) => {
      if (body) {
        const b = body.toBuffer();
        const out = Buffer.allocUnsafe(8 + b.length);
        out.writeInt32BE(4 + b.length, 0);
        out.writeInt32BE(correlationId, 4);
        b.copy(out, 8);
        slot.response = out;
      }
      slot.done = true;
      this.flush();
    };
    if (!api) {
      this.abort(`unknown API key ${apiKey}`);
      return;
    }
    if (!this.sasl.mayServe(apiKey)) {
      this.abort(`${api.name} before SASL authentication (${this.sasl.phase})`);
      return;
    }
    const supported = apiVersion >= api.minVersion && apiVersion <= api.maxVersion;
    try {
      if (!supported && !api.answersUnsupportedVersions) {
        this.abort(`${api.name} v${apiVersion} is not supported (v${api.minVersion}-v${api.maxVersion})`);
        return;
      }
      // Request header v1: the client id follows the correlation id (flexible headers only in versions not offered).
      const clientId = supported ? (reader.nullableString() ?? '') : '';
      const ctx: RequestContext = {
        apiKey,
        apiVersion,
        correlationId,
        clientId,
        clientHost: this.clientHost,
        broker: this.broker,
        closed: this.closed,
        principal: this.sasl.principal,
        sasl: this.sasl,
        closeAfterResponse: (reason) => {
          this.closing = true;
          slot.closeAfter = reason;
        },
      };
      const response = new Writer();
      const result = api.handle(ctx, reader, response);
      if (result instanceof Promise) {
        result.then(
          (r) => respond(r === null ? null : response),
          (err) => this.fail(api.name, apiVersion, err),
        );
      } else respond(result === null ? null : response);
    } catch (err) {
      this.fail(api.name, apiVersion, err);
    }
  }

  private fail(api: string, version: number, err: unknown): void {
    const reason =
      err instanceof MalformedRequest ? `malformed ${api} v${version}: ${err.message}` : `${api} v${version} failed: ${(err as Error)?.stack ?? err}`;
    this.abort(reason);
  }

  private flush(): void {
    while (this.inFlight.length && this.inFlight[0].done) {
      const { response, closeAfter } = this.inFlight.shift()!;
      if (response && !this.isClosed) this.socket.write(response);
      if (closeAfter && !this.isClosed) {
        this.endAfterWrites(closeAfter);
        return;
      }
    }
  }

  /** Closes once the answer written last is sent, so the client reads it (the error message) before the close. */
  private endAfterWrites(reason: string): void {
    this.broker.options.log({ event: 'connection.closed', client: this.clientHost, reason });
    this.isClosed = true;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
  }

  /** A request the broker cannot read closes the connection, as Kafka does; the broker keeps serving others. */
  private abort(reason: string): void {
    this.broker.options.log({ event: 'connection.closed', client: this.clientHost, reason });
    this.isClosed = true;
    this.socket.destroy();
  }

  close(): void {
    this.socket.destroy();
  }
}
