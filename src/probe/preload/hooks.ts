// Module customization hooks, registered after tsx so `nextLoad` returns tsx's JavaScript
// (runtime-facts §4.3). They run on the hooks thread.
import type { LoadHook, ResolveHook } from "node:module";
import { configureChannel, send } from "./channel.js";
import { nextSeq, useSequence } from "./sequence.js";
import { startWatchdog, type WatchdogData } from "./watchdog.js";
import { wrapSource } from "./wrap-source.js";

export interface HooksData extends WatchdogData {
  sequence: SharedArrayBuffer;
  /** The channel, handed over explicitly: the preload removed it from the environment. */
  token: string;
}

export function initialize(data: HooksData | undefined): void {
  if (!data) return;
  configureChannel(data.guard.fd, data.token);
  useSequence(data.sequence);
  startWatchdog(data);
}

const seenEdges = new Set<string>();

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const result = await nextResolve(specifier, context);
  const from = context.parentURL;
  // parent -> url edges name the module a pending import() waits for (runtime-facts §4.4).
  if (from?.startsWith("file:") && result.url.startsWith("file:")) {
    const key = `${from}\n${result.url}`;
    if (!seenEdges.has(key)) {
      seenEdges.add(key);
      const s = nextSeq();
      send(s === undefined ? { t: "edge", from, to: result.url } : { t: "edge", from, to: result.url, s });
    }
  }
  return result;
};

export const load: LoadHook = async (url, context, nextLoad) => {
  const result = await nextLoad(url, context);
  if (!url.startsWith("file:") || result.source === undefined || result.source === null) return result;
  // A CommonJS module with source (a .cts imported from ESM) bypasses Module#_compile
  // (runtime-facts §4.6); without source it reaches _compile, wrapped by the preload.
  if (result.format !== "module" && result.format !== "commonjs") return result;
  return { ...result, source: wrapSource(sourceText(result.source), url) };
};

function sourceText(source: string | ArrayBuffer | NodeJS.TypedArray): string {
  if (typeof source === "string") return source;
  if (source instanceof ArrayBuffer) return Buffer.from(source).toString("utf8");
  return Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString("utf8");
}
