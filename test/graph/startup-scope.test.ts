import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli, scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "../rules/findings-view.js";

// Every file except server.ts and app.ts starts a timer at module scope.
const dir = fixture("graph", "startup-scope");

test("tests, stories, scripts and browser code are left out by default and counted by kind", () => {
  const { report } = scanJson(dir);
  assert.deepEqual(report.entrypointSources, [{ file: "src/server.ts", source: "package.json#scripts.start" }]);
  assert.deepEqual(findingsOf(report), [
    // eslint is given this file, it does not run it: still in scope.
    finding("import-time-async", "warning", "src/lint-only.ts", 1),
    // Under a scripts folder, but the startup path imports it: scanned.
    finding("import-time-async", "warning", "src/scripts/heartbeat.ts", 1),
  ]);
  // tests: src/app.test.ts, src/__tests__/routes.ts, test/helpers.ts; stories: src/button.stories.ts;
  // scripts: src/db/migrate.ts (npm run migrate), scripts/seed.ts, vite.config.ts; browser: public/widget.js.
  assert.deepEqual(report.excluded, { tests: 3, stories: 1, scripts: 3, browser: 1 });
  assert.equal(report.modules, 4);
});

test("--scope all, or scope: all in the config, scans every file", () => {
  const expected = [
    "public/widget.js",
    "scripts/seed.ts",
    "src/__tests__/routes.ts",
    "src/app.test.ts",
    "src/button.stories.ts",
    "src/db/migrate.ts",
    "src/lint-only.ts",
    "src/scripts/heartbeat.ts",
    "test/helpers.ts",
    "vite.config.ts",
  ];
  for (const extra of [["--scope", "all"], ["--config", `${dir}/scope-all.json`]]) {
    const { report } = scanJson(dir, extra);
    assert.deepEqual(report.findings.map((f) => f.file), expected, extra.join(" "));
    assert.deepEqual(report.excluded, { tests: 0, stories: 0, scripts: 0, browser: 0 });
  }
});

test("the pretty output says what was left out in one line; a bad --scope is a usage error", () => {
  const pretty = runCli(["scan", dir]);
  assert.match(pretty.stdout, /^left out: 3 test files, 1 story, 3 scripts, 1 browser file \(--scope all scans them\)$/m);
  const bad = runCli(["scan", dir, "--scope", "tests"]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "startup-doctor: --scope must be startup or all (got 'tests')\n");
});
