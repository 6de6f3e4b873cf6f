// A pull request can commit node_modules/.cache/startup-doctor, the default --cache folder. Its
// blobs are read only when sealed with this user's key (or STARTUP_DOCTOR_CACHE_KEY's): facts
// forged to hide every finding, with the right content hashes and sealed with another key, change
// nothing. The forgery is first shown to work against the key it was sealed with.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { deserialize, serialize } from "node:v8";
import { after, test } from "node:test";
import { createHash } from "node:crypto";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { seal, unseal } from "../../src/run/cache/cache-seal.js";
import type { CacheData } from "../../src/run/cache/cache-file.js";
import type { ReportV1 } from "../../src/report/types.js";

const work = mkdtempSync(`${tmpdir()}/startup-doctor-forged-`);
after(() => rmSync(work, { recursive: true, force: true }));

const findings = (project: string, env: Record<string, string>): string[] => {
  const r = runCli(["scan", project, "--cache", "--format", "json"], { env: { XDG_CACHE_HOME: `${work}/home-cache`, ...env } });
  return (JSON.parse(r.stdout) as ReportV1).findings.map((f) => `${f.rule} ${f.file}:${f.line}`).sort();
};
const keyOf = (given: string): Buffer => createHash("sha256").update(given).digest();

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
  const data = deserialize(payload) as CacheData;
  for (const entry of data.files.values()) entry.parsed = { sites: [], facts: {}, syntaxErrors: [] };
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
