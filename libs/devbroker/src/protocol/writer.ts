/** Writes Kafka protocol primitives (non-flexible encoding) into a growing buffer. */
export class Writer {
  private buf: Buffer;
  private length = 0;

  constructor(initialCapacity = 256) {
    this.buf = Buffer.allocUnsafe(initialCapacity);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  int8(v: number): this {
    this.reserve(1);
    this.buf.writeInt8(v, this.length);
    this.length += 1;
    return this;
  }

  boolean(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  int16(v: number): this {
    this.reserve(2);
    this.buf.writeInt16BE(v, this.length);
    this.length += 2;
    return this;
  }

  int32(v: number): this {
    this.reserve(4);
    this.buf.writeInt32BE(v, this.length);
    this.length += 4;
    return this;
  }

  int64(v: number | bigint): this {
    this.reserve(8);
    this.buf.writeBigInt64BE(BigInt(v), this.length);
    this.length += 8;
    return this;
  }

  nullableString(s: string | null): this {
    if (s === null) return this.int16(-1);
    const len = Buffer.byteLength(s);
    this.int16(len);
    this.reserve(len);
    this.buf.write(s, this.length, 'utf8');
    this.length += len;
    return this;
  }

  string(s: string): this {
    return this.nullableString(s);
  }

  nullableBytes(b: Buffer | null): this {
    if (b === null) return this.int32(-1);
    this.int32(b.length);
    return this.raw(b);
  }

  bytes(b: Buffer): this {
    return this.nullableBytes(b);
  }

  raw(b: Buffer): this {
    this.reserve(b.length);
    b.copy(this.buf, this.length);
    this.length += b.length;
    return this;
  }

  array<T>(items: readonly T[], item: (w: Writer, v: T, index: number) => void): this {
    this.int32(items.length);
    for (let i = 0; i < items.length; i++) item(this, items[i], i);
    return this;
  }

  nullableArray<T>(items: readonly T[] | null, item: (w: Writer, v: T, index: number) => void): this {
    if (items === null) return this.int32(-1);
    return this.array(items, item);
  }

  toBuffer(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}
