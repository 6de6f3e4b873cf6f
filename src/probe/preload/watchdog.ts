// Runs on the module hooks thread: when the main thread's heartbeat goes stale it is busy, not
// idle (runtime-facts §4.9); pause it through the inspector and read its source-mapped stack
// (§4.8). The hooks thread exists anyway (tsx and our hooks live there) and can connect to the
// main thread like any Worker; a Worker of our own cost ~6% of a 1,000-module import.
import { existsSync, readFileSync } from "node:fs";
import { Session } from "node:inspector";
import { send } from "./channel.js";
import { killOwnTree, parentGone, type GuardData } from "./orphan-guard.js";
import { closeGate } from "./spawn-gate.js";
import type { MainThreadCpu } from "./protocol.js";
import { FLUSH_GLOBAL } from "./wrap-source.js";

export interface WatchdogData {
  /** [0]: last main-thread beat (Date.now()), [1]: 1 when the loop ran busy after evaluation (setImmediate loops). */
  heartbeat: SharedArrayBuffer;
  blockMs: number;
  guard: GuardData;
  /** The file that asks for the spawn gate to close (ENV_HOLD); empty without one. */
  hold: string;
}

let heartbeat: BigInt64Array<ArrayBufferLike> = new BigInt64Array(1);
let blockMs = 1000;
let guard: GuardData | null = null;
let lastGuardAt = 0;
const GUARD_EVERY_MS = 200;
// Evaluated in the paused frame: `new Error().stack` is source-mapped, raw call frames are not.
// It first writes the module events the main thread had queued (channel.ts).
const STACK_EXPRESSION = `(() => { globalThis.${FLUSH_GLOBAL}?.(); const l = Error.stackTraceLimit; Error.stackTraceLimit = 50; const s = new Error().stack; Error.stackTraceLimit = l; return s; })()`;

let session: Session | null = null;
let lastStallAt = 0;
/** The main thread's times at each check, oldest first: a stall's CPU share is counted from its last beat. */
let recentTimes: ThreadTimes[] = [];
let sampling = false;
let lastSampleAt = 0;

export function startWatchdog(data: WatchdogData): void {
  heartbeat = new BigInt64Array(data.heartbeat);
  blockMs = data.blockMs;
  guard = data.guard;
  // Ref'd on purpose: the thread must keep running while the main thread is blocked
  // (runtime-facts §4.8); the hooks thread itself never keeps the process alive.
  setInterval(check, Math.max(25, Math.min(GUARD_EVERY_MS, Math.floor(blockMs / 4))));
  const gate = data.guard.gate;
  if (data.hold && gate) {
    const asked = setInterval(() => {
      if (!existsSync(data.hold)) return;
      clearInterval(asked);
      send({ t: "held", clear: closeGate(gate, HOLD_WAIT_MS, () => undefined) });
    }, HOLD_POLL_MS);
  }
}

/** A kill waits for the answer: it comes within a poll, and a spawn in flight gets a moment to finish forking. */
const HOLD_POLL_MS = 10;
const HOLD_WAIT_MS = 250;

function check(): void {
  if (guard && Date.now() - lastGuardAt >= GUARD_EVERY_MS) {
    lastGuardAt = Date.now();
    if (parentGone(guard)) killOwnTree(guard);
  }
  const age = Date.now() - Number(Atomics.load(heartbeat, 0));
  const busy = Atomics.load(heartbeat, 1) === 1n;
  recordTimes(Date.now() - age);
  if (age >= blockMs && Date.now() - lastStallAt >= blockMs) reportStall(age);
  if ((age < blockMs && !busy) || sampling || Date.now() - lastSampleAt < blockMs) return;
  sampling = true;
  lastSampleAt = Date.now();
  sample(age);
}

function sample(age: number): void {
  const cpu = cpuSince(Date.now() - age);
  try {
    if (!session) {
      session = new Session();
      session.connectToMainThread();
    }
    const current = session;
    current.once("Debugger.paused", (message) => {
      const frame = message.params.callFrames[0];
      if (!frame) return finish(current, null, age, cpu);
      current.post(
        "Debugger.evaluateOnCallFrame",
        { callFrameId: frame.callFrameId, expression: STACK_EXPRESSION, silent: true },
        (error, result) => finish(current, error ? null : withoutEvalFrames(String(result.result.value ?? "")), age, cpu),
      );
    });
    current.post("Debugger.enable", () => current.post("Debugger.pause"));
  } catch {
    sampling = false;
  }
}

function finish(current: Session, stack: string | null, age: number, cpu: MainThreadCpu | null): void {
  if (stack) send({ t: "stack", stack, ageMs: age, ...(cpu ? { cpu } : {}) });
  current.post("Debugger.resume", () => {
    current.post("Debugger.disable", () => {
      // Disconnected after each sample: a session still attached when the app exits makes Node
      // print "Waiting for the debugger to disconnect..." and wait for it.
      try {
        current.disconnect();
      } catch {
        // Already gone.
      }
      if (session === current) session = null;
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

interface ThreadTimes {
  at: number;
  cpuMs: number;
  majorFaults: number;
  /** R running or runnable, S sleeping in a call, D waiting on a device (disk). */
  state: string;
}

/**
 * A stale heartbeat, told whether or not a stack can be taken: a thread inside a native call
 * (execSync, a synchronous addon) runs no JavaScript to pause in, and would otherwise pass for idle.
 */
function reportStall(age: number): void {
  lastStallAt = Date.now();
  const cpu = cpuSince(Date.now() - age);
  const state = recentTimes.at(-1)?.state;
  send({ t: "stall", ageMs: age, ...(cpu ? { cpu } : {}), ...(state ? { state } : {}) });
}

/**
 * The main thread's CPU time and major faults (its /proc task entry; the main thread's id is the
 * pid). A stalled heartbeat with little CPU behind it is a thread waiting (a disk read, a
 * synchronous wait, a starved machine), not a busy one. Null off Linux.
 */
function mainThreadTimes(): ThreadTimes | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime in USER_HZ ticks, 100 per second on every Linux ABI.
    return { at: Date.now(), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10, majorFaults: Number(fields[9]), state: fields[0] ?? "" };
  } catch {
    return null;
  }
}

/** Keeps the checks since the last beat, and the one just before it. */
function recordTimes(lastBeat: number): void {
  const now = mainThreadTimes();
  if (!now) return;
  recentTimes.push(now);
  let first = 0;
  while (first + 1 < recentTimes.length && recentTimes[first + 1]!.at <= lastBeat) first++;
  if (first > 0) recentTimes = recentTimes.slice(first);
}

/** CPU use from the last check at or before the last beat (the stall's start, to a check's interval) until now. */
function cpuSince(lastBeat: number): MainThreadCpu | null {
  const from = recentTimes.find((times, i) => times.at <= lastBeat && (recentTimes[i + 1]?.at ?? Infinity) > lastBeat) ?? recentTimes[0];
  const now = mainThreadTimes();
  if (!from || !now || now.at <= from.at) return null;
  return { cpuMs: now.cpuMs - from.cpuMs, wallMs: now.at - from.at, majorFaults: now.majorFaults - from.majorFaults };
}
