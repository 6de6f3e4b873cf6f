import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { displayApi, entrySlug, parseApi } from "../../src/knowledge/api.js";
import { builtinKnowledge, knowledgeFamilies } from "../../src/knowledge/index.js";
import { STARTS_KINDS } from "../../src/knowledge/types.js";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

// Every entry of the knowledge table has a fixture in fixtures/knowledge/<family>/ (fake packages
// under its node_modules): src/flagged/<slug>.ts makes the call at import time, on the line marked
// `// starts`; src/lazy/<slug>.ts makes it lazily (the entry's lazy option, an awaited or kept
// promise, or a call deferred into a function). Exactly one finding per flagged file, none in lazy ones.

test("every entry is well formed: a parseable api, a known kind, a version range, evidence naming its fixture", () => {
  for (const entry of builtinKnowledge) {
    const id = `${entry.package} ${entry.api}`;
    assert.ok(parseApi(entry.api), `${id}: api does not parse`);
    for (const alias of entry.alsoAs ?? []) assert.ok(parseApi(alias), `${id}: alias ${alias} does not parse`);
    assert.ok(STARTS_KINDS.includes(entry.starts), id);
    assert.match(entry.versions, /\d/, id);
    assert.match(entry.evidence, /fixtures\/knowledge\/[\w-]+/, `${id}: evidence must name its fixture`);
    assert.match(entry.evidence, /[\w.-]+(@\d[\w.]*)? [\w./-]+(:\d+|\.html)|nodejs\.org|typeorm\.io/, `${id}: evidence must cite a source line or docs`);
  }
  const slugs = builtinKnowledge.map((e) => entrySlug(e.package, e.api));
  assert.equal(new Set(slugs).size, slugs.length, "two entries share a fixture slug");
});

for (const [family, entries] of Object.entries(knowledgeFamilies)) {
  test(`${family}: each entry is flagged where it starts at import time and silent where it is lazy`, () => {
    const dir = fixture("knowledge", family);
    const { report } = scanJson(dir);
    const expected = entries.map((entry) => {
      const slug = entrySlug(entry.package, entry.api);
      const flagged = `src/flagged/${slug}.ts`;
      assert.ok(existsSync(`${dir}/${flagged}`), `${family}: ${flagged} is missing`);
      assert.ok(existsSync(`${dir}/src/lazy/${slug}.ts`), `${family}: src/lazy/${slug}.ts is missing`);
      const line = readFileSync(`${dir}/${flagged}`, "utf8").split("\n").findIndex((l) => l.endsWith("// starts")) + 1;
      assert.ok(line > 0, `${flagged} has no line marked // starts`);
      return { rule: "import-time-async", severity: "warning", file: flagged, line, package: entry.package, api: displayApi(entry.api, entry.package) };
    });
    const actual = report.findings.map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.line, package: f.library?.package, api: f.library?.api }));
    const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);
    assert.deepEqual(actual.sort(byFile), expected.sort(byFile));
  });
}
