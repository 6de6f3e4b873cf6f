// Parses files on worker threads (how many: run/default-workers.ts): the TypeScript parse and the
// fact walks are most of a scan's time and need nothing from other files (design.md, "Analysis
// off the main thread"). Each worker keeps requests queued (PER_WORKER) so that it never waits
// for the coordinator between files.
import type { Worker } from "node:worker_threads";
import type { ParsedFile, ParseOptions } from "../parse.js";
import type { ParseReply, ParseRequest } from "./messages.js";
import { compiledWorkerUrl, startWorker } from "./worker-file.js";

export interface ParsePool {
  readonly size: number;
  /** Requests the pool takes at once; more wait in the caller's queue. */
  readonly capacity: number;
  parse(file: string, options: ParseOptions): Promise<ParsedFile>;
  close(): Promise<void>;
}

// Enough queued that a worker keeps parsing through the coordinator's pauses: at 100k modules its
// full collections of a 1.5 GB heap left each worker idle 17 s of 81 with 4 queued (54.8-64.2 s
// against 66.6-69.8 s with 32, alternating runs). Results wait only as long as the coordinator.
const PER_WORKER = 32;

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (p: ParsedFile) => void; reject: (e: Error) => void }>;
}

export interface PoolOptions {
  /** --cache: workers load the compiler through the V8 code cache. */
  codeCache?: boolean;
}

export function createParsePool(size: number, options: PoolOptions = {}): ParsePool {
  const url = compiledWorkerUrl("./parse-worker.js", import.meta.url);
  const slots: Slot[] = [];
  let failure: Error | null = null;
  const failAll = (error: Error): void => {
    failure ??= error;
    for (const slot of slots) {
      for (const p of slot.pending.values()) p.reject(failure);
      slot.pending.clear();
    }
  };
  for (let i = 0; i < size; i++) {
    // The workers print nothing and read nothing from stdin; their output must not keep pipes open.
    const worker = startWorker(url, { stdout: false, stderr: false, stdin: false, workerData: { codeCache: options.codeCache === true } });
    const slot: Slot = { worker, pending: new Map() };
    worker.on("message", (reply: ParseReply) => {
      const waiting = slot.pending.get(reply.id);
      if (!waiting) return;
      slot.pending.delete(reply.id);
      if ("error" in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.parsed);
    });
    worker.on("error", (error) => failAll(error));
    worker.on("exit", (code) => {
      if (slot.pending.size > 0) failAll(new Error(`parse worker stopped (exit ${code})`));
    });
    slots.push(slot);
  }
  let nextId = 0;
  return {
    size,
    capacity: size * PER_WORKER,
    parse(file, options) {
      if (failure) return Promise.reject(failure);
      // The least busy worker; ties go to the first.
      let slot = slots[0];
      for (const s of slots) if (s.pending.size < slot.pending.size) slot = s;
      const id = nextId++;
      return new Promise<ParsedFile>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, file, options } satisfies ParseRequest);
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
