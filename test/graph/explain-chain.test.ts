import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import type { ReportV1 } from "../../src/report/types.js";

const root = fixture("graph", "explain-chain");
const entries = ["--entry", "src/server.ts", "--entry", "src/worker.ts"];

test("explain gives the shortest eager chain per entrypoint, skipping type-only and lazy imports", () => {
  const r = runCli(["explain", "src/db/pool.ts", root, "--format", "json", ...entries]);
  assert.equal(r.code, 0);
  const report = JSON.parse(r.stdout) as ReportV1;
  const hop = (from: string, line: number, to: string) => ({ from, to, line, kind: "static" });
  assert.deepEqual(
    report.explain?.chains.map((c) => ({ entry: c.entry, hops: c.hops?.map(({ from, to, line, kind }) => ({ from, to, line, kind })) ?? null })),
    [
      {
        // server.ts:1 (import type) and server.ts:5 (import() in a function) are shorter but do not run at startup.
        entry: "src/server.ts",
        hops: [hop("src/server.ts", 2, "src/routes/index.ts"), hop("src/routes/index.ts", 2, "src/routes/users.ts"), hop("src/routes/users.ts", 1, "src/services/user.ts"), hop("src/services/user.ts", 1, "src/db/pool.ts")],
      },
      { entry: "src/worker.ts", hops: null },
    ],
  );
  assert.equal(report.explain?.target, "src/db/pool.ts");
  assert.equal(report.command, "explain");
});

test("the pretty explain output lists file:line per hop; a path suffix without extension finds the module", () => {
  const r = runCli(["explain", "db/pool", root, ...entries]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    [
      "How src/db/pool.ts is loaded at startup",
      "",
      "  from src/server.ts:",
      "    src/server.ts:2 static -> src/routes/index.ts",
      "    src/routes/index.ts:2 static -> src/routes/users.ts",
      "    src/routes/users.ts:1 static -> src/services/user.ts",
      "    src/services/user.ts:1 static -> src/db/pool.ts",
      "",
      "  from src/worker.ts:",
      "    not loaded eagerly from this entrypoint",
      "",
    ].join("\n"),
  );
});

test("explain finds the start script's entry by itself, and an unknown module is a one-line error", () => {
  const found = JSON.parse(runCli(["explain", "src/routes/health.ts", root, "--format", "json"]).stdout) as ReportV1;
  // A worker script starts a process of its own: its file is an entrypoint too.
  assert.deepEqual(found.entrypointSources, [
    { file: "src/server.ts", source: "package.json#scripts.start" },
    { file: "src/worker.ts", source: "package.json#scripts.worker" },
  ]);
  assert.deepEqual(found.explain?.chains.map((c) => c.hops?.map((h) => `${h.from}:${h.line}`)), [["src/server.ts:2", "src/routes/index.ts:1"], ["src/worker.ts:1"]]);
  const missing = runCli(["explain", "src/nope.ts", root]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, "startup-doctor: no module matches 'src/nope.ts'\n");
  assert.equal(missing.stdout, "");
});
