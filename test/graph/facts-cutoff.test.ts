// --cache, a module changed on disk but not in anything the last analysis read (its import
// sites, its facts, the lines findings quote): the last analysis is this run's, without the rules
// running again. Any other change is analysed again. Either way the report is exactly what a run
// without the cache reports on the changed project.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { deserialize } from "node:v8";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import { fixture } from "../helpers/fixture.js";
import { runAnalysis, storedAnswer, type AnalysisOutcome, type AnalysisRequest } from "../../src/run/analysis-job.js";
import { analysisOf, toReport } from "../../src/run/analyze.js";
import type { ReportV1 } from "../../src/report/types.js";
import { DISCOVERY_ENTRY_FIELDS, FILE_ENTRY_FIELDS, readCache, type StoredCache } from "../../src/run/cache/cache-file.js";
import { cacheKey, unseal } from "../../src/run/cache/cache-seal.js";

const work = mkdtempSync(`${tmpdir()}/startup-doctor-cutoff-`);
after(() => rmSync(work, { recursive: true, force: true }));

let tick = 1;
/** Rewrites a file with a modification time that certainly differs from the one cached. */
function write(file: string, text: string): void {
  writeFileSync(file, text);
  const when = new Date(Date.now() + 60_000 * tick++);
  utimesSync(file, when, when);
}

async function run(request: AnalysisRequest): Promise<{ report: ReportV1; reuse: AnalysisOutcome["reuse"] }> {
  const outcome = await runAnalysis(request, { onProgress: () => {} });
  outcome.persist?.();
  return { report: toReport(analysisOf(outcome.data), "scan"), reuse: outcome.reuse };
}

const quoted = (r: ReportV1): unknown[] => r.findings.map((f) => [f.rule, f.file, f.line, f.code]);

