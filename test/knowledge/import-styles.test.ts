import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "../rules/findings-view.js";

// Library calls are recognised after resolution, whatever the import style (default, named,
// namespace, require, a member of the default export), through kept values (a variable, a client
// exported by another module) and through the incident's constructor pattern. One cause reached
// from several importers or subclasses is one finding. src/clean/* start nothing.
const { report } = scanJson(fixture("knowledge", "import-styles"));
const at = (file: string) => report.findings.find((f) => f.file === file)!;

test("every import style and kept value is flagged once, the clean files not at all", () => {
  assert.deepEqual(findingsOf(report), [
    finding("import-time-async", "warning", "src/flagged/auth-client.ts", 5),
    finding("import-time-async", "warning", "src/flagged/configured.ts", 3), // a configuration entry
    finding("import-time-async", "warning", "src/flagged/default-import.ts", 5),
    finding("import-time-async", "warning", "src/flagged/kept-then-called.ts", 6),
    finding("import-time-async", "warning", "src/flagged/member-of-default.ts", 3),
    finding("import-time-async", "warning", "src/flagged/namespace.ts", 3),
    finding("import-time-async", "warning", "src/flagged/required.cjs", 3),
    finding("async-constructor", "error", "src/flagged/services.ts", 7), // Orders and Billing: one cause
    finding("import-time-async", "warning", "src/flagged/services.ts", 18),
    finding("import-time-async", "warning", "src/flagged/ticker-a.ts", 3), // and ticker-b, ticker-c: one cause
    finding("import-time-async", "warning", "src/flagged/url-from-env.ts", 4),
    finding("import-time-async", "warning", "src/flagged/uses-shared.ts", 3),
    finding("async-constructor", "error", "src/lib/auth-core.ts", 8),
  ]);
});

test("the incident's pattern names the library, the constructor chain and the lazy option", () => {
  const core = at("src/lib/auth-core.ts");
  assert.equal(core.library?.package, "ioredis");
  assert.equal(core.library?.api, "new Redis()");
  assert.match(core.message, /this\.initializeRedis\(\) is async and nothing awaits it; it runs new Redis\(\) from ioredis, which connects when constructed and reconnects forever by default; AuthClient is constructed at import time \(src\/flagged\/auth-client\.ts:5\)/);
  assert.deepEqual(core.chain?.map((h) => `${h.file}:${h.line}`), [
    "src/flagged/auth-client.ts:5",
    "src/flagged/auth-client.ts:3",
    "src/lib/auth-core.ts:7",
    "src/lib/auth-core.ts:8",
    "src/lib/auth-core.ts:11",
    "src/lib/auth-core.ts:12",
  ]);
  assert.match(core.fix ?? "", /lazyConnect: true/);
});

test("options the syntax cannot see are said to be unknown, not assumed lazy", () => {
  assert.match(at("src/flagged/default-import.ts").message, /it is lazy only if they set lazyConnect: true$/);
  assert.doesNotMatch(at("src/flagged/namespace.ts").message, /not all visible/);
  assert.doesNotMatch(at("src/flagged/url-from-env.ts").message, /not all visible/);
});

test("a client kept in a variable or exported by another module is followed to its connect()", () => {
  assert.equal(at("src/flagged/kept-then-called.ts").library?.api, "new Redis().connect()");
  assert.equal(at("src/flagged/uses-shared.ts").library?.api, "new Redis().connect()");
});

test("a configuration entry is matched like a built-in one, with its own fix", () => {
  const configured = at("src/flagged/configured.ts");
  assert.deepEqual(configured.library, { package: "metrics-agent", api: "startAgent()", starts: "timer", evidence: "configuration (knowledge)" });
  assert.equal(configured.fix, "call startAgent() from your bootstrap");
});

test("three importers of one helper's timer are one finding with three chains", () => {
  const ticker = at("src/flagged/ticker-a.ts");
  assert.deepEqual(ticker.chains?.map((c) => c[0].file), ["src/flagged/ticker-a.ts", "src/flagged/ticker-b.ts", "src/flagged/ticker-c.ts"]);
  assert.ok(ticker.chains?.every((c) => c[c.length - 1].file === "src/lib/ticker.ts" && c[c.length - 1].line === 2));
  assert.match(ticker.message, /one cause, 3 places/);
});

test("two subclasses reaching one inherited timer are one finding naming both classes", () => {
  const services = at("src/flagged/services.ts");
  assert.equal(services.rule, "async-constructor");
  assert.match(services.message, /the constructors of Billing reach the same place: one cause, 2 classes/);
  assert.equal(services.chains?.length, 2);
});
