// Every `ts.X` the analysis uses is in COMPILER_MEMBERS, so it is read from the fast view of the
// compiler, never through the compiler's 2,244 getters (src/util/typescript.ts).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { COMPILER_MEMBERS, typescript } from "../../src/util/typescript.ts";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

test("every compiler member used in src/ is in COMPILER_MEMBERS, and each exists in the compiler", () => {
  const used = new Set<string>();
  for (const file of sources(new URL("../../src", import.meta.url).pathname)) {
    for (const m of readFileSync(file, "utf8").matchAll(/\bts\.([A-Za-z_]\w*)/g)) used.add(m[1]!);
  }
  const listed = new Set<string>(COMPILER_MEMBERS);
  assert.deepEqual([...used].filter((name) => !listed.has(name)).sort(), []);
  const ts = typescript() as unknown as Record<string, unknown>;
  assert.deepEqual(COMPILER_MEMBERS.filter((name) => ts[name] === undefined), []);
  // Own data properties of the view: no getter on the hot path.
  for (const name of COMPILER_MEMBERS) assert.notEqual(Object.getOwnPropertyDescriptor(ts, name)?.value, undefined, name);
});
