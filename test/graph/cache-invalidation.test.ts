// --cache never answers for a project that changed: after each kind of change (a source edited,
// added, deleted; a tsconfig changed; other library knowledge) the warm run reports exactly what a
// run without the cache reports on the changed project, and with nothing changed it reports what
// the last run did.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { deserialize } from "node:v8";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import { fixture } from "../helpers/fixture.js";
import { runAnalysis, storedAnswer, type AnalysisRequest } from "../../src/run/analysis-job.js";
import { analysisOf, toReport } from "../../src/run/analyze.js";
import type { ReportV1 } from "../../src/report/types.js";
import type { UserKnowledgeEntry } from "../../src/knowledge/types.js";
import type { StoredCache } from "../../src/run/cache/cache-file.js";
import { cacheKey, unseal } from "../../src/run/cache/cache-seal.js";

const work = mkdtempSync(`${tmpdir()}/startup-doctor-cache-inval-`);
after(() => rmSync(work, { recursive: true, force: true }));

async function reportOf(request: AnalysisRequest): Promise<ReportV1> {
  const outcome = await runAnalysis(request, { onProgress: () => {} });
  outcome.persist?.();
  return toReport(analysisOf(outcome.data), "scan");
}

/** Rewrites a file with a modification time that certainly differs from the one cached. */
let tick = 1;
function write(file: string, text: string): void {
  writeFileSync(file, text);
  const when = new Date(Date.now() + 60_000 * tick++);
  utimesSync(file, when, when);
}

const summary = (r: ReportV1): { modules: number; cycles: string[][]; findings: unknown[] } => ({ modules: r.modules, cycles: r.cycles.filter((c) => c.runtime).map((c) => c.modules), findings: r.findings.map((f) => [f.rule, f.file, f.line, f.message]) });

test("after each change the warm run equals a run without the cache; unchanged it equals the last run", async () => {
  const dir = `${work}/project`;
  cpSync(fixture("graph", "barrel-cycle"), dir, { recursive: true });
  const cache = { location: `${work}/cache` };
  const plain: AnalysisRequest = { dir, scope: "startup", workers: 0, workersAsked: true, besideProbes: false };
  const cached: AnalysisRequest = { ...plain, cache };
  const check = async (what: string, extra: Partial<AnalysisRequest> = {}): Promise<ReportV1> => {
    const expected = await reportOf({ ...plain, ...extra });
    assert.deepEqual(await reportOf({ ...cached, ...extra }), expected, what);
    // Twice: the second run answers from what the first stored.
    assert.deepEqual(await reportOf({ ...cached, ...extra }), expected, `${what}, again`);
    return expected;
  };

  const first = await check("cold");
  assert.deepEqual(summary(first).cycles, [["src/index.ts", "src/services/user.ts"]]);

  // The cycle is broken: user.ts no longer imports the barrel.
  write(`${dir}/src/services/user.ts`, `import { db } from "../db.js";\n\nexport class UserService {\n  list(): string[] {\n    return [db.name];\n  }\n}\n`);
  const edited = await check("a source edited");
  assert.deepEqual(summary(edited).cycles, []);

  // A new module, imported at module scope, starting a timer: a new import-time-async finding.
  write(`${dir}/src/clock.ts`, `export const clock = setInterval(() => undefined, 1000);\n`);
  write(`${dir}/src/server.ts`, `import { UserService, db } from "./index.js";\nimport { clock } from "./clock.js";\n\nconsole.log(new UserService().list(), db.name, clock);\n`);
  const added = await check("a source added");
  assert.ok(added.findings.some((f) => f.rule === "import-time-async" && f.file === "src/clock.ts"), JSON.stringify(summary(added)));

  // The module is gone: its import is unresolved now.
  unlinkSync(`${dir}/src/clock.ts`);
  const deleted = await check("a source deleted");
  assert.ok(!deleted.findings.some((f) => f.file === "src/clock.ts"));
  assert.ok((deleted.warnings ?? []).some((w) => /cannot resolve '.\/clock.js'/.test(w.message)) || deleted.findings.some((f) => f.rule === "unresolved-import"), JSON.stringify(deleted.warnings));

  // A tsconfig option that changes what runs: with verbatimModuleSyntax a type-only named import stays.
  write(`${dir}/tsconfig.json`, JSON.stringify({ compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, rootDir: "src", outDir: "dist", verbatimModuleSyntax: true }, include: ["src"] }));
  await check("the tsconfig changed");

  // Knowledge from the configuration: a call of a package the project imports becomes async work.
  write(`${dir}/src/db.ts`, `import { open } from "some-db";\n\nexport const db = { name: "main", handle: open() };\n`);
  await check("a source importing a package");
  const knowledge: UserKnowledgeEntry[] = [{ package: "some-db", api: "open()", starts: "connection" }];
  const known = await check("other library knowledge", { knowledge });
  assert.ok(known.findings.some((f) => f.rule === "import-time-async" && f.file === "src/db.ts"), JSON.stringify(summary(known)));
});

