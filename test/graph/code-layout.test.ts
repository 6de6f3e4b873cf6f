// A module's code layout (src/graph/code-layout.ts): its text without comments, every token in
// place. Two versions with the same layout must have the same tokens at the same lines and
// columns; the lexer declines (null) wherever it cannot be sure where a comment is.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { codeLayout, digestOf } from "../../src/graph/code-layout.js";

const repo = new URL("../..", import.meta.url).pathname;

/** Every comment as the compiler sees it: the trivia before each token of its syntax tree. */
function compilerComments(file: string, text: string): Array<[number, number]> {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : file.endsWith(".jsx") ? ts.ScriptKind.JSX : /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const found = new Map<number, number>();
  const at = (pos: number): void => {
    for (const r of [...(ts.getLeadingCommentRanges(text, pos) ?? []), ...(ts.getTrailingCommentRanges(text, pos) ?? [])]) found.set(r.pos, r.end);
  };
  const visit = (node: ts.Node): void => {
    const children = node.getChildren(sf);
    if (children.length === 0 || node.kind === ts.SyntaxKind.JsxText) at(node.pos);
    else children.forEach(visit);
  };
  visit(sf);
  at(sf.endOfFileToken.pos);
  return [...found].sort((a, b) => a[0] - b[0]);
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) sourceFiles(path, out);
    else if (/\.[cm]?[jt]sx?$/.test(e.name)) out.push(path);
  }
  return out;
}

test("where the lexer gives a layout, its comments are exactly the compiler's, in every source file of this repository and its fixtures", () => {
  const files = ["src", "test", "fixtures", "bench", "bin"].flatMap((d) => sourceFiles(join(repo, d)));
  const wrong: string[] = [];
  let declined = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    const layout = codeLayout(file, text);
    if (!layout) {
      declined++;
      continue;
    }
    if (JSON.stringify(layout.comments) !== JSON.stringify(compilerComments(file, text))) wrong.push(file);
  }
  assert.deepEqual(wrong, []);
  assert.ok(files.length > 900, `${files.length} files`);
  // Declining is always safe, but a lexer that declines most code is no use.
  assert.ok(declined < files.length * 0.05, `${declined} of ${files.length} declined`);
});

const same = (file: string, before: string, after: string): boolean => {
  const a = digestOf(file, before);
  const b = digestOf(file, after);
  assert.ok(a !== null && b !== null, `a layout for both: ${JSON.stringify(before)} / ${JSON.stringify(after)}`);
  return a === b;
};

test("edits of comments, line-end spaces and blank lines at the end keep the layout", () => {
  const code = 'import { db } from "./db.js"; // the database\nexport const x = db.connect(); /* at once */\n';
  assert.ok(same("a.ts", code, code.replace("the database", "the primary database, read once")));
  assert.ok(same("a.ts", code, code.replace("/* at once */", "/* at once, when imported */")));
  assert.ok(same("a.ts", code, `${code}\n// appended\n/* and\n   more */\n\n`));
  assert.ok(same("a.ts", code, code.replace("; //", ";    //").replace("\n", "  \n")));
  assert.ok(same("a.ts", "const a = b / c; // half\n", "const a = b / c; // a half\n"));
  assert.ok(same("a.ts", "if (ok) /x\\//.test(s); // note\n", "if (ok) /x\\//.test(s); // a note\n"));
  assert.ok(same("a.ts", "#!/usr/bin/env node\nrun(); // go\n", "#!/usr/bin/env node\nrun(); // go now\n"));
  assert.ok(same("a.ts", "const s = `a ${b /* c */} d`;\n", "const s = `a ${b /* e */} d`;\n"));
  // Where no expression can start, a `<` compares (or opens type arguments), also where JSX may be written.
  assert.ok(same("a.js", "for (let i = 0; i < n; i++) f(i); // each\n", "for (let i = 0; i < n; i++) f(i); // each one\n"));
  assert.ok(same("a.tsx", "const m = new Map<string, number>(); // names\n", "const m = new Map<string, number>(); // the names\n"));
});

test("edits that move a token or change code keep no layout in common", () => {
  const code = "const a = f(/* x */ b);\nexport default a;\n";
  assert.ok(!same("a.ts", code, code.replace("/* x */", "/* longer */")), "a column moved after a comment");
  assert.ok(!same("a.ts", code, `// a line above\n${code}`), "every line moved");
  assert.ok(!same("a.ts", code, code.replace("/* x */", "/* x\n */")), "a line break added inside a comment");
  assert.ok(!same("a.ts", 'const u = "http://a";\n', 'const u = "http://b";\n'), "// inside a string");
  assert.ok(!same("a.ts", "const t = `//${x}`;\n", "const t = `//${y}`;\n"), "// inside a template");
  assert.ok(!same("a.ts", "const r = /a[//]b/; f();\n", "const r = /a[//]b/; g();\n"), "// inside a regular expression's class");
  assert.ok(!same("a.ts", "return /\\/\\//.test(s) && f();\n", "return /\\/\\//.test(s) && g();\n"), "escaped slashes");
  assert.ok(!same("a.ts", "for (;;) { break\n/a[//]/.test(s) && f(); }\n", "for (;;) { break\n/a[//]/.test(s) && g(); }\n"), "a regular expression after `break` and a line break");
  assert.ok(!same("a.ts", "if (ok)\n/a[//]/.test(s) && f();\n", "if (ok)\n/a[//]/.test(s) && g();\n"), "a regular expression after a statement's head");
  assert.ok(!same("a.ts", "f(); // startup-doctor-disable-line tdz-risk\n", "f(); // startup-doctor-disable-line import-cycle\n"), "a directive is a fact");
  assert.ok(!same("a.ts", "const s = `a\n  `;\n", "const s = `a\n`;\n"), "spaces at a line's end inside a template");
});

test("the lexer declines where only the grammar could tell a comment from code", () => {
  for (const [file, text] of [
    ["a.tsx", "const a = <a href='//x'>see //here</a>;\n"],
    ["a.js", "const a = cond ? <b>//x</b> : null; // JSX is possible in a .js file\n"],
    ["a.jsx", "export default () => <>see //here</>;\n"],
    ["a.ts", "function f() {}\n/re/.test(s);\n"],
    ["a.ts", "x++ / 2;\n"],
    ["a.ts", "const y = x! / 2;\n"],
    ["a.ts", "async function* g() { yield /re/; }\n"],
    ["a.ts", "const \u00e9 = 1;\n"],
    ["a.ts", "const \\u0061 = 1;\n"],
    ["a.ts", "/* never closed\n"],
    ["a.ts", 'const s = "never closed;\n'],
    ["a.ts", "const t = `never closed;\n"],
    ["a.ts", "const r = /never closed;\n"],
    ["a.ts", "f(a;\n"],
  ] as const) {
    assert.equal(codeLayout(file, text), null, `${file}: ${JSON.stringify(text)}`);
  }
});