for (const workers of [0, 1]) {
  const how = workers === 0 ? "parsed on the analysis thread" : "parsed on the early worker";
  test(`${how}: an edit that keeps every fact and quoted line reuses the analysis; one that changes a fact or a quoted line is analysed; each run reports what an uncached run does`, async () => {
    const dir = `${work}/project-${workers}`;
    cpSync(fixture("graph", "barrel-cycle"), dir, { recursive: true });
    const cached: AnalysisRequest = { dir, scope: "startup", workers, workersAsked: false, besideProbes: false, cache: { location: `${work}/cache-${workers}` } };
    const plain: AnalysisRequest = { ...cached, cache: undefined, workers: 0 };
    const user = `${dir}/src/services/user.ts`;
    const original = readFileSync(user, "utf8");
    const expectAfter = async (what: string, reuse: AnalysisOutcome["reuse"]): Promise<ReportV1> => {
      // The main thread answers an edit of comments alone itself, before the analysis worker has started.
      assert.equal(storedAnswer(cached, { onProgress: () => {} }) !== null, reuse === "layout-held", `${what}: answered on the main thread`);
      const expected = (await run(plain)).report;
      const got = await run(cached);
      assert.deepEqual(got.report, expected, what);
      assert.equal(got.reuse, reuse, `${what}: reuse`);
      // The cache was brought up to date: nothing changed since, so the stored analysis answers.
      assert.notEqual(storedAnswer(cached, { onProgress: () => {} }), null, `${what}: the next run answers at once`);
      return expected;
    };

    const cold = await run(cached);
    assert.equal(cold.reuse, undefined);
    assert.deepEqual(quoted(cold.report), [["import-cycle", "src/services/user.ts", 2, 'import { db } from "../index.js";']]);

    write(user, `${original}\n// appended by an editor\n`);
    await expectAfter("a comment appended", "layout-held");

    write(user, original.replace("Imports the database", "Reads the database"));
    await expectAfter("a comment above the quoted line reworded", "layout-held");

    write(`${dir}/src/db.ts`, `export const db = { name: "primary" };\n`);
    await expectAfter("a string's content changed", "facts-held");

    // Facts of modules no finding quotes: only the comparison of facts can tell.
    write(`${dir}/src/db.ts`, `export const db = { name: "primary" }; setInterval(() => undefined, 1000);\n`);
    const timer = await expectAfter("a timer started in a module no finding quotes", undefined);
    assert.ok(timer.findings.some((f) => f.rule === "import-time-async" && f.file === "src/db.ts"), JSON.stringify(quoted(timer)));
    const barrel = readFileSync(`${dir}/src/index.ts`, "utf8");
    write(`${dir}/src/index.ts`, barrel.replace('export * from "./services/user.js";', 'export type * from "./services/user.js";'));
    const typeOnly = await expectAfter("the barrel's re-export made type-only", undefined);
    assert.ok(!typeOnly.findings.some((f) => f.rule === "import-cycle"), JSON.stringify(quoted(typeOnly)));
    write(`${dir}/src/index.ts`, barrel);
    write(`${dir}/src/db.ts`, `export const db = { name: "primary" };\n`);
    await expectAfter("both put back", undefined);

    // The same import, so the same facts; but the finding quotes this line.
    write(user, original.replace('from "../index.js";', 'from "../index.js"; // through the barrel'));
    const requoted = await expectAfter("a comment added to the quoted line", undefined);
    assert.deepEqual(quoted(requoted), [["import-cycle", "src/services/user.ts", 2, 'import { db } from "../index.js"; // through the barrel']]);

    write(user, `// one line more\n${original}`);
    const shifted = await expectAfter("a line inserted above the import", undefined);
    assert.deepEqual(quoted(shifted), [["import-cycle", "src/services/user.ts", 3, 'import { db } from "../index.js";']]);

    write(user, original.replace('import { db } from "../index.js";', 'import { db } from "../db.js";'));
    const broken = await expectAfter("the cycle broken", undefined);
    assert.deepEqual(quoted(broken), []);

    // Touched with the same bytes: the facts are the cached ones, the analysis is reused.
    const later = new Date(Date.now() + 60_000 * tick++);
    utimesSync(user, later, later);
    await expectAfter("a module touched", "layout-held");
  });
}

test("a comment edited in a module the layout lexer declines, or in one with a syntax error, is decided by the parse: the report is what an uncached run gives", async () => {
  const dir = `${work}/declined`;
  cpSync(fixture("graph", "barrel-cycle"), dir, { recursive: true });
  const cached: AnalysisRequest = { dir, scope: "startup", workers: 0, workersAsked: true, besideProbes: false, cache: { location: `${work}/declined-cache` } };
  const plain: AnalysisRequest = { ...cached, cache: undefined };
  const db = `${dir}/src/db.ts`;
  // A `/` after `}`: only the grammar tells a regular expression from a division.
  const declined = `export const db = { name: "primary" };\nfunction check() {}\n/primary/.test(db.name);\n`;
  write(db, declined);
  await run(cached);
  write(db, `${declined}// checked once\n`);
  const afterComment = await run(cached);
  assert.equal(afterComment.reuse, "facts-held");
  assert.deepEqual(afterComment.report, (await run(plain)).report);

  // An unclosed brace is reported at the end of the file: blank lines added there move it.
  const broken = `export const db = { name: "primary";\n`;
  write(db, broken);
  const first = await run(cached);
  assert.ok(first.report.warnings?.some((w) => w.file === "src/db.ts"), JSON.stringify(first.report.warnings));
  write(db, `${broken}\n\n\n// still broken\n`);
  const moved = await run(cached);
  assert.notEqual(moved.reuse, "layout-held");
  assert.notDeepEqual(moved.report.warnings, first.report.warnings, "the error's line moved");
  assert.deepEqual(moved.report, (await run(plain)).report);
});

