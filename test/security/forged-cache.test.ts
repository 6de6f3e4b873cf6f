// A pull request can commit node_modules/.cache/startup-doctor, the default --cache folder. Its
// blobs are read only when sealed with this user's key (or STARTUP_DOCTOR_CACHE_KEY's): facts
// forged to hide every finding, with the right content hashes and sealed with another key, change
// nothing. The forgery is first shown to work against the key it was sealed with.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { deserialize, serialize } from "node:v8";
import { after, test } from "node:test";
import { createHash } from "node:crypto";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { seal, unseal } from "../../src/run/cache/cache-seal.js";
import type { FileEntry, StoredCache } from "../../src/run/cache/cache-file.js";
import type { ReportV1 } from "../../src/report/types.js";

const work = mkdtempSync(`${tmpdir()}/startup-doctor-forged-`);
after(() => rmSync(work, { recursive: true, force: true }));

const findings = (project: string, env: Record<string, string>): string[] => {
  const r = runCli(["scan", project, "--cache", "--format", "json"], { env: { XDG_CACHE_HOME: `${work}/home-cache`, ...env } });
  return (JSON.parse(r.stdout) as ReportV1).findings.map((f) => `${f.rule} ${f.file}:${f.line}`).sort();
};
const keyOf = (given: string): Buffer => createHash("sha256").update(given).digest();
/** The forgery: every file's facts emptied, its content hash kept. */
const withoutFacts = (files: Map<string, Uint8Array>): Map<string, Uint8Array> =>
  new Map([...files].map(([file, bytes]) => [file, serialize({ ...(deserialize(bytes) as FileEntry), parsed: { sites: [], facts: {}, syntaxErrors: [] } })]));

test("cache blobs sealed with another key are ignored: forged facts hide no finding", () => {
  const project = `${work}/project`;
  cpSync(fixture("rules", "import-time-async/module-scope"), project, { recursive: true });
  const attacker = { STARTUP_DOCTOR_CACHE_KEY: "the pull request's key" };
  const honest = findings(project, attacker);
  assert.equal(honest.length, 8, honest.join("\n"));

  // The attacker's blobs: every file's facts emptied, content hashes kept, resealed with their key.
  const folder = `${project}/node_modules/.cache/startup-doctor`;
  const payload = unseal(readFileSync(`${folder}/scan-cache.v8`), keyOf(attacker.STARTUP_DOCTOR_CACHE_KEY));
  assert.ok(payload, "the blob is sealed with the key it was written with");
  const data = deserialize(payload) as StoredCache;
  data.files = withoutFacts(data.files);
  writeFileSync(`${folder}/scan-cache.v8`, seal(serialize(data), keyOf(attacker.STARTUP_DOCTOR_CACHE_KEY)));
  rmSync(`${folder}/scan-result.v8`);
  assert.deepEqual(findings(project, attacker), [], "with the key it was sealed with, the forgery hides everything");

  writeFileSync(`${folder}/scan-cache.v8`, seal(serialize(data), keyOf(attacker.STARTUP_DOCTOR_CACHE_KEY)));
  rmSync(`${folder}/scan-result.v8`, { force: true });
  assert.deepEqual(findings(project, { STARTUP_DOCTOR_CACHE_KEY: "the CI's own key" }), honest);

  writeFileSync(`${folder}/scan-cache.v8`, seal(serialize(data), keyOf(attacker.STARTUP_DOCTOR_CACHE_KEY)));
  rmSync(`${folder}/scan-result.v8`, { force: true });
  assert.deepEqual(findings(project, {}), honest, "this user's own key");
  // An unsealed blob (the format before sealing) is ignored too.
  writeFileSync(`${folder}/scan-cache.v8`, serialize(data));
  rmSync(`${folder}/scan-result.v8`, { force: true });
  assert.deepEqual(findings(project, attacker), honest);
});

test("with no private folder for the key, --cache writes nothing and says so in one warning", () => {
  const project = `${work}/keyless`;
  cpSync(fixture("rules", "import-time-async/module-scope"), project, { recursive: true });
  writeFileSync(`${work}/a-file`, "");
  // Every place the key could be kept lies under a regular file: no folder can be made there.
  const nowhere = { XDG_CACHE_HOME: `${work}/a-file/cache`, HOME: `${work}/a-file`, TMPDIR: `${work}/a-file`, STARTUP_DOCTOR_CACHE_KEY: "" };
  const scan = (env: Record<string, string>): ReportV1 => JSON.parse(runCli(["scan", project, "--cache", "--format", "json"], { env }).stdout) as ReportV1;
  const refused = (r: ReportV1): string[] => (r.warnings ?? []).map((w) => w.message).filter((m) => m.startsWith("--cache:"));

  const keyless = scan(nowhere);
  assert.equal(refused(keyless).length, 1, JSON.stringify(keyless.warnings));
  assert.equal(existsSync(`${project}/node_modules/.cache`), false);
  assert.equal(keyless.findings.length, 8);

  const keyed = scan({ XDG_CACHE_HOME: `${work}/home-cache`, STARTUP_DOCTOR_CACHE_KEY: "" });
  assert.deepEqual(refused(keyed), []);
  assert.equal(existsSync(`${project}/node_modules/.cache/startup-doctor/scan-cache.v8`), true);
});

test("a delta blob sealed with another key is ignored: forged facts over an honest base hide no finding", () => {
  const project = `${work}/delta`;
  cpSync(fixture("rules", "import-time-async/module-scope"), project, { recursive: true });
  const ci = { STARTUP_DOCTOR_CACHE_KEY: "the CI's own key" };
  const honest = findings(project, ci);
  assert.equal(honest.length, 8, honest.join("\n"));
  const folder = `${project}/node_modules/.cache/startup-doctor`;
  const base = deserialize(unseal(readFileSync(`${folder}/scan-cache.v8`), keyOf(ci.STARTUP_DOCTOR_CACHE_KEY))!) as StoredCache;
  // A delta against that base (its tag) emptying every file's facts, content hashes kept.
  const delta = serialize({ format: base.format, code: base.code, base: base.tag, files: withoutFacts(base.files), discoveries: new Map(), dropped: [] });
  const plant = (key: string): void => {
    writeFileSync(`${folder}/scan-cache-delta.v8`, seal(delta, keyOf(key)));
    rmSync(`${folder}/scan-result.v8`, { force: true });
  };
  plant(ci.STARTUP_DOCTOR_CACHE_KEY);
  assert.deepEqual(findings(project, ci), [], "sealed with the key in use, the delta is read");
  plant("the pull request's key");
  assert.deepEqual(findings(project, ci), honest);
});
