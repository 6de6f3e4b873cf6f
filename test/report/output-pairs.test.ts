import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import { runCli } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";

const out = mkdtempSync(`${tmpdir()}/sd-outputs-`);
after(() => rmSync(out, { recursive: true, force: true }));
const dir = fixture("graph", "barrel-cycle");
const env = { GITHUB_ACTIONS: "" };

test("several --format/--output pairs in one run: each --output writes the --format before it, the rest goes to stdout", () => {
  const r = runCli(["scan", dir, "--format", "sarif", "--output", `${out}/r.sarif`, "--format", "markdown", "--output", `${out}/deep/r.md`, "--format", "json"], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { version: number }).version, 1);
  assert.equal((JSON.parse(readFileSync(`${out}/r.sarif`, "utf8")) as { version: string }).version, "2.1.0");
  assert.match(readFileSync(`${out}/deep/r.md`, "utf8"), /^## startup-doctor scan\n[\s\S]*```mermaid\n/);
});

test("two formats for stdout, or more --output than --format, are usage errors", () => {
  const two = runCli(["scan", dir, "--format", "json", "--format", "sarif"], { env });
  assert.equal(two.code, 2);
  assert.equal(two.stderr, "startup-doctor: only one --format can go to stdout (got json, sarif): add an --output after the others\n");
  const extra = runCli(["scan", dir, "--output", `${out}/a`, "--output", `${out}/b`], { env });
  assert.equal(extra.code, 2);
  assert.equal(extra.stderr, `startup-doctor: more --output than --format: give a --format before each --output (at '${out}/b')\n`);
});

test("an --output pairs with the nearest --format before it, whatever the other formats", () => {
  const r = runCli(["scan", dir, "--format", "markdown", "--format", "sarif", "--output", `${out}/x.sarif`], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^## startup-doctor scan\n/);
  assert.equal((JSON.parse(readFileSync(`${out}/x.sarif`, "utf8")) as { version: string }).version, "2.1.0");
});

test("an --output given before its only --format still writes that format", () => {
  const r = runCli(["scan", dir, "--output", `${out}/first.json`, "--format", "json"], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  assert.equal((JSON.parse(readFileSync(`${out}/first.json`, "utf8")) as { version: number }).version, 1);
});

test("--output alone keeps the default format", () => {
  const r = runCli(["scan", dir, "--output", `${out}/pretty.txt`], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  assert.match(readFileSync(`${out}/pretty.txt`, "utf8"), /1 runtime cycle\(s\)/);
});
