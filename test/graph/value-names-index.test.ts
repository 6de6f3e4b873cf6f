// value-names reads the tree index (graph/tree-index.ts) instead of walking the file again. The
// walk it replaced is kept here as the reference: both must give the same names for every fixture
// source and for the shapes a walk treats specially (types, imports, `export { X }`, computed keys
// of types, decorated classes), with and without decorator metadata.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { sourcesUnder } from "../helpers/fixture.js";
import { adoptAndIndex, importedNamesOf } from "../../src/graph/tree-index.js";
import { typescript, type TS } from "../../src/graph/typescript.js";
import { addDecoratorMetadataNames, collectValueNames, isNonReferenceName, isTypeOnlySubtree, type ValueNames } from "../../src/graph/value-names.js";

const ts = typescript();
const fixtures = join(import.meta.dirname, "..", "..", "fixtures");

function parse(file: string, text: string): TS.SourceFile {
  const kind = file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, kind);
  adoptAndIndex(ts, sf);
  return sf;
}

const sorted = (names: ValueNames): { values: string[]; plain: string[] } => ({ values: [...names.values].sort(), plain: [...names.plain].sort() });

function agree(file: string, text: string): number {
  const sf = parse(file, text);
  const wanted = importedNamesOf(ts, sf);
  for (const metadata of [false, true]) {
    assert.deepEqual(sorted(collectValueNames(sf, metadata, wanted)), sorted(walkedValueNames(sf, metadata, wanted)), `${file} (decorator metadata ${metadata})`);
  }
  return wanted.size;
}

test("the indexed value names equal the walk's on every fixture source", () => {
  const files = sourcesUnder(fixtures);
  assert.ok(files.length > 200, `only ${files.length} fixture sources`);
  let names = 0;
  for (const file of files) names += agree(file, readFileSync(file, "utf8"));
  assert.ok(names > 300, `only ${names} imported names`);
});

const SHAPES: Record<string, string> = {
  "type positions": `import { A, B, C, D } from "m"; let a: A; type T = B; interface I extends C {} class K implements D {}`,
  "declare and namespaces": `import { A, B, C } from "m"; declare const x: typeof A; declare namespace N { const y: typeof B; } namespace M { export const z = C; }`,
  "local export specifiers": `import { A, B, C, D, E } from "m"; export { A, B as B2 }; export { type C }; export type { D }; export { E } from "n";`,
  "an export name that is also an imported name": `import { A, B, C, D } from "m"; export { A as B }; export { type C as D };`,
  "shorthand and default export": `import { A, B } from "m"; const o = { A }; export default B;`,
  "computed keys of types": `import { K1, K2, K3, K4, K5 } from "m"; type T = { [K1]: string; [K2.a.b]: number; n: { [K3]: 1 } }; let v: { [K4 as any]: 1 }; interface J { [K5]: string }`,
  "computed key inside a computed key": `import { K, L } from "m"; type T = { [({ [K]: 1 })[L]]: string };`,
  "names that start with underscores": `import { __a, ___b, _c } from "m"; __a(); let t: ___b; _c;`,
  "non-reference names": `import { A, B, C, D, E } from "m"; o.A; const x = { B: 1 }; class Q { C() {} } function D() {} E: for (;;) break E;`,
  "decorated classes": `import { Inject, Svc, Repo, Typ } from "m"; @Inject() class S { constructor(private s: Svc) {} @Inject() r: Repo; m(@Inject() t: Typ) {} }`,
  "a declared decorated class": `import { Dec, Svc } from "m"; declare class S { constructor(s: Svc); }`,
  "import equals": `import A = require("a"); import B = A.x; import type C = require("c"); A; let b: B;`,
  "a class in an expression": `import { D, S } from "m"; const K = @D() class { constructor(s: S) {} };`,
  jsx: `import { View, Prop } from "m"; const e = <View Prop={1} />;`,
};

for (const [shape, text] of Object.entries(SHAPES)) {
  test(`the indexed value names equal the walk's: ${shape}`, () => {
    assert.ok(agree(`${shape}.tsx`, text) > 0);
  });
}

// The walk collectValueNames replaced (graph/value-names.ts before the tree index).
function walkedValueNames(sf: TS.SourceFile, decoratorMetadata: boolean, wanted: ReadonlySet<string>): ValueNames {
  const plain = new Set<string>();
  const metadata = new Set<string>();
  let missing = wanted.size;
  const add = (name: string): void => {
    if (!wanted.has(name) || plain.has(name)) return;
    plain.add(name);
    missing--;
  };
  const stack: TS.Node[] = [...sf.statements];
  const push = (child: TS.Node): void => {
    stack.push(child);
  };
  while (stack.length > 0 && missing > 0) {
    const node = stack.pop()!;
    if (isTypeOnlySubtree(ts, node)) {
      // tsc keeps an import used in a computed key of a type (`{ [KEY]: string }`); esbuild drops
      // it. emitDecoratorMetadata says tsc builds this project (esbuild ignores metadata).
      if (decoratorMetadata) for (const name of computedKeyNames(ts, node)) add(name);
      continue;
    }
    if (ts.isIdentifier(node)) {
      if (wanted.has(node.text) && !isNonReferenceName(ts, node)) add(node.text);
      continue;
    }
    if (decoratorMetadata && ts.isClassLike(node)) addDecoratorMetadataNames(ts, node, metadata);
    if (ts.isShorthandPropertyAssignment(node)) add(node.name.text);
    if (ts.isExportAssignment(node) && ts.isIdentifier(node.expression)) add(node.expression.text);
    // `export { X }` keeps X alive under isolatedModules/esbuild semantics.
    if (ts.isExportSpecifier(node) && !node.isTypeOnly && !node.parent.parent.isTypeOnly && !node.parent.parent.moduleSpecifier) {
      add((node.propertyName ?? node.name).text);
      continue;
    }
    if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) continue;
    ts.forEachChild(node, push);
  }
  const values = new Set(plain);
  for (const name of metadata) if (wanted.has(name)) values.add(name);
  return { values, plain };
}

/** Root identifiers of computed property names inside a type subtree. */
function computedKeyNames(ts: typeof TS, root: TS.Node): string[] {
  const out: string[] = [];
  const stack: TS.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isComputedPropertyName(node)) {
      let e: TS.Expression = node.expression;
      while (ts.isPropertyAccessExpression(e)) e = e.expression;
      if (ts.isIdentifier(e)) out.push(e.text);
      continue;
    }
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return out;
}
