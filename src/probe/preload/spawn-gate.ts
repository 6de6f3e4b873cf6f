// The probe child's own spawns, held while its tree is killed: by its guard when startup-doctor
// died, or at a timeout kill when startup-doctor asks first (../spawn-hold.ts). Under Node the guard runs on
// the hooks thread while the app's main thread goes on: a process the main thread forks after the
// guard's last listing, and that calls setsid before the group kill, is in no listing and no group,
// and belongs to init once the child dies (seen under load: an `env -i` daemon left by the hostile
// probes). The main thread is the one process of the tree the guard cannot stop, so its spawns
// wait at this gate instead.
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";

/** [CLOSED]: 1 once the guard kills the tree. [IN_FLIGHT]: spawn calls of the main thread past the gate. */
const CLOSED = 0;
const IN_FLIGHT = 1;

export function newGate(): SharedArrayBuffer {
  return new SharedArrayBuffer(8);
}

/**
 * Every child_process entry point of the main thread passes the gate: the async ones all go
 * through ChildProcess.prototype.spawn, the sync ones are wrapped one by one (execSync calls the
 * module's own spawnSync, not the export). A call that meets a closed gate never returns: its
 * process is being killed.
 */
export function installSpawnGate(buffer: SharedArrayBuffer): void {
  const gate = new Int32Array(buffer);
  const through = <A extends unknown[], R>(original: (...args: A) => R) =>
    function gated(this: unknown, ...args: A): R {
      // Counted before the gate is read, the guard after closing it: one of the two sees the other.
      Atomics.add(gate, IN_FLIGHT, 1);
      try {
        while (Atomics.load(gate, CLOSED) === 1) Atomics.wait(gate, CLOSED, 1);
        return original.apply(this, args);
      } finally {
        Atomics.sub(gate, IN_FLIGHT, 1);
      }
    };
  const proto = childProcess.ChildProcess.prototype as unknown as { spawn: (...args: unknown[]) => unknown };
  proto.spawn = through(proto.spawn);
  const sync = childProcess as unknown as Record<"spawnSync" | "execSync" | "execFileSync", (...args: unknown[]) => unknown>;
  for (const name of ["spawnSync", "execSync", "execFileSync"] as const) sync[name] = through(sync[name]);
  syncBuiltinESMExports();
}

/**
 * Closes the gate and waits, up to `waitMs`, until no spawn of the main thread is in flight: a call
 * past the gate has then forked, and its process is in the next listing. `sweep` runs meanwhile
 * (a spawnSync in flight waits for its process, which the sweep stops). True when none is left in flight.
 */
export function closeGate(buffer: SharedArrayBuffer, waitMs: number, sweep: () => void): boolean {
  const gate = new Int32Array(buffer);
  Atomics.store(gate, CLOSED, 1);
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (Atomics.load(gate, IN_FLIGHT) === 0) return true;
    sweep();
    if (Date.now() >= deadline) return false;
    Atomics.wait(nap, 0, 0, 2);
  }
}

type SpawnFunction = (...args: unknown[]) => unknown;

/**
 * Bun: its node:child_process calls Bun.spawn and Bun.spawnSync as it runs (checked on Bun 1.4.5:
 * spawn, exec, execFile, fork and the sync ones), so those two are the gate. Bun's guard and the
 * hold request are read on the main thread itself, between two of its tasks, when no spawn is in
 * flight. Returns the gate's close.
 */
export function installBunSpawnGate(runtime: { spawn?: SpawnFunction; spawnSync?: SpawnFunction }): () => void {
  let closed = false;
  const forever = new Int32Array(new SharedArrayBuffer(4));
  for (const name of ["spawn", "spawnSync"] as const) {
    const original = runtime[name];
    if (typeof original !== "function") continue;
    runtime[name] = function gated(this: unknown, ...args: unknown[]): unknown {
      while (closed) Atomics.wait(forever, 0, 0);
      return original.apply(this, args);
    };
  }
  return () => {
    closed = true;
  };
}
