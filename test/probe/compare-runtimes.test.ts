// Runtimes compared per entry: a status difference is the runtimes' unless the compilers differ
// on decorator metadata (tsx under node against bun), which is said as a compiler difference.
import assert from "node:assert/strict";
import { test } from "node:test";
import { compareRuntimes } from "../../src/probe/compare-runtimes.ts";
import type { ReportProbe } from "../../src/report/types.ts";

const base: ReportProbe = { entry: "src/main.ts", runtime: "node", status: "ok", durationMs: 10, exitCode: null, pending: [], error: null, handles: [], stack: null };

test("tsx (no metadata) under node vs bun (metadata): a compiler difference, no RUNTIMES DIFFER", () => {
  const node: ReportProbe = { ...base, status: "crash", summary: "crashed.", ran: { command: "node --import tsx src/main.ts", transform: "tsx", reason: "", decoratorMetadata: false } };
  const bun: ReportProbe = { ...base, runtime: "bun", summary: "ok.", ran: { command: "bun src/main.ts", transform: "bun", reason: "", decoratorMetadata: true } };
  const [n, b] = compareRuntimes([node, bun]);
  assert.equal(n?.differsFrom, undefined);
  assert.equal(b?.differsFrom, undefined);
  assert.equal(n?.summary, "crashed. crash under node, ok under bun: the compilers differ, not only the runtimes (tsx under node emits no decorator metadata, bun under bun does).");
});

test("same metadata on both sides: the runtimes differ", () => {
  const node: ReportProbe = { ...base, status: "hang", ran: { command: "node --import startup-doctor/transpile src/main.ts", transform: "typescript", reason: "", decoratorMetadata: true } };
  const bun: ReportProbe = { ...base, runtime: "bun", ran: { command: "bun src/main.ts", transform: "bun", reason: "", decoratorMetadata: true } };
  const [n] = compareRuntimes([node, bun]);
  assert.deepEqual(n?.differsFrom, [{ runtime: "bun", status: "ok" }]);
});
