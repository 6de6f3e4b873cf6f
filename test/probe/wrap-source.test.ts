import assert from "node:assert/strict";
import { test } from "node:test";
import { wrapSource } from "../../src/probe/preload/wrap-source.ts";

const URL_ = "file:///p/a.ts";

function inlineMap(mappings: string): string {
  const json = JSON.stringify({ version: 3, sources: ["a.ts"], mappings });
  return `//# sourceMappingURL=data:application/json;base64,${Buffer.from(json).toString("base64")}`;
}

function mappingsOf(source: string): string {
  const base64 = /base64,([A-Za-z0-9+/=]+)/.exec(source)?.[1] ?? "";
  return (JSON.parse(Buffer.from(base64, "base64").toString("utf8")) as { mappings: string }).mappings;
}

test("plain code keeps its line numbers: the prologue shares line 1", () => {
  const out = wrapSource("const a = 1;\nthrow new Error();\n", URL_);
  const lines = out.split("\n");
  assert.match(lines[0] ?? "", /^globalThis\.__startupDoctorEnter\("file:\/\/\/p\/a\.ts"\);const a = 1;$/);
  assert.equal(lines[1], "throw new Error();");
  assert.match(out, /__startupDoctorExit\("file:\/\/\/p\/a\.ts"\);\n$/);
});

test("a shebang stays first", () => {
  const out = wrapSource("#!/usr/bin/env node\nrun();\n", URL_);
  assert.ok(out.startsWith("#!/usr/bin/env node\nglobalThis.__startupDoctorEnter("));
});

test("single-line code with an inline map gets its own prologue line and a shifted map", () => {
  const out = wrapSource(`a();b();\n${inlineMap("AAAA,CAAC")}\n`, URL_);
  const lines = out.split("\n");
  assert.match(lines[0] ?? "", /^globalThis\.__startupDoctorEnter/);
  assert.equal(lines[1], "a();b();");
  assert.equal(mappingsOf(out), ";AAAA,CAAC");
  // The exit call sits before the map comment, which stays last.
  assert.match(out, /__startupDoctorExit\("file:\/\/\/p\/a\.ts"\);\n\/\/# sourceMappingURL=/);
});

test("with a shebang and a map, the empty line group goes after the shebang line", () => {
  const out = wrapSource(`#!/usr/bin/env node\na();\n${inlineMap(";AAAA")}\n`, URL_);
  assert.ok(out.startsWith("#!/usr/bin/env node\nglobalThis.__startupDoctorEnter("));
  assert.equal(mappingsOf(out), ";;AAAA");
});

test("a leading \"use strict\" directive stays in force, and sloppy code stays sloppy", () => {
  const run = (code: string): unknown => {
    const enter = (): void => undefined;
    return new Function("globalThis", `return (() => { ${code} })()`)({ __startupDoctorEnter: enter, __startupDoctorExit: enter });
  };
  const probe = "return (function () { return this === undefined; })();";
  const strictSource = `// header\n"use strict";\n${probe}\n`;
  assert.equal(run(strictSource), true);
  assert.equal(run(wrapSource(strictSource, URL_)), true);
  assert.equal(run(wrapSource(`'use strict';${probe}\n${inlineMap("AAAA")}\n`, URL_).replace(/\/\/# sourceMappingURL.*\n$/, "")), true);
  assert.equal(run(wrapSource(`${probe}\n`, URL_)), false);
});
