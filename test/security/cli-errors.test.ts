// The CLI's own one-line errors quote what they were given (a path, a key, a project's message):
// escaped like the pretty report, they stay one line and carry no workflow command.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "../helpers/cli.ts";

test("an error quoting a hostile path is one line, with no workflow command under GitHub Actions", () => {
  const base = mkdtempSync(join(tmpdir(), "sd-cli-errors-"));
  try {
    const hostile = join(base, "x\n::error::pwned\u001b[2J");
    const r = runCli(["scan", hostile], { env: { GITHUB_ACTIONS: "true" } });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr.split("\n").length, 2, JSON.stringify(r.stderr));
    assert.equal(r.stderr, `startup-doctor: no such directory: ${base}/x\\n:\u200b:error:\u200b:pwned\\e[2J\n`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test("outside GitHub Actions the same error keeps its text, minus the control characters", () => {
  const r = runCli(["scan", "/nonexistent/a\nb"]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "startup-doctor: no such directory: /nonexistent/a\\nb\n");
});
