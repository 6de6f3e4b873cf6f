// The Node API returns what the CLI's --format json prints, reads the project's configuration the
// same way, and throws the CLI's typed errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { check, exitCode, InputError, render, scan, type ReportV1 } from "../../src/index.ts";
import { scanJson } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";

const configured = fixture("config", "rules-and-globs");

test("scan() returns the report `scan --format json` prints", async () => {
  const fromApi = await scan({ dir: configured });
  const fromCli = scanJson(configured).report;
  assert.deepEqual(JSON.parse(JSON.stringify(fromApi)) as ReportV1, fromCli);
  assert.deepEqual(fromApi.findings.map((f) => [f.rule, f.severity, f.file, f.line]), [["import-cycle", "error", "src/b.ts", 1]]);
  assert.equal(exitCode(fromApi), 1);
});

test("config: false ignores the project's configuration (its rule severity and ignore globs)", async () => {
  const report = await scan({ dir: configured, config: false });
  assert.deepEqual(report.findings.map((f) => [f.rule, f.severity, f.file, f.line]), [
    ["import-cycle", "info", "src/b.ts", 1],
    ["import-cycle", "info", "src/generated/y.ts", 1],
  ]);
  assert.equal(exitCode(report), 0);
  assert.equal(exitCode(report, "info"), 1);
});

test("check() probes and links, like `check --format json`", { timeout: 60_000 }, async () => {
  const events: string[] = [];
  // slowMs: the fixture listens after its entry evaluated; on a loaded machine that can take over 2 s.
  const report = await check({ dir: fixture("probe", "ok"), timeoutMs: 8000, slowMs: 7000, onProbeProgress: (e) => events.push(`${e.phase} ${e.entry} ${e.runtime}`) });
  assert.equal(report.command, "check");
  assert.deepEqual(report.probes.map((p) => [p.entry, p.runtime, p.status]), [["src/index.ts", "node", "ok"]]);
  assert.deepEqual(events, ["start src/index.ts node", "done src/index.ts node"]);
});

test("signal: aborting a check kills its probe and rejects with the reason, long before the probe's timeout", { timeout: 60_000 }, async () => {
  const stop = new AbortController();
  const reason = new Error("the caller gave up");
  let abortedAt = 0;
  const running = check({
    dir: fixture("probe", "hang-closed-port"),
    timeoutMs: 30_000,
    onProbeProgress: (e) => {
      if (e.phase !== "start") return;
      // Once the child runs: the abort must reach the probe, not only the analysis.
      setTimeout(() => {
        abortedAt = Date.now();
        stop.abort(reason);
      }, 300);
    },
    signal: stop.signal,
  });
  await assert.rejects(running, (error: unknown) => error === reason);
  assert.ok(abortedAt > 0, "the probe started before the abort");
  assert.ok(Date.now() - abortedAt < 10_000, `rejected ${Date.now() - abortedAt} ms after the abort`);
  // An object shaped like an AbortSignal is enough, and an already aborted one rejects without scanning.
  const like = { aborted: true, reason, addEventListener: () => {}, removeEventListener: () => {} };
  await assert.rejects(scan({ dir: configured, signal: like }), (error: unknown) => error === reason);
});

test("bad input throws the CLI's InputError with its one-line message; render() gives the CLI's text", async () => {
  await assert.rejects(scan({ dir: `${configured}/missing` }), (error: unknown) => error instanceof InputError && error.message === `no such directory: ${configured}/missing`);
  const report = await scan({ dir: configured });
  assert.match(await render(report, "pretty"), /^startup-doctor scan /);
  assert.equal((JSON.parse(await render(report, "sarif")) as { version: string }).version, "2.1.0");
});

test("scan() from a `node --input-type=module -e` one-liner: its workers start, the report is the same", async () => {
  const { spawnSync } = await import("node:child_process");
  const api = new URL("../../dist/index.js", import.meta.url).href;
  const code = `
    const { scan, InputError } = await import(${JSON.stringify(api)});
    const r = await scan({ dir: ${JSON.stringify(configured)} });
    console.log(JSON.stringify(r.findings.map((f) => [f.rule, f.file, f.line])));
    // An error inside the worker still comes back as the CLI's typed error.
    await scan({ dir: "/no/such/startup-doctor/dir" }).catch((e) => console.log(JSON.stringify([e instanceof InputError, e.message])));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const [findings, error] = r.stdout.trim().split("\n").map((line) => JSON.parse(line) as unknown);
  assert.deepEqual(findings, [["import-cycle", "src/b.ts", 1]]);
  assert.deepEqual(error, [true, "no such directory: /no/such/startup-doctor/dir"]);
});
