import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeData, escapeProperty, github } from "../../src/report/github.ts";
import { runCli } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";
import { assertGolden } from "./golden.ts";
import { checkReport, cleanReport, scanReport } from "./sample-reports.ts";

test("one workflow command per finding, severity mapped, properties and data escaped", () => {
  const lines = github(scanReport, { color: false }).trimEnd().split("\n");
  assert.deepEqual(lines, [
    "::error file=src/auth/we%2Cird%3Aname.ts,line=12,col=5,title=startup-doctor async-constructor::new AuthClient() starts initRedis() and drops its promise: 100%25 of `ready` callers race%0Afix: await it in a static create() | or hand back the promise%0Ahttps://example.test/docs/rules/async-constructor.md",
    "::warning file=src/services/user.ts,line=2,title=startup-doctor import-cycle::runtime import cycle: src/db.ts -> src/index.ts -> src/services/user.ts -> src/db.ts%0Afix: break the cycle at src/services/user.ts:2%0Ahttps://example.test/docs/rules/import-cycle.md",
  ]);
  assertGolden("scan.github.txt", lines.join("\n") + "\n");
});

test("probes that did not finish are errors at the stuck line; an ok probe is silent", () => {
  const lines = github(checkReport, { color: false }).trimEnd().split("\n");
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^::error file=src\/routes\/index.ts,line=9,title=startup-doctor probe%3A hang \(node\)::src\/index.ts \(node\) never finished/);
  assert.match(lines[1], /^::error file=src\/models\/user.ts,line=3,col=27,title=startup-doctor probe%3A crash \(node\)::src\/worker.ts: crash under node after 210 ms\. Importing the entrypoint threw\.$/);
  assertGolden("check.github.txt", lines.join("\n") + "\n");
});

test("paths get the checkout prefix; nothing is printed for a clean report", () => {
  assert.match(github(scanReport, { color: false, pathPrefix: "packages/api/" }), /^::error file=packages\/api\/src\/auth/);
  assert.equal(github(cleanReport, { color: false }), "");
});

test("escaping follows the workflow-command rules", () => {
  assert.equal(escapeData("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
  assert.equal(escapeProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
});

test("under GITHUB_ACTIONS=true annotations come on their own, after a pretty report on stdout", () => {
  const dir = fixture("graph", "barrel-cycle");
  const r = runCli(["scan", "."], { cwd: dir, env: { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: dir } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /● src\/index.ts -> src\/services\/user.ts -> src\/index.ts/);
  // Nothing crosses the barrel cycle while it evaluates: an info finding, a notice annotation.
  assert.match(r.stdout, /\n::notice file=src\/services\/user.ts,line=2,title=startup-doctor import-cycle::runtime import cycle/);
});

test("under GITHUB_ACTIONS=true a JSON stdout stays JSON: the annotations go to stderr", () => {
  const dir = fixture("graph", "barrel-cycle");
  const r = runCli(["scan", ".", "--format", "json"], { cwd: dir, env: { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: dir } });
  assert.equal(r.code, 0);
  assert.equal((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length, 1);
  assert.match(r.stderr, /^::notice file=src\/services\/user.ts,line=2,/);
});

test("without GITHUB_ACTIONS nothing is added", () => {
  const r = runCli(["scan", fixture("graph", "barrel-cycle")], { env: { GITHUB_ACTIONS: "" } });
  assert.doesNotMatch(r.stdout + r.stderr, /::warning/);
});
