// The functions the wrapped module code calls on entering and leaving its body.
import { flush, queue, send } from "./channel.js";
import { nextSeq } from "./sequence.js";
import { ENTER_GLOBAL, EXIT_GLOBAL, FLUSH_GLOBAL } from "./wrap-source.js";

let batched = false;
let mainUrl: string | null = null;
let evaluated: (() => void) | null = null;

/** Called once the entry module's body (top-level await included) has finished. */
export function onEvaluated(callback: () => void): void {
  evaluated = callback;
}

/**
 * `batch`: queue enter/exit events (only where something flushes a blocked main thread: Node's
 * watchdog); the entry's own exit is always written at once, since the parent times it.
 */
export function installModuleEvents(options: { batch: boolean; mainUrl: string }): void {
  batched = options.batch;
  mainUrl = options.mainUrl;
  Object.defineProperty(globalThis, ENTER_GLOBAL, { value: moduleEnter, enumerable: false });
  Object.defineProperty(globalThis, EXIT_GLOBAL, { value: moduleExit, enumerable: false });
  Object.defineProperty(globalThis, FLUSH_GLOBAL, { value: flush, enumerable: false });
}

export function moduleEnter(u: string): void {
  const s = nextSeq();
  const message = s === undefined ? { t: "enter" as const, u, ms: round(performance.now()) } : { t: "enter" as const, u, ms: round(performance.now()), s };
  if (batched) queue(message);
  else send(message);
}

export function moduleExit(u: string): void {
  const s = nextSeq();
  const message = s === undefined ? { t: "exit" as const, u, ms: round(performance.now()) } : { t: "exit" as const, u, ms: round(performance.now()), s };
  if (batched && u !== mainUrl) queue(message);
  else send(message);
  if (u === mainUrl) evaluated?.();
}

/** The body of `u` threw: it ended, but did not finish (the main module is then not evaluated). */
export function moduleThrew(u: string): void {
  const s = nextSeq();
  const message = { t: "exit" as const, u, ms: round(performance.now()), threw: true as const, ...(s === undefined ? {} : { s }) };
  if (batched && u !== mainUrl) queue(message);
  else send(message);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** `origin`: "uncaughtException" or "unhandledRejection" (uncaughtExceptionMonitor's second argument). */
export function reportError(error: unknown, origin?: string): void {
  const ms = round(performance.now());
  const how = origin ? { origin } : {};
  if (error instanceof Error) {
    send({ t: "error", name: error.name, message: error.message, stack: String(error.stack ?? ""), ms, ...how });
  } else {
    send({ t: "error", name: "NonError", message: String(error), stack: "", ms, ...how });
  }
}
