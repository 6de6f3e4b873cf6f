// Bad input ends with exit 2 and exactly one line on stderr, naming the problem, no stack trace.
import assert from "node:assert/strict";
import type { CliResult } from "../helpers/cli.js";

export function assertOneLineError(r: CliResult, line: string | RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, "");
  assert.ok(r.stderr.endsWith("\n"), `stderr ends with a newline: ${JSON.stringify(r.stderr)}`);
  const lines = r.stderr.slice(0, -1).split("\n");
  assert.equal(lines.length, 1, `one line on stderr: ${JSON.stringify(r.stderr)}`);
  assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+|internal error/);
  if (typeof line === "string") assert.equal(lines[0], line);
  else assert.match(lines[0], line);
}
