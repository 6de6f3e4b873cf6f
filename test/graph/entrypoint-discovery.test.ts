import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "../rules/findings-view.js";

const { report } = scanJson(fixture("graph", "entrypoint-discovery"));

test("nested outDir, a bin stub into unbuilt dist, apps/* packages and nest-cli.json projects are entrypoints", () => {
  assert.deepEqual(report.entrypointSources, [
    // node -r dotenv/config dist/apps/api/main: outDir dist, rootDir ., no extension
    { file: "apps/api/main.ts", source: "package.json#scripts.start:prod" },
    // import "../dist/apps/cli/main.js" before any build: the source tsc builds it from
    { file: "bin/tool.js", source: "package.json#bin.tool", startsVia: [{ file: "apps/cli/main.ts", line: 3, how: "bin stub" }] },
    // apps/legacy is no workspace, but its start script starts a process
    { file: "apps/legacy/index.js", source: "apps/legacy/package.json#scripts.start", startsVia: [{ file: "apps/legacy/server.js", line: 2, how: "require() in a startup function" }] },
    { file: "apps/worker/src/index.ts", source: "apps/worker/package.json#scripts.start", startsVia: [{ file: "apps/worker/src/main.ts", line: 1, how: "import()" }] },
    // nest start runs sourceRoot/entryFile of each application project (the library is skipped)
    { file: "apps/admin/src/main.ts", source: "nest-cli.json#projects.admin" },
  ]);
  assert.deepEqual(report.warnings, []);
});

test("a module an entry hands startup to is run, not imported: only the shared library's timer is import-time work", () => {
  // apps/worker/src/main.ts and apps/legacy/server.js start timers at module scope as their job.
  assert.deepEqual(findingsOf(report), [finding("import-time-async", "warning", "libs/shared/ticker.ts", 2)]);
  const ticker = report.findings[0];
  assert.deepEqual(ticker.entrypoints, ["apps/api/main.ts", "bin/tool.js", "apps/cli/main.ts"]);
});
