// Runs in a Worker: when the main thread's heartbeat goes stale it is busy, not idle
// (runtime-facts §4.9); pause it through the inspector and read its source-mapped stack (§4.8).
import { Session } from "node:inspector";
import { workerData } from "node:worker_threads";
import { send } from "./channel.js";

const data = workerData as { heartbeat: SharedArrayBuffer; blockMs: number };
const heartbeat = new BigInt64Array(data.heartbeat);
const blockMs = data.blockMs;
// Evaluated in the paused frame: `new Error().stack` is source-mapped, raw call frames are not.
const STACK_EXPRESSION =
  "(() => { const l = Error.stackTraceLimit; Error.stackTraceLimit = 50; const s = new Error().stack; Error.stackTraceLimit = l; return s; })()";

let session: Session | null = null;
let sampling = false;
let lastSampleAt = 0;

// This interval stays ref'd: the Worker must keep its own loop alive (runtime-facts §4.8); the
// Worker itself is unref'd by the main thread.
setInterval(check, Math.max(25, Math.floor(blockMs / 4)));

function check(): void {
  const age = Date.now() - Number(Atomics.load(heartbeat, 0));
  if (age < blockMs || sampling || Date.now() - lastSampleAt < blockMs) return;
  sampling = true;
  lastSampleAt = Date.now();
  sample(age);
}

function sample(age: number): void {
  try {
    if (!session) {
      session = new Session();
      session.connectToMainThread();
    }
    const current = session;
    current.once("Debugger.paused", (message) => {
      const frame = message.params.callFrames[0];
      if (!frame) return finish(current, null, age);
      current.post(
        "Debugger.evaluateOnCallFrame",
        { callFrameId: frame.callFrameId, expression: STACK_EXPRESSION, silent: true },
        (error, result) => finish(current, error ? null : withoutEvalFrames(String(result.result.value ?? "")), age),
      );
    });
    current.post("Debugger.enable", () => current.post("Debugger.pause"));
  } catch {
    sampling = false;
  }
}

function finish(current: Session, stack: string | null, age: number): void {
  if (stack) send({ t: "stack", stack, ageMs: age });
  current.post("Debugger.resume", () => {
    current.post("Debugger.disable", () => {
      sampling = false;
    });
  });
}

/** Drops the frames of our own evaluated expression from the top of the stack. */
function withoutEvalFrames(stack: string): string {
  const lines = stack.split("\n");
  let first = 1;
  while (first < lines.length && (lines[first] ?? "").includes("<anonymous>") && (lines[first] ?? "").includes("eval")) first++;
  return [lines[0], ...lines.slice(first)].join("\n");
}
