// Startup work (a connection attempt, a lookup, a retry timer, an error) as the report shows it:
// the project's own line, the library it called into, and the async chain of the startup
// function. Pure.
import type { ProbeWork } from "../report/types.js";
import { toReportPath } from "./paths.js";
import type { WireOp } from "./preload/protocol.js";
import { isUserFrame, parseFrame, type Frame } from "./stack-frames.js";

const PACKAGE = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;

export function describeWork(op: WireOp): string {
  switch (op.kind) {
    case "connect":
      return `connect to ${op.target}${op.attempts && op.attempts > 1 ? ` (${op.attempts} attempts${op.failing ? ", retrying" : ""})` : op.failing ? " (failed)" : ""}`;
    case "dns":
      return `DNS lookup of ${op.target}`;
    case "timer":
      return `timer: ${op.target}`;
    case "child-process":
      return op.target;
  }
}

/**
 * `stack`: the call that started the work; `origin`: the earlier resource that led to it (a
 * retry timer's first socket), used when the call itself came from inside a library.
 */
export function workFromStack(kind: ProbeWork["kind"], stack: string[], origin: string[], root: string, preloadDir: string): ProbeWork {
  const work: ProbeWork = { kind, description: "" };
  const own = locate(stack, root, preloadDir) ?? locate(origin, root, preloadDir);
  if (own) {
    work.file = own.file;
    work.line = own.line;
    if (own.library) work.library = own.library;
  } else {
    const library = libraryOf(stack.map(parseFrame).filter((frame): frame is Frame => frame !== null));
    if (library) work.library = library;
  }
  const chain = asyncChain([...stack, ...origin], root, preloadDir);
  // The synchronous project frames under the last await close the chain, outermost first.
  if (chain.length > 0) {
    const sync = stack.slice(0, Math.max(0, stack.findIndex((line) => line.trim().startsWith("at async "))));
    for (const frame of sync.map(parseFrame).reverse()) {
      if (!frame?.fn || frame.fn === "<anonymous>" || !isUserFrame(frame, preloadDir)) continue;
      const entry = `${frame.fn} (${toReportPath(root, frame.file)}:${frame.line})`;
      if (!chain.includes(entry)) chain.push(entry);
    }
    work.asyncChain = chain;
  }
  return work;
}

export function errorWork(error: { name: string; message: string; stack: string }, root: string, preloadDir: string): ProbeWork {
  const work = workFromStack("error", error.stack.split("\n"), [], root, preloadDir);
  work.description = `${error.name}: ${error.message}`;
  return work;
}

function locate(stack: string[], root: string, preloadDir: string): { file: string; line: number; library?: string } | null {
  const frames = stack.map(parseFrame).filter((frame): frame is Frame => frame !== null);
  const at = frames.findIndex((frame) => isUserFrame(frame, preloadDir));
  if (at < 0) return null;
  const frame = frames[at] as Frame;
  const library = libraryOf(frames.slice(0, at).reverse());
  return library ? { file: toReportPath(root, frame.file), line: frame.line, library } : { file: toReportPath(root, frame.file), line: frame.line };
}

/** The package of the first dependency frame (callers of the project's line come first). */
function libraryOf(frames: Frame[]): string | null {
  for (const frame of frames) {
    const match = PACKAGE.exec(frame.file);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** `at async bootstrap (src/main.ts:12:3)` frames, outermost first, deduplicated. */
function asyncChain(stack: string[], root: string, preloadDir: string): string[] {
  const out: string[] = [];
  for (const line of stack) {
    const text = line.trim();
    if (!text.startsWith("at async ")) continue;
    const frame = parseFrame(text);
    if (!frame || frame.file.startsWith(preloadDir) || frame.file.startsWith("node:")) continue;
    const library = PACKAGE.exec(frame.file)?.[1];
    const where = library ? library : `${toReportPath(root, frame.file)}:${frame.line}`;
    // An unnamed frame (a module's top-level await, a promise executor) names no function to follow.
    if (!frame.fn || frame.fn === "<anonymous>") continue;
    const entry = `${frame.fn} (${where})`;
    if (!out.includes(entry)) out.push(entry);
  }
  return out.reverse();
}
