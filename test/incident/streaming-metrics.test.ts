import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { runCli, scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "../rules/findings-view.js";

// The README demo: a replica of the streaming-metrics incident and its fix (the import() moved
// into the request handler). Both are runnable with node + tsx and with Bun.
const broken = fixture("incident", "streaming-metrics");
const fixed = fixture("incident", "streaming-metrics-fixed");
const { report, code } = scanJson(broken);

test("the replica gives the deadlock, the async constructor behind the singleton, and the import-time work", () => {
  assert.deepEqual(findingsOf(report), [
    finding("import-cycle", "warning", "src/metrics/registry.ts", 1),
    finding("tla-deadlock", "error", "src/routes/index.ts", 5),
    finding("import-time-async", "warning", "src/services/auth/auth-client.ts", 13),
    finding("async-constructor", "error", "src/services/auth/auth-core.ts", 11),
  ]);
  assert.equal(code, 1);
});

test("the deadlock names the whole chain, from the entry to the module still evaluating", () => {
  const deadlock = report.findings.find((f) => f.rule === "tla-deadlock")!;
  assert.deepEqual(deadlock.chain, [
    { file: "src/index.ts", line: 1, note: "imports src/app.ts (still evaluating)" },
    { file: "src/app.ts", line: 3, note: "imports src/routes/index.ts (still evaluating)" },
    { file: "src/routes/index.ts", line: 5, note: 'await import("../web/ui/routes/streaming-metrics.routes") waits for src/web/ui/routes/streaming-metrics.routes.ts' },
    { file: "src/web/ui/routes/streaming-metrics.routes.ts", line: 2, note: "imports src/metrics/registry.ts" },
    { file: "src/metrics/registry.ts", line: 1, note: "imports src/app.ts" },
    { file: "src/app.ts", line: 3, note: "src/app.ts is still evaluating: it waits for src/routes/index.ts, which waits for this import" },
  ]);
  assert.deepEqual(deadlock.entrypoints, ["src/index.ts"]);
  assert.equal(deadlock.code, 'const { streamingMetricsRoutes } = await import("../web/ui/routes/streaming-metrics.routes");');
});

test("the singleton's chain goes statement -> subclass constructor -> base constructor -> async call", () => {
  const singleton = report.findings.find((f) => f.rule === "import-time-async")!;
  assert.deepEqual(singleton.chain, [
    { file: "src/services/auth/auth-client.ts", line: 13, note: "new AuthClient() at module scope" },
    { file: "src/services/auth/auth-client.ts", line: 4, note: "constructor of AuthClient" },
    { file: "src/services/auth/auth-core.ts", line: 10, note: "constructor of base class AuthCore (super())" },
    { file: "src/services/auth/auth-core.ts", line: 11, note: "this.initializeRedis() is async and nothing awaits it" },
    { file: "src/services/auth/auth-core.ts", line: 14, note: "async AuthCore.initializeRedis()" },
  ]);
});

test("the pretty answer leads with the deadlock, its line of code and the fix", () => {
  const r = runCli(["scan", broken]);
  const lines = r.stdout.split("\n");
  // The answer in one line under the header, then the details from the same finding.
  assert.match(lines[3] ?? "", /^Most severe of 4 findings: error src\/routes\/index\.ts:5 tla-deadlock startup deadlock: await import\("\.\.\/web\/ui\/routes\/streaming-metrics\.routes"\) can never finish/);
  assert.equal(lines[5], "On the startup path of src/index.ts");
  assert.equal(lines[6], "  error   src/routes/index.ts:5 tla-deadlock");
  assert.match(r.stdout, /│ const \{ streamingMetricsRoutes \} = await import\("\.\.\/web\/ui\/routes\/streaming-metrics\.routes"\);/);
  assert.match(r.stdout, /fix: move the import\(\) into the request handler/);
});

test("the fixed version has no deadlock and no runtime cycle; the async constructor is still reported", () => {
  const after = scanJson(fixed).report;
  assert.deepEqual(findingsOf(after), [
    finding("import-time-async", "warning", "src/services/auth/auth-client.ts", 13),
    finding("async-constructor", "error", "src/services/auth/auth-core.ts", 11),
  ]);
  assert.deepEqual(after.cycles.map((c) => c.runtime), [false]);
});

test("under node + tsx the replica hangs silently while the fixed one starts listening", () => {
  const run = (dir: string) => spawnSync(process.execPath, ["--import", "tsx", "src/index.ts"], { cwd: dir, encoding: "utf8", timeout: 4_000, killSignal: "SIGKILL" });
  const hung = run(broken);
  assert.equal(hung.signal, "SIGKILL", `expected a hang, got exit ${hung.status}`);
  assert.equal(hung.stdout, "");
  const started = run(fixed);
  assert.match(started.stdout, /streaming-metrics listening on http:\/\/127\.0\.0\.1:\d+/);
});
