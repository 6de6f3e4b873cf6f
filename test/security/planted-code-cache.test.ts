// A repository can ship anything under node_modules/.cache, the default --cache folder. V8 accepts
// a code cache made for another script of the same length and runs that script instead (checked
// on Node 20: the cached data carries only a length for the source). So the compiler's code
// cache is never read from the --cache folder: a planted one must not run during `scan --cache`,
// nor during a plain scan, which reads and writes the compiler's code cache too (in the user's
// private folder only).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
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
  // A run that uses the cache marks it as used (pruning keeps the most recently used).
  const tenDaysAgo = Date.now() / 1000 - 10 * 24 * 3600;
  utimesSync(`${folder}/${cached[0]}`, tenDaysAgo, tenDaysAgo);
  const second = runCli(["scan", project, "--format", "json"], { env });
  assert.ok(statSync(`${folder}/${cached[0]}`).mtimeMs > Date.now() - 60_000, "the used code cache was not touched");
  assert.equal(second.code, first.code, second.stderr);
  assert.equal(second.stdout, first.stdout);
  assert.deepEqual(listTree(project), before);
});

test("a run that writes a code cache keeps the 8 most recently used and removes older ones (nothing else in the folder)", () => {
  const temp = mkdtempSync(`${work}/tmp-prune-`);
  const folder = `${temp}/startup-doctor-code-${process.getuid?.() ?? 0}`;
  mkdirSync(folder, { mode: 0o700 });
  const day = 24 * 3600;
  const now = Date.now() / 1000;
  const old = Array.from({ length: 10 }, (_, i) => `typescript-${String(i).padStart(16, "0")}.v8code`);
  old.forEach((name, i) => {
    writeFileSync(`${folder}/${name}`, "stale", { mode: 0o600 });
    utimesSync(`${folder}/${name}`, now - (i + 1) * day, now - (i + 1) * day);
  });
  writeFileSync(`${folder}/notes.txt`, "not a code cache", { mode: 0o600 });
  const r = runCli(["scan", fixture("graph", "barrel-cycle"), "--format", "json"], { env: { TMPDIR: temp } });
  assert.equal(r.stderr, "");
  const left = readdirSync(folder).sort();
  const written = left.filter((f) => /^typescript-[0-9a-f]{16}\.v8code$/.test(f) && !old.includes(f));
  assert.equal(written.length, 1, left.join(", "));
  // The run's own, then the seven most recently used of the old ones.
  assert.deepEqual(left, [...old.slice(0, 7), "notes.txt", ...written].sort());
});

function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => `${e.parentPath ?? e.path}/${e.name}`).sort();
}
