import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// CommonJS modules on a cycle see each other's exports half-filled. flagged/: `export =` read at
// module scope (config.getLogLevel()), a destructured require() captured early and called in a
// handler; stale/: a whole exports object kept before `export =` replaces it. clean/: the same
// cycles with exports filled property by property, before the require, or read through getters.
const dir = fixture("rules", "tdz-risk", "cjs-partial");
const ENTRIES = ["src/flagged/main.ts", "src/flagged/server.js", "src/stale/main.ts", "src/clean/main.ts"];
const { report } = scanJson(dir, ENTRIES.flatMap((e) => ["--entry", e]));
const tdz = (file: string) => report.findings.find((f) => f.rule === "tdz-risk" && f.file === file)!;

test("half-loaded CommonJS exports: a module-scope call, an early capture called later, a stale exports object", () => {
  assert.deepEqual(findingsOf(report, ["tdz-risk"]), [
    finding("tdz-risk", "error", "src/flagged/handlers.js", 1),
    finding("tdz-risk", "error", "src/flagged/logger.ts", 3),
    finding("tdz-risk", "error", "src/stale/logger.ts", 1),
  ]);
});

test("each message names what crashes, with the runtime's own words", () => {
  assert.equal(
    tdz("src/flagged/logger.ts").message,
    "src/flagged/logger.ts calls config.getLogLevel() at module scope (captured from require() at line 1), but src/flagged/config.ts has not run yet when src/flagged/main.ts starts (same runtime import cycle): startup crashes with TypeError: config.getLogLevel is not a function (under CommonJS, require() of a module that is still running returns its exports object as filled so far, without getLogLevel)",
  );
  const capture = tdz("src/flagged/handlers.js");
  assert.equal(
    capture.message,
    "src/flagged/handlers.js captures query from require() at module scope (line 1), but src/flagged/db.js has not run yet when src/flagged/server.js starts (same runtime import cycle): query stays undefined, and the first call (line 4, in handle) throws TypeError: query is not a function",
  );
  assert.equal(capture.code, 'const { query } = require("./db");');
  assert.deepEqual(capture.chain, [
    { file: "src/flagged/handlers.js", line: 1, note: "captures query while src/flagged/handlers.js is evaluated, before src/flagged/db.js has run" },
    { file: "src/flagged/handlers.js", line: 4, note: "calls query() later, in handle" },
    { file: "src/flagged/db.js", line: 1, note: "imports src/flagged/handlers.js" },
  ]);
  assert.match(tdz("src/stale/logger.ts").message, /config stays the empty exports object config\.ts replaces later, and the first call \(line 3, in level\) throws TypeError: config\.getLogLevel is not a function$/);
  assert.match(tdz("src/stale/logger.ts").fix!, /^fill src\/stale\/config\.ts's exports property by property \(exports\.getLogLevel = \.\.\.\) instead of replacing module\.exports/);
});

test("Node agrees: every flagged entry throws the predicted error, the clean one runs", () => {
  const run = (entry: string) => spawnSync(process.execPath, ["--import", "tsx", entry], { cwd: dir, encoding: "utf8", timeout: 30_000 });
  const outcomes = ENTRIES.map((e) => {
    const r = run(e);
    return [e, r.status, /TypeError: [^\n]*/.exec(r.stderr)?.[0] ?? null];
  });
  assert.deepEqual(outcomes, [
    ["src/flagged/main.ts", 1, "TypeError: config.getLogLevel is not a function"],
    ["src/flagged/server.js", 1, "TypeError: query is not a function"],
    ["src/stale/main.ts", 1, "TypeError: config.getLogLevel is not a function"],
    ["src/clean/main.ts", 0, null],
  ]);
});