test("a file touched without a change: the stored analysis answers, since its code layout holds; once its code changes, it is analysed again", async () => {
  const dir = `${work}/touched`;
  cpSync(fixture("graph", "barrel-cycle"), dir, { recursive: true });
  const request: AnalysisRequest = { dir, scope: "startup", workers: 0, workersAsked: true, besideProbes: false, cache: { location: `${work}/touched-cache` } };
  const cold = await reportOf(request);
  assert.notEqual(storedAnswer(request, { onProgress: () => {} }), null, "nothing changed: the stored analysis answers");
  // Same bytes, a new time (a checkout, an editor's save): the module is read again, not parsed.
  const later = new Date(Date.now() + 3_600_000);
  utimesSync(`${dir}/src/db.ts`, later, later);
  assert.notEqual(storedAnswer(request, { onProgress: () => {} }), null, "a touched module with the same layout");
  assert.deepEqual(await reportOf(request), cold);
  write(`${dir}/src/db.ts`, `${readFileSync(`${dir}/src/db.ts`, "utf8")}\nexport const added = setInterval(() => {}, 1000);\n`);
  assert.equal(storedAnswer(request, { onProgress: () => {} }), null, "a module whose code changed is not trusted by its old layout");
  assert.deepEqual(await reportOf(request), await reportOf({ ...request, cache: undefined }));
});

test("one edited module: parsed on the worker started before the cache is read, the same report as without the cache; only its facts are written, beside an untouched base", async () => {
  const dir = `${work}/early`;
  cpSync(fixture("graph", "barrel-cycle"), dir, { recursive: true });
  const location = `${work}/early-cache`;
  // Not asked for: default workers, so that a few changed files take the early worker, not a pool.
  const request: AnalysisRequest = { dir, scope: "startup", workers: 1, workersAsked: false, besideProbes: false, cache: { location } };
  await reportOf(request);
  const blob = (name: string): { files: Map<string, Uint8Array> } | null => {
    if (!existsSync(`${location}/${name}`)) return null;
    const payload = unseal(readFileSync(`${location}/${name}`), cacheKey()!);
    assert.ok(payload, name);
    return deserialize(payload) as StoredCache;
  };
  const base = readFileSync(`${location}/scan-cache.v8`);
  assert.equal(blob("scan-cache-delta.v8"), null, "a first run writes the whole base");
  write(`${dir}/src/db.ts`, `${readFileSync(`${dir}/src/db.ts`, "utf8")}\nexport const added = setInterval(() => {}, 1000);\n`);
  const expected = await reportOf({ ...request, cache: undefined, workers: 0 });
  assert.ok(expected.findings.some((f) => f.file === "src/db.ts" && f.line === summaryLineOfAdded(dir)), "the edit is seen");
  assert.deepEqual(await reportOf(request), expected);
  assert.deepEqual(readFileSync(`${location}/scan-cache.v8`), base, "the base is not rewritten");
  assert.deepEqual([...(blob("scan-cache-delta.v8")?.files.keys() ?? [])], [`${dir}/src/db.ts`]);
  // Read back through the delta: a warm run after a plain edit of another module still agrees.
  write(`${dir}/src/index.ts`, `${readFileSync(`${dir}/src/index.ts`, "utf8")}\nexport const edited = 1;\n`);
  assert.deepEqual(await reportOf(request), await reportOf({ ...request, cache: undefined, workers: 0 }));
  assert.deepEqual([...(blob("scan-cache-delta.v8")?.files.keys() ?? [])].sort(), [`${dir}/src/db.ts`, `${dir}/src/index.ts`], "each delta holds every change since its base");
});

function summaryLineOfAdded(dir: string): number {
  return readFileSync(`${dir}/src/db.ts`, "utf8").split("\n").findIndex((line) => line.includes("export const added")) + 1;
}

test("a task runner's scripts file changed (nps package-scripts.js): the scope is found again, not taken from the cache", async () => {
  const dir = `${work}/nps`;
  cpSync(fixture("graph", "scope-nps-scripts"), dir, { recursive: true });
  const cached: AnalysisRequest = { dir, scope: "startup", workers: 0, workersAsked: true, besideProbes: false, cache: { location: `${work}/nps-cache` } };
  const plain: AnalysisRequest = { ...cached, cache: undefined };
  const before = await reportOf(cached);
  assert.ok(before.findings.some((f) => f.file === "commands/report.ts"), "report.ts is named by no script: in scope");
  const scripts = `${dir}/package-scripts.js`;
  write(scripts, readFileSync(scripts, "utf8").replace('seed: runFast("./commands/seed.ts"),', 'seed: runFast("./commands/seed.ts"),\n    report: runFast("./commands/report.ts"),'));
  const expected = await reportOf(plain);
  assert.ok(!expected.findings.some((f) => f.file === "commands/report.ts"), "now a script: out of scope");
  assert.deepEqual(await reportOf(cached), expected);
  assert.deepEqual(await reportOf(cached), expected, "again");
});
