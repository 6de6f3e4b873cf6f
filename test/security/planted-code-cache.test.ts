// A repository can ship anything under node_modules/.cache, the default --cache folder. V8 accepts
// a code cache made for another script of the same length and runs that script instead (checked
// on Node 20: the cached data carries only a length for the source). So the compiler's code
// cache is never read from the --cache folder: a planted one must not run during `scan --cache`,
// nor during a plain scan, which reads and writes the compiler's code cache too (in the user's
// private folder only).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { Script } from "node:vm";
import { after, test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

const work = mkdtempSync(`${tmpdir()}/startup-doctor-planted-`);
after(() => rmSync(work, { recursive: true, force: true }));

test("a V8 code cache planted in the project's --cache folder is never run", () => {
  const project = `${work}/project`;
  cpSync(fixture("graph", "barrel-cycle"), project, { recursive: true });
  const marker = `${work}/pwned`;
  // What the compiler's wrapped source looks like to V8, and an evil script of exactly its length.
  const file = createRequire(import.meta.url).resolve("typescript");
  const source = readFileSync(file, "utf8");
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const evilBody = `(function (exports, require) { require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran"); })`;
  const evil = `${evilBody}/*${" ".repeat(wrapped.length - evilBody.length - 4)}*/`;
  assert.equal(evil.length, wrapped.length);
  const script = new Script(evil, { filename: file });
  script.runInThisContext();
  const data = script.createCachedData();
  // Planted under every name a build could look for: the one the old layout used, and a catch-all.
  const stat = statSync(file);
  const name = `typescript-${createHash("sha1").update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}`).digest("hex").slice(0, 16)}.v8code`;
  const folder = `${project}/node_modules/.cache/startup-doctor`;
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${folder}/${name}`, data);

  const plain = runCli(["scan", project, "--format", "json"]);
  assert.equal(existsSync(marker), false, "the planted code cache ran in a plain scan");
  // Twice each: the first run may write its own code cache, the second reads what is there.
  for (const args of [[], [], ["--cache"], ["--cache"]]) {
    const { code, stdout, stderr } = runCli(["scan", project, ...args, "--format", "json"]);
    assert.equal(existsSync(marker), false, "the planted code cache ran");
    assert.equal(code, plain.code, stderr);
    assert.deepEqual((JSON.parse(stdout) as { findings: unknown[] }).findings, (JSON.parse(plain.stdout) as { findings: unknown[] }).findings);
  }
});

test("a plain scan keeps the compiler's code cache in the user's private temp folder, and nothing in the project", () => {
  const project = `${work}/plain-project`;
  cpSync(fixture("graph", "barrel-cycle"), project, { recursive: true });
  const before = listTree(project);
  const temp = mkdtempSync(`${work}/tmp-`);
  const env = { TMPDIR: temp };
  const first = runCli(["scan", project, "--format", "json"], { env });
  const folder = `${temp}/startup-doctor-code-${process.getuid?.() ?? 0}`;
  const cached = readdirSync(folder).filter((f) => /^typescript-[0-9a-f]{16}\.v8code$/.test(f));
  assert.equal(cached.length, 1, `code cache files: ${readdirSync(folder).join(", ")}`);
  assert.equal(statSync(folder).mode & 0o777, 0o700);
  const second = runCli(["scan", project, "--format", "json"], { env });
  assert.equal(second.code, first.code, second.stderr);
  assert.equal(second.stdout, first.stdout);
  assert.deepEqual(listTree(project), before);
});

function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => `${e.parentPath ?? e.path}/${e.name}`).sort();
}
