import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";

test("--help lists the commands and exits 0", () => {
  const r = runCli(["--help"]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, "");
  for (const command of ["scan [options] [dir]", "graph [options] [dir]", "explain [options] <module> [dir]"]) assert.ok(r.stdout.includes(command), command);
});

test("each command's help names its formats and --fail-on", () => {
  const scan = runCli(["scan", "--help"]);
  assert.equal(scan.code, 0);
  assert.match(scan.stdout, /output format: pretty, json/);
  assert.match(scan.stdout, /--fail-on <severity>/);
  assert.match(runCli(["graph", "--help"]).stdout, /output format: dot, mermaid, json/);
});

test("--version prints the package version", () => {
  const r = runCli(["--version"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
});
