// A finding quotes its source line as the parser numbered it. Facts keep only positions; the line
// is read back from the file when a finding is made, so the numbering and the decoding must be
// the parser's: CRLF, CR, U+2028 and U+2029 break lines, a BOM is not part of the text, a file
// that is not UTF-8 is read as Latin-1. The same holds with parse workers and from the cache.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import { runAnalysis, type AnalysisRequest } from "../../src/run/analysis-job.js";
import { analysisOf, toReport } from "../../src/run/analyze.js";
import { createLineReader } from "../../src/graph/source-lines.js";

const work = mkdtempSync(`${tmpdir()}/startup-doctor-quoted-`);
after(() => rmSync(work, { recursive: true, force: true }));

function project(): string {
  const dir = `${work}/project`;
  mkdirSync(`${dir}/src`, { recursive: true });
  writeFileSync(`${dir}/package.json`, JSON.stringify({ name: "quoted", private: true, type: "module", main: "src/main.ts" }));
  writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", strict: true }, include: ["src"] }));
  writeFileSync(`${dir}/src/main.ts`, `import "./crlf.js";\nimport "./separators.js";\nimport "./latin1.js";\n`);
  writeFileSync(`${dir}/src/crlf.ts`, `\uFEFFimport { a } from "./gone-a.js";\r\n\r\n  import { b } from "./gone-b.js";   \r\nexport const c = [a, b];\r\n`);
  writeFileSync(`${dir}/src/separators.ts`, `// one\u2028two\u2029three\rfour\nimport { d } from "./gone-d.js";\nexport const e = d;\n`);
  writeFileSync(`${dir}/src/latin1.ts`, Buffer.from(`// caf\xe9\nimport { f } from "./gone-\xe9.js"; // \xe9t\xe9\nexport const g = f;\n`, "latin1"));
  return dir;
}

const quoted = async (request: AnalysisRequest): Promise<Array<[string, number, string | undefined]>> => {
  const outcome = await runAnalysis(request, { onProgress: () => {} });
  outcome.persist?.();
  const report = toReport(analysisOf(outcome.data), "scan");
  return report.findings.filter((f) => f.rule === "unresolved-import").map((f) => [f.file, f.line, f.code]);
};

const expected: Array<[string, number, string]> = [
  ["src/crlf.ts", 1, `import { a } from "./gone-a.js";`],
  ["src/crlf.ts", 3, `import { b } from "./gone-b.js";`],
  ["src/latin1.ts", 2, `import { f } from "./gone-\xe9.js"; // \xe9t\xe9`],
  ["src/separators.ts", 5, `import { d } from "./gone-d.js";`],
];

test("findings quote the line the parser numbered, in the thread, on workers and from the cache", async () => {
  const dir = project();
  const plain: AnalysisRequest = { dir, scope: "all", workers: 0, workersAsked: true, besideProbes: false };
  assert.deepEqual((await quoted(plain)).sort(), expected);
  assert.deepEqual((await quoted({ ...plain, workers: 2 })).sort(), expected);
  const cached = { ...plain, cache: { location: `${work}/cache` } };
  assert.deepEqual((await quoted(cached)).sort(), expected, "cold cache");
  assert.deepEqual((await quoted(cached)).sort(), expected, "warm cache");
});

test("the line reader reads a file once and answers empty for what it cannot read", () => {
  const reads: string[] = [];
  const lineText = createLineReader((file) => {
    reads.push(file);
    return file === "/a.ts" ? "first\r\n  second  \nthird" : null;
  });
  assert.equal(lineText("/a.ts", 2), "second");
  assert.equal(lineText("/a.ts", 3), "third");
  assert.equal(lineText("/a.ts", 4), "");
  assert.equal(lineText("/missing.ts", 1), "");
  assert.equal(lineText("/missing.ts", 1), "");
  assert.deepEqual(reads, ["/a.ts", "/missing.ts"]);
});
