// Timers. An unref'd timer keeps nothing alive. process.nextTick, queueMicrotask and
// setImmediate run before the loop waits on I/O: they are not listed.
import type { KnowledgeEntry } from "./types.js";

const EVIDENCE = "nodejs.org/api/timers.html#timeoutunref (an active timer keeps the event loop alive unless unref() is called); fixtures/knowledge/timers";

export const timers: readonly KnowledgeEntry[] = [
  {
    package: "node:timers",
    versions: ">=18",
    api: "setInterval()",
    global: "setInterval",
    starts: "timer",
    lazyWhen: [{ calledAfter: "unref" }],
    effect: "starts a timer that repeats until cleared",
    lazy: "start it from an explicit start() that the bootstrap calls after startup, and .unref() it if it must not keep the process alive",
    evidence: EVIDENCE,
  },
  {
    package: "node:timers",
    versions: ">=18",
    api: "setTimeout()",
    global: "setTimeout",
    starts: "timer",
    lazyWhen: [{ calledAfter: "unref" }],
    effect: "starts a timer",
    lazy: "start it from an explicit start() that the bootstrap calls after startup, and .unref() it if it must not keep the process alive",
    evidence: EVIDENCE,
  },
];
