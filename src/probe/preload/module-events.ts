// The functions the wrapped module code calls on entering and leaving its body.
import { send } from "./channel.js";
import { ENTER_GLOBAL, EXIT_GLOBAL } from "./wrap-source.js";

export function installModuleEvents(): void {
  Object.defineProperty(globalThis, ENTER_GLOBAL, { value: moduleEnter, enumerable: false });
  Object.defineProperty(globalThis, EXIT_GLOBAL, { value: moduleExit, enumerable: false });
}

export function moduleEnter(u: string): void {
  send({ t: "enter", u, ms: round(performance.now()) });
}

export function moduleExit(u: string): void {
  send({ t: "exit", u, ms: round(performance.now()) });
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export function reportError(error: unknown): void {
  if (error instanceof Error) {
    send({ t: "error", name: error.name, message: error.message, stack: String(error.stack ?? "") });
  } else {
    send({ t: "error", name: "NonError", message: String(error), stack: "" });
  }
}