// A checked-out branch changes many modules; they are analysed again rather than compared one by
// one (MAX_CHANGED in analysis-cutoff.ts), and the report is the same either way.
test("100 modules edited without a change of facts reuse the analysis; 101 are analysed again; both report what an uncached run does", async () => {
  const dir = `${work}/many`;
  const count = 101;
  const names = Array.from({ length: count }, (_, i) => `m${i}`);
  cpSync(fixture("graph", "barrel-cycle"), dir, { recursive: true });
  for (const name of names) writeFileSync(`${dir}/src/${name}.ts`, `export const ${name} = "${name}";\n`);
  writeFileSync(`${dir}/src/many.ts`, `${names.map((n) => `import { ${n} } from "./${n}.js";`).join("\n")}\nexport const all = [${names.join(", ")}];\n`);
  const index = `${dir}/src/index.ts`;
  write(index, `import "./many.js";\n${readFileSync(index, "utf8")}`);
  const cached: AnalysisRequest = { dir, scope: "startup", workers: 0, workersAsked: true, besideProbes: false, cache: { location: `${work}/many-cache` } };
  const plain: AnalysisRequest = { ...cached, cache: undefined };
  const cold = await run(cached);
  assert.equal(cold.report.modules, (await run(plain)).report.modules);
  assert.ok(cold.report.modules > count, `${cold.report.modules} modules`);
  const edit = (n: number, round: number): void => {
    for (const name of names.slice(0, n)) write(`${dir}/src/${name}.ts`, `export const ${name} = "${name} ${round}";\n`);
  };
  edit(100, 1);
  const hundred = await run(cached);
  assert.equal(hundred.reuse, "facts-held");
  assert.deepEqual(hundred.report, (await run(plain)).report);
  edit(101, 2);
  const more = await run(cached);
  assert.equal(more.reuse, undefined);
  assert.deepEqual(more.report, (await run(plain)).report);
});

test("a lazily read cache entry (a file's facts, a discovery) has every field the stored entry has, with its values", async () => {
  const dir = `${work}/fields`;
  cpSync(fixture("graph", "barrel-cycle"), dir, { recursive: true });
  const location = `${work}/fields-cache`;
  await run({ dir, scope: "startup", workers: 0, workersAsked: true, besideProbes: false, cache: { location } });
  const payload = unseal(readFileSync(`${location}/scan-cache.v8`), cacheKey()!);
  assert.ok(payload);
  const stored = deserialize(payload) as StoredCache;
  const entry = deserialize(stored.files.get(`${dir}/src/db.ts`)!) as object;
  assert.deepEqual(Object.keys(entry).sort(), [...FILE_ENTRY_FIELDS].sort());
  const [discovery] = [...stored.discoveries.values()].map((bytes) => deserialize(bytes) as object);
  assert.deepEqual(Object.keys(discovery!).sort(), [...DISCOVERY_ENTRY_FIELDS].sort());
  // The lazy entries read back as the stored ones, field for field.
  const lazy = readCache(location)!;
  assert.deepEqual({ ...lazy.files.get(`${dir}/src/db.ts`)! }, entry);
  assert.deepEqual({ ...[...lazy.discoveries.values()][0]! }, discovery);
});

test("through the analysis worker: a run whose edit kept the facts sends the stored analysis as bytes, and the report is an uncached run's", async () => {
  const { analyze, toReport: report } = await import("../../src/run/analyze.js");
  const dir = `${work}/worker`;
  cpSync(fixture("graph", "barrel-cycle"), dir, { recursive: true });
  const cached = { dir, cache: true, cacheLocation: `${work}/worker-cache`, workers: 1 };
  await analyze(cached);
  const user = `${dir}/src/services/user.ts`;
  write(user, `${readFileSync(user, "utf8")}\n// appended\n`);
  const expected = report(await analyze({ dir, workers: 0 }), "scan");
  assert.deepEqual(report(await analyze(cached), "scan"), expected);
  // Nothing changed since: the main thread answers from what that run stored.
  assert.deepEqual(report(await analyze(cached), "scan"), expected);
});
