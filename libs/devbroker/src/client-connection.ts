import type { Socket } from 'net';
import type { BrokerNode } from './api';
import { MalformedRequest, Reader } from './protocol/reader';
import { Writer } from './protocol/writer';

/**
 * Framing on one client socket: size-prefixed requests in, responses out in request order (Kafka answers
 * a connection's requests in the order they came, even when a long-polling Fetch finishes after a later one).
 */
export class ClientConnection {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly inFlight: { done: boolean; response: Buffer | null }[] = [];
  private closeResolve!: () => void;
  readonly closed = new Promise<void>((r) => (this.closeResolve = r));
  private isClosed = false;

  constructor(
    private readonly socket: Socket,
    private readonly broker: BrokerNode,
  ) {
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

  private onData(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= 4 && !this.isClosed) {
      const head = this.pending[0].length >= 4 ? this.pending[0] : this.flatten();
      const size = head.readInt32BE(0);
      if (size < 8 || size > this.broker.options.maxRequestBytes) {
        this.abort(`request size ${size} outside 8..${this.broker.options.maxRequestBytes}`);
        return;
      }
      if (this.pendingBytes < size + 4) return;
      const all = this.flatten();
      const frame = all.subarray(4, 4 + size);
      const rest = all.subarray(4 + size);
      this.pending = rest.length ? [rest] : [];
      this.pendingBytes = rest.length;
      this.dispatch(frame);
    }
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
    const slot = { done: false, response: null as Buffer | null };
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
    const supported = apiVersion >= api.minVersion && apiVersion <= api.maxVersion;
    try {
      if (!supported && !api.answersUnsupportedVersions) {
        this.abort(`${api.name} v${apiVersion} is not supported (v${api.minVersion}-v${api.maxVersion})`);
        return;
      }
      // Request header v1: the client id follows the correlation id (flexible headers only in versions not offered).
      const clientId = supported ? reader.nullableString() ?? '' : '';
      const ctx = { apiKey, apiVersion, correlationId, clientId, clientHost: this.clientHost, broker: this.broker, closed: this.closed };
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
    const reason = err instanceof MalformedRequest ? `malformed ${api} v${version}: ${err.message}` : `${api} v${version} failed: ${(err as Error)?.stack ?? err}`;
    this.abort(reason);
  }

  private flush(): void {
    while (this.inFlight.length && this.inFlight[0].done) {
      const { response } = this.inFlight.shift()!;
      if (response && !this.isClosed) this.socket.write(response);
    }
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
