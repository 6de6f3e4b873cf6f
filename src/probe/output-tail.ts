/** Keeps the last `limit` bytes of a stream so a child printing megabytes costs nothing. */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;

  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  private pushed = 0;

  push(chunk: Buffer): void {
    this.pushed += chunk.length;
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.limit && this.chunks.length > 1) {
      this.size -= this.chunks.shift()?.length ?? 0;
    }
  }

  text(): string {
    return this.kept().toString("utf8");
  }

  /** How many bytes were pushed so far: a mark for split(). */
  mark(): number {
    return this.pushed;
  }

  /** The kept text, cut where `mark` was taken: what came before it and what came after. */
  split(mark: number): { before: string; after: string } {
    const kept = this.kept();
    const afterBytes = Math.min(kept.length, this.pushed - mark);
    const cut = kept.length - afterBytes;
    return { before: kept.subarray(0, cut).toString("utf8"), after: kept.subarray(cut).toString("utf8") };
  }

  private kept(): Buffer {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit));
  }
}
