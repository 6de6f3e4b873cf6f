import { readSync, writeSync } from "node:fs";
import { TOKEN_BYTES, type ProbeMessage } from "./protocol.js";

// A synchronous write to an inherited pipe works from every thread, including while the main
// loop is blocked; a MessagePort would not (runtime-facts §4.7). Every line starts with the
// run's token, which only the preload knows: a grandchild that inherited fd 3 cannot forge one.
let fd = -1;
let prefix = "";
let broken = true;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Lines queued by `queue`, written by the next `send` or `flush`. */
let queued: string[] = [];
/** Bytes a full pipe did not take yet: written before anything else, so lines stay whole and ordered. */
let backlog: Buffer | null = null;
const QUEUE_LIMIT = 128;
/** Past this the parent is gone or not reading: stop rather than grow the app's memory. */
const BACKLOG_LIMIT = 32 * 1024 * 1024;

export function configureChannel(channelFd: number, token: string): void {
  fd = channelFd;
  prefix = `${token} `;
  broken = !Number.isInteger(fd) || fd < 0 || token.length === 0;
}

/** What the parent handed over on fd 3: its token, or nothing; `closed` when its end was closed first. */
export interface TokenRead {
  token: string;
  closed: boolean;
}

/**
 * Reads the token the parent writes on fd 3 right after spawning (fd 3 is a socket pair, so it
 * reads both ways). Spins briefly: the parent writes before the runtime has even started.
 */
export function readToken(channelFd: number): TokenRead {
  const buffer = Buffer.alloc(TOKEN_BYTES * 2 + 1);
  let got = 0;
  let closed = false;
  const deadline = Date.now() + 5000;
  while (got < buffer.length && Date.now() < deadline) {
    try {
      const n = readSync(channelFd, buffer, got, buffer.length - got, null);
      if (n === 0) {
        closed = true;
        break;
      }
      got += n;
      if (buffer.subarray(0, got).includes(0x0a)) break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ECONNRESET") closed = true;
      if (code !== "EAGAIN") break;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
  const token = buffer.subarray(0, got).toString("utf8").split("\n")[0] ?? "";
  return { token, closed: closed && token.length === 0 };
}

export function send(message: ProbeMessage): void {
  queued.push(prefix + JSON.stringify(message));
  flush();
}

/**
 * Module enter/exit events: one write per batch instead of per module (a pipe write per event
 * cost ~3% of a 1,000-module import). Flushed by the next `send`, the heartbeat, the exit
 * handler, and the watchdog when the main thread is blocked (see watchdog.ts).
 */
export function queue(message: ProbeMessage): void {
  queued.push(prefix + JSON.stringify(message));
  if (queued.length >= QUEUE_LIMIT) flush();
}

/** `final`: the process is exiting, wait for the parent to take everything. */
export function flush(final = false): void {
  if (broken) {
    queued = [];
    return;
  }
  // Taken first, so a flush evaluated by the watchdog in the middle of this one writes nothing twice.
  const lines = queued;
  queued = [];
  const fresh = lines.length > 0 ? Buffer.from(`${lines.join("\n")}\n`, "utf8") : null;
  const bytes = backlog && fresh ? Buffer.concat([backlog, fresh]) : (backlog ?? fresh);
  backlog = null;
  if (bytes) write(bytes, final);
}

function write(bytes: Buffer, final: boolean): void {
  let offset = 0;
  let spins = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EAGAIN") {
        broken = true;
        return;
      }
      // A parent busy elsewhere (a long scan) reads late: keep the rest for the next flush
      // instead of stalling the app; only an exiting process waits for it.
      if (!final || spins++ > 2000) {
        backlog = bytes.subarray(offset);
        if (backlog.length > BACKLOG_LIMIT) broken = true;
        return;
      }
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
