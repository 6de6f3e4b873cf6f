import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli, scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

const root = fixture("graph", "entrypoints");

test("entrypoints come from scripts, bin and main, mapped from outDir back to rootDir, each with its rule", () => {
  const { code, report } = scanJson(root);
  assert.deepEqual(report.entrypointSources, [
    { file: "src/server.ts", source: "package.json#scripts.start" }, // tsx watch src/server.ts
    { file: "src/index.ts", source: "package.json#scripts.dev" }, // NODE_ENV=development bun --hot src/index.ts
    { file: "src/cli.ts", source: "package.json#bin.ep" }, // ./build/esm/cli.js
    { file: "src/main.ts", source: "package.json#main" }, // build/esm/main.js; exports["."] names the same file
  ]);
  assert.deepEqual(report.entrypoints, ["src/server.ts", "src/index.ts", "src/cli.ts", "src/main.ts"]);
  // A file a non-start script mentions (lint) is not an entry; it is still a module of the project.
  assert.equal(report.modules, 6);
  assert.deepEqual(report.cycles, []);
  assert.deepEqual(report.warnings, []);
  assert.equal(code, 0);
});

test("--entry replaces discovery, and a missing --entry is a one-line error", () => {
  const { report } = scanJson(root, ["--entry", "src/app.ts"]);
  assert.deepEqual(report.entrypointSources, [{ file: "src/app.ts", source: "--entry" }]);
  const missing = runCli(["scan", root, "--format", "json", "--entry", "src/nope.ts"]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, "startup-doctor: entry not found: src/nope.ts\n");
  assert.equal(missing.stdout, "");
});

