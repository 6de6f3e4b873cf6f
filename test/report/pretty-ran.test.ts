// The pretty report says what each probe ran and why, and warns when it is not the start script.
import assert from "node:assert/strict";
import { Chalk } from "chalk";
import { test } from "node:test";
import { prettyProbes } from "../../src/report/pretty-probes.ts";
import type { ReportProbe, ReportV1 } from "../../src/report/types.ts";

const probe: ReportProbe = { entry: "src/main.ts", runtime: "node", status: "ok", durationMs: 120, exitCode: null, pending: [], error: null, handles: [], stack: null };
const report = (probes: ReportProbe[]): ReportV1 => ({ version: 1, root: "/app", entrypoints: ["src/main.ts"], modules: 1, cycles: [], findings: [], probes });
const plain = new Chalk({ level: 0 });

test("a probe names its command and reason; a difference from the start script is a warning", () => {
  const lines = prettyProbes(
    report([
      { ...probe, ran: { command: "NODE_ENV=production node --enable-source-maps dist/main.js", transform: "compiled-output", reason: "scripts.start runs node dist/main.js and dist/main.js is up to date" } },
      { ...probe, ran: { command: "node --import startup-doctor/transpile src/main.ts", transform: "typescript", reason: "scripts.start compiles it with swc; TypeScript", differsFromStart: "scripts.start compiles with swc; the probe compiled with TypeScript", warnings: ["not passed on from scripts.start: --inspect"] } },
      probe,
    ]),
    plain,
  );
  assert.deepEqual(lines.filter((line) => /^\s+(ran|not the start script|note):/.test(line)), [
    "  ran: NODE_ENV=production node --enable-source-maps dist/main.js (scripts.start runs node dist/main.js and dist/main.js is up to date)",
    "  ran: node --import startup-doctor/transpile src/main.ts (scripts.start compiles it with swc; TypeScript)",
    "  not the start script: scripts.start compiles with swc; the probe compiled with TypeScript",
    "  note: not passed on from scripts.start: --inspect",
  ]);
});
