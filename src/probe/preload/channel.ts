import { writeSync } from "node:fs";
import { ENV_FD, type ProbeMessage } from "./protocol.js";

// A synchronous write to an inherited pipe works from every thread, including while the main
// loop is blocked; a MessagePort would not (runtime-facts §4.7).
const fd = Number(process.env[ENV_FD] ?? "3");
let broken = Number.isNaN(fd);
const pause = new Int32Array(new SharedArrayBuffer(4));

export function send(message: ProbeMessage): void {
  if (broken) return;
  const bytes = Buffer.from(`${JSON.stringify(message)}\n`, "utf8");
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
