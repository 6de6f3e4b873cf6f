import assert from "node:assert/strict";
import { test } from "node:test";
import { importTimes } from "../../src/probe/import-times.ts";
import type { ModuleEvents } from "../../src/probe/types.ts";

const R = "/p";
const u = (name: string) => `file:///p/${name}`;

/** Events in arrival order: ["enter" | "exit", module, ms] or ["edge", from, to]. */
function events(list: Array<[string, string, string | number]>): ModuleEvents {
  const out: ModuleEvents = { entered: new Map(), exited: new Map(), edges: [], enterSeq: new Map(), exitSeq: new Map(), edgeSeq: [] };
  list.forEach(([kind, a, b], seq) => {
    if (kind === "edge") {
      out.edges.push({ from: u(a), to: u(b as string) });
      out.edgeSeq.push(seq);
    } else if (kind === "enter") {
      out.entered.set(u(a), b as number);
      out.enterSeq.set(u(a), seq);
    } else {
      out.exited.set(u(a), b as number);
      out.exitSeq.set(u(a), seq);
    }
  });
  return out;
}

test("a require() runs inside its requirer's body: parent by nesting, self without it", () => {
  const rows = importTimes(
    events([
      ["enter", "main.cjs", 0],
      ["enter", "lib.cjs", 10],
      ["exit", "lib.cjs", 110],
      ["exit", "main.cjs", 120],
    ]),
    R,
    u("main.cjs"),
  );
  assert.deepEqual(rows, [
    { file: "main.cjs", selfMs: 20, totalMs: 120 },
    { file: "lib.cjs", selfMs: 100, totalMs: 100, parent: "main.cjs" },
  ]);
});

test("a cycle back to the entry keeps the entry a root, and the first importer wins", () => {
  const rows = importTimes(
    events([
      ["edge", "main.mjs", "a.mjs"],
      ["edge", "main.mjs", "b.mjs"],
      ["edge", "a.mjs", "main.mjs"],
      ["edge", "b.mjs", "a.mjs"],
      ["enter", "a.mjs", 0],
      ["exit", "a.mjs", 5],
      ["enter", "b.mjs", 5],
      ["exit", "b.mjs", 7],
      ["enter", "main.mjs", 7],
      ["exit", "main.mjs", 8],
    ]),
    R,
    u("main.mjs"),
  );
  assert.deepEqual(rows, [
    { file: "a.mjs", selfMs: 5, totalMs: 5, parent: "main.mjs" },
    { file: "b.mjs", selfMs: 2, totalMs: 2, parent: "main.mjs" },
    { file: "main.mjs", selfMs: 1, totalMs: 8 },
  ]);
});
