import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

const dir = fixture("graph", "graph-output");

const CASES: Array<[args: string[], stderr: string]> = [
  [["scan", dir, "--bogus"], "error: unknown option '--bogus'"],
  [["scan", dir, "--format", "xml"], "startup-doctor: --format must be one of pretty, json, sarif, markdown, github (got 'xml')"],
  [["scan", dir, "--format", "dot"], "startup-doctor: --format must be one of pretty, json, sarif, markdown, github (got 'dot')"],
  [["graph", dir, "--format", "svg"], "startup-doctor: --format must be one of dot, mermaid, json (got 'svg')"],
  [["scan", dir, "--fail-on", "high"], "startup-doctor: --fail-on must be one of error, warning, info, none (got 'high')"],
  [["scan", dir, "--format"], "error: option '-f, --format <format>' argument missing"],
  [["scan", dir, "extra"], "error: too many arguments for 'scan'. Expected 1 argument but got 2."],
  [["frobnicate"], "error: unknown command 'frobnicate'"],
  [["explain"], "error: missing required argument 'module'"],
];

for (const [args, line] of CASES) {
  test(`\`${args.map((a) => (a === dir ? "<dir>" : a)).join(" ")}\` is exit 2 with one line on stderr`, () => {
    const r = runCli(args);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `${line}\n`);
  });
}
