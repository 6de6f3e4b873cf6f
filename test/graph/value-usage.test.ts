import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import type * as TS from "typescript";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge } from "./cycle-view.js";

// Each src/<case>/ holds x.ts (`import "./y.js"`) and y (`import { X } from "./x.js"` used one way):
// the pair is a runtime cycle exactly when the compiler keeps y's import.
const root = fixture("graph", "value-usage");
const { report } = scanJson(root);

const RUNTIME: Record<string, boolean> = {
  "export-default": true,
  "export-local": true,
  extends: true,
  jsx: true,
  "plain-js": true,
  shorthand: true,
  "static-member": true,
  "typeof-value": true,
  assertion: false,
  declare: false,
  "empty-import": false, // import {} from "./x.js"
  "empty-reexport": false, // export {} from "./x.js"
  implements: false,
  "property-name": false,
  "type-arguments": false,
  "typeof-type": false,
  unused: false,
};

const yFile = (name: string): string => readdirSync(`${root}/src/${name}`).find((f) => f.startsWith("y."))!;

test("an import is a runtime edge exactly when its binding is used as a value", () => {
  const expected = Object.keys(RUNTIME)
    .sort()
    .map((name) => {
      const y = `src/${name}/${yFile(name)}`;
      return {
        modules: [`src/${name}/x.ts`, y],
        edges: [edge(`src/${name}/x.ts`, 1, "side-effect", y), edge(y, 1, RUNTIME[name] ? "static" : "type", `src/${name}/x.ts`)],
        runtime: RUNTIME[name],
        size: 2,
      };
    });
  assert.deepEqual(cyclesOf(report), expected);
  assert.deepEqual(report.warnings, []);
});

test("the expectations agree with what TypeScript itself emits for each file", () => {
  const ts = createRequire(import.meta.url)("typescript") as typeof TS;
  for (const name of Object.keys(RUNTIME)) {
    const file = `${root}/src/${name}/${yFile(name)}`;
    const out = ts.transpileModule(readFileSync(file, "utf8"), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.Preserve, allowJs: true },
    }).outputText;
    assert.equal(out.includes('from "./x.js"'), RUNTIME[name], `${name}: ${out}`);
  }
});
