// The typescript transform's compiler: tsc's emit for decorators, and a per-user cache keyed by
// the parent's fingerprint, the module format, the file and its text.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cacheKey, writeCached } from "../../src/probe/preload/transpile-cache.ts";
import { compileFile, formatOf, sourceCandidates } from "../../src/probe/preload/transpile-compile.ts";

test("decorated properties get tsc's design:type metadata; a cached entry is read back", () => {
  const dir = mkdtempSync(join(tmpdir(), "sd-transpile-"));
  const saved = { ...process.env };
  try {
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, target: "es2021" } }));
    const file = join(dir, "user.ts");
    const text = "declare const Column: () => PropertyDecorator;\nexport class User {\n  @Column() id!: number;\n}\n";
    writeFileSync(file, text);
    process.env.STARTUP_DOCTOR_TS_MODULE = createRequire(import.meta.url).resolve("typescript");
    process.env.STARTUP_DOCTOR_TSCONFIG = join(dir, "tsconfig.json");
    process.env.STARTUP_DOCTOR_TS_KEY = randomUUID();
    const code = compileFile(file, "commonjs");
    assert.match(code, /__metadata\("design:type", Number\)/);
    assert.match(code, /\/\/# sourceMappingURL=data:application\/json;base64,/);
    writeCached(cacheKey([process.env.STARTUP_DOCTOR_TS_KEY, "commonjs", file, text]), "/* from the cache */");
    assert.equal(compileFile(file, "commonjs"), "/* from the cache */");
  } finally {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

test("module format follows the extension, then the nearest package.json type", () => {
  const dir = mkdtempSync(join(tmpdir(), "sd-format-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    assert.deepEqual([formatOf(join(dir, "a.ts")), formatOf(join(dir, "b.cts")), formatOf(join(dir, "c.mts"))], ["module", "commonjs", "module"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a .js specifier in TypeScript source names the .ts file", () => {
  assert.deepEqual(sourceCandidates("./user.js"), ["./user.ts", "./user.tsx"]);
  assert.deepEqual(sourceCandidates("./user.mjs"), ["./user.mts"]);
  assert.deepEqual(sourceCandidates("./user"), []);
});
