// One event counter shared by the main thread and the hooks thread, so the parent can order
// module enters (queued on the main thread) against import edges (written at once by the hooks
// thread) as they happened, not as they arrived.
let counter: Int32Array | null = null;

export function useSequence(buffer: SharedArrayBuffer): void {
  counter = new Int32Array(buffer);
}

export function nextSeq(): number | undefined {
  return counter ? Atomics.add(counter, 0, 1) : undefined;
}
