// A start's detail is its call's text on one line, at most 60 characters (graph/facts/body-facts.ts).
// It is collapsed from a prefix of the call, not the whole call (a floating `describe(...)` is most of
// its file): the detail must be what collapsing the whole text gives, and calls that start nothing
// get none.
import assert from "node:assert/strict";
import { test } from "node:test";
import { summariseBody } from "../../src/graph/facts/body-facts.js";
import { whereIn } from "../../src/graph/facts/types.js";
import { adoptAndIndex } from "../../src/graph/tree-index.js";
import { typescript } from "../../src/graph/typescript.js";

const ts = typescript();

function startsOf(code: string): Array<{ kind: string; detail: string }> {
  const sf = ts.createSourceFile("a.ts", code, { languageVersion: ts.ScriptTarget.Latest }, false, ts.ScriptKind.TS);
  adoptAndIndex(ts, sf);
  return summariseBody(sf.statements, whereIn(sf)).starts.map(({ kind, detail }) => ({ kind, detail }));
}

/** What the detail was before the prefix: the whole text collapsed, then cut. */
function collapsed(text: string): string {
  const one = text.replace(/\s+/g, " ");
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

const LONG_ARGUMENTS = Array.from({ length: 40 }, (_, i) => `  option${i}: "value ${i}",`).join("\n");

const CASES: Record<string, string> = {
  "a short call": `void client.connect();`,
  "a long call over many lines": `void client.connect({\n${LONG_ARGUMENTS}\n});`,
  "a call whose first 240 characters are mostly blank": `void client.connect(${" \n\t".repeat(120)}{\n${LONG_ARGUMENTS}\n});`,
  "a long listen": `app.listen(3000, () => {\n${LONG_ARGUMENTS.replace(/option/g, "console.log")}\n});`,
  "exactly at the cut": `void ${"x".repeat(50)}.connect();`,
};

for (const [name, code] of Object.entries(CASES)) {
  test(`the detail of ${name} is the whole call collapsed`, () => {
    const starts = startsOf(code);
    assert.equal(starts.length, 1, JSON.stringify(starts));
    const call = code.replace(/^void /, "").replace(/;$/, "");
    const expected = starts[0].kind === "void" ? `void ${collapsed(call)}` : collapsed(call);
    assert.equal(starts[0].detail, expected);
    assert.ok(starts[0].detail.length <= 65);
  });
}

test("a long floating call that starts nothing gets no start", () => {
  assert.deepEqual(startsOf(`describe("suite", () => {\n${LONG_ARGUMENTS}\n});`), []);
});
