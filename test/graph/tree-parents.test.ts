// The parse sets parents itself (graph/tree-index.ts) instead of asking createSourceFile to: every
// node of every fixture source must get the parent setParentNodes would give it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { sourcesUnder } from "../helpers/fixture.js";
import { adoptAndIndex } from "../../src/graph/tree-index.js";
import { typescript, type TS } from "../../src/graph/typescript.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures");

/** Every node reachable by forEachChild, with its parent, as kind@pos-end strings. */
function parents(ts: typeof TS, sf: TS.SourceFile): string[] {
  const out: string[] = [];
  const stack: TS.Node[] = [sf];
  const at = (n: TS.Node | undefined): string => (n ? `${n.kind}@${n.pos}-${n.end}` : "none");
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(`${at(node)} <- ${at(node.parent)}`);
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return out;
}

test("adoptAndIndex gives every node of every fixture source the parent setParentNodes gives", () => {
  const ts = typescript();
  const files = sourcesUnder(fixtures);
  assert.ok(files.length > 200, `only ${files.length} fixture sources`);
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  let nodes = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const kind = file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const expected = parents(ts, ts.createSourceFile(file, text, options, true, kind));
    const ours = ts.createSourceFile(file, text, options, false, kind);
    adoptAndIndex(ts, ours);
    assert.deepEqual(parents(ts, ours), expected, file);
    nodes += expected.length;
  }
  assert.ok(nodes > 10_000, `only ${nodes} nodes`);
});

test("without adoptAndIndex the parser leaves parents unset (the walk is what sets them)", () => {
  const ts = typescript();
  const sf = ts.createSourceFile("a.ts", "const x = f(1);", { languageVersion: ts.ScriptTarget.Latest }, false, ts.ScriptKind.TS);
  assert.equal(sf.statements[0].parent, undefined);
  const noted = adoptAndIndex(ts, sf);
  assert.equal(sf.statements[0].parent, sf);
  assert.deepEqual(noted.map((n) => ts.SyntaxKind[n.kind]), ["VariableDeclaration", "CallExpression"]);
});
