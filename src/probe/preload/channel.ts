import { writeSync } from "node:fs";
import { ENV_FD, type ProbeMessage } from "./protocol.js";

// A synchronous write to an inherited pipe works from every thread, including while the main
// loop is blocked; a MessagePort would not (runtime-facts §4.7).
const fd = Number(process.env[ENV_FD] ?? "3");
let broken = Number.isNaN(fd);
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Lines queued by `queue`, written by the next `send` or `flush`. */
let queued: string[] = [];
const QUEUE_LIMIT = 128;

export function send(message: ProbeMessage): void {
  queued.push(JSON.stringify(message));
  flush();
}

/**
 * Module enter/exit events: one write per batch instead of per module (a pipe write per event
 * cost ~3% of a 1,000-module import). Flushed by the next `send`, the heartbeat, the exit
 * handler, and the watchdog when the main thread is blocked (see watchdog.ts).
 */
export function queue(message: ProbeMessage): void {
  queued.push(JSON.stringify(message));
  if (queued.length >= QUEUE_LIMIT) flush();
}

export function flush(): void {
  if (queued.length === 0) return;
  // Taken first, so a flush evaluated by the watchdog in the middle of this one writes nothing twice.
  const lines = queued;
  queued = [];
  write(Buffer.from(`${lines.join("\n")}\n`, "utf8"));
}

function write(bytes: Buffer): void {
  if (broken) return;
  let offset = 0;
  let spins = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // The parent drains the pipe continuously; a full pipe only needs a moment.
      if (code === "EAGAIN" && spins++ < 2000) {
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      broken = true;
      return;
    }
  }
}
