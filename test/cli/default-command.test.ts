// `startup-doctor [dir]` is `check [dir]`; each command's help lists only the options it uses.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ReportV1 } from "../../src/report/types.ts";
import { runCli } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";

const ok = fixture("probe", "ok");

test("no command in a project folder runs check there (scan + probe)", { timeout: 120_000 }, () => {
  const r = runCli(["--format", "json", "--timeout", "8000"], { cwd: ok });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as ReportV1;
  assert.equal(report.command, "check");
  assert.equal(report.root, ok);
  assert.deepEqual(report.probes.map((p) => [p.entry, p.runtime, p.status]), [["src/index.ts", "node", "ok"]]);
});

test("a folder as the only argument is check of that folder", { timeout: 120_000 }, () => {
  const r = runCli([ok, "--format", "json", "--timeout", "8000"]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as ReportV1;
  assert.equal(report.command, "check");
  assert.equal(report.root, ok);
});

test("a word that is neither a command nor a folder is an unknown command, with a suggestion on the same line", () => {
  const typo = runCli(["sacn"]);
  assert.equal(typo.code, 2);
  assert.equal(typo.stdout, "");
  assert.equal(typo.stderr, "error: unknown command 'sacn' (did you mean scan?)\n");
  const option = runCli(["check", ok, "--timout", "3000"]);
  assert.equal(option.code, 2);
  assert.equal(option.stderr, "error: unknown option '--timout' (did you mean --timeout?)\n");
});

test("--help says that no command means check, and that only scan never runs project code", () => {
  const r = runCli(["--help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout.replace(/\s+/g, " "), /`startup-doctor \[dir\]` is `startup-doctor check \[dir\]`: a static scan, then a timed probe that RUNS the project's code\. `startup-doctor scan \[dir\]` never runs project code\./);
  assert.match(r.stdout, /\n {2}check \[options\] \[dir\] +the default command/);
});

const optionsOf = (command: string): string[] => [...runCli([command, "--help"]).stdout.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1] as string);

test("each command's --help lists only the options it uses", () => {
  const common = ["--format", "--output", "--tsconfig", "--entry", "--no-progress", "--config", "--scope", "--cache", "--cache-location", "--workers", "--help"];
  const probeOnly = ["--timeout", "--slow", "--runtime", "--concurrency", "--env", "--dotenv", "--importtime", "--ready", "--ready-log", "--grace"];
  assert.deepEqual(optionsOf("graph").sort(), [...common].sort());
  assert.deepEqual(optionsOf("explain").sort(), [...common, "--no-color"].sort());
  assert.deepEqual(optionsOf("scan").sort(), [...common, "--no-color", "--fail-on", "--baseline", "--update-baseline", "--rule"].sort());
  assert.deepEqual(optionsOf("check").sort(), [...common, "--no-color", "--fail-on", "--baseline", "--update-baseline", "--rule", ...probeOnly].sort());
  // `probe` reports no findings: a baseline has nothing to match.
  assert.deepEqual(optionsOf("probe").sort(), [...common, "--no-color", "--fail-on", ...probeOnly].sort());
});
