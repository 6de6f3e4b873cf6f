import assert from "node:assert/strict";
import { test } from "node:test";
import { applyConfig } from "../../src/config/apply.ts";
import { matcher } from "../../src/config/glob.ts";
import { validateConfig } from "../../src/config/validate.ts";
import { scanReport } from "../report/sample-reports.ts";

const error = (raw: unknown): string => {
  try {
    validateConfig(raw, "c.json");
  } catch (e) {
    return (e as Error).message;
  }
  return "accepted";
};

test("every documented key is accepted with its type; relative paths follow the config file", () => {
  const config = validateConfig(
    {
      entries: ["src/index.ts"],
      include: ["src/**"],
      ignore: ["**/*.test.ts"],
      rules: { "import-cycle": "off", "tdz-risk": "warning" },
      timeout: 5000,
      slow: 1000,
      runtime: "bun,node",
      env: { NODE_ENV: "test" },
      envFile: ".env.ci",
      concurrency: 4,
      failOn: "warning",
      tsconfig: "tsconfig.app.json",
      baseline: "ci/baseline.json",
    },
    "/repo/app/startup-doctor.config.json",
  );
  assert.equal(config.runtime, "node,bun");
  assert.equal(config.envFile, "/repo/app/.env.ci");
  assert.equal(config.tsconfig, "/repo/app/tsconfig.app.json");
  assert.equal(config.baseline, "/repo/app/ci/baseline.json");
});

test("wrong types name the key", () => {
  assert.equal(error({ entries: "src/index.ts" }), 'c.json: "entries" must be an array of non-empty strings');
  assert.equal(error({ concurrency: 0 }), 'c.json: "concurrency" must be a positive whole number (got 0)');
  assert.equal(error({ runtime: "deno" }), 'c.json: "runtime" must be one of auto, node, bun, node,bun, bun,node (got "deno")');
  assert.equal(error({ rules: { "import-cycle": "fatal" } }), 'c.json: "rules.import-cycle" must be error, warning, info or off (got "fatal")');
  assert.equal(error({ timeout: 99999999999 }), 'c.json: "timeout" must be at most 2147483647 (got 99999999999)');
  assert.equal(error({ slow: 1.5 }), 'c.json: "slow" must be a positive whole number (got 1.5)');
  assert.equal(error({ env: { PORT: 3000 } }), 'c.json: "env.PORT" must be a string (got 3000)');
  assert.equal(error([]), "c.json: the config must be a JSON object");
});

test("globs: ** spans folders, * stays in one, a bare name matches at any depth, a folder covers its files", () => {
  const m = (glob: string, file: string): boolean => matcher([glob])(file);
  assert.ok(m("src/generated/**", "src/generated/a/b.ts"));
  assert.ok(!m("src/generated/**", "src/generatedX/b.ts"));
  assert.ok(m("src/*.ts", "src/a.ts"));
  assert.ok(!m("src/*.ts", "src/x/a.ts"));
  assert.ok(m("**/*.test.ts", "src/x/a.test.ts"));
  assert.ok(m("*.test.ts", "src/x/a.test.ts"));
  assert.ok(m("generated", "src/generated/x.ts"));
  assert.ok(m("src/{a,b}.ts", "src/b.ts"));
  assert.ok(!m("src/{a,b}.ts", "src/c.ts"));
  assert.ok(m("src/a?.ts", "src/ab.ts"));
  assert.ok(!m("src/a.ts", "src/aXts"), "dots are literal");
});

test("applyConfig: off removes a rule and its findings, include keeps only matching files, a cycle stays while any module is kept", () => {
  const off = applyConfig(scanReport, { rules: { "import-cycle": "off" } });
  assert.deepEqual(off.findings.map((f) => f.rule), ["async-constructor"]);
  assert.deepEqual(off.rules?.map((r) => r.id), ["async-constructor"]);
  const included = applyConfig(scanReport, { include: ["src/services/**"] });
  assert.deepEqual(included.findings.map((f) => f.rule), ["import-cycle"], "the cycle passes through src/services/user.ts");
  const ignored = applyConfig(scanReport, { ignore: ["src/auth/**", "src/db.ts", "src/index.ts", "src/services/**"] });
  assert.deepEqual(ignored.findings, []);
  const lowered = applyConfig(scanReport, { rules: { "async-constructor": "info" } });
  assert.deepEqual(lowered.findings.map((f) => f.severity), ["info", "warning"]);
  assert.equal(scanReport.findings[0].severity, "error", "the input report is not changed");
});

test("only own keys count: prototype names are unknown keys, never inherited matches", () => {
  for (const key of ["__proto__", "hasOwnProperty", "constructor", "toString", "valueOf"]) {
    const raw = JSON.parse(`{"${key}": {}}`) as unknown;
    assert.match(error(raw), new RegExp(`^c\\.json: "${key.replace(/[$_]/g, "\\$&")}" is not a known key`), key);
  }
  assert.match(error(JSON.parse('{"rules": {"__proto__": "off"}}')), /"rules.__proto__" is not a known rule/);
  assert.match(error(JSON.parse('{"env": {"__proto__": "x"}}')), /^accepted$/, "any name is a valid environment variable");
  const env = validateConfig(JSON.parse('{"env": {"__proto__": "x"}}'), "c.json").env!;
  assert.deepEqual(Object.keys(env), ["__proto__"], "kept as data, not as the prototype");
  assert.equal(Object.getPrototypeOf(env), Object.prototype);
});

test("did you mean: misspelt keys and rules get the nearest known name", () => {
  assert.match(error({ timout: 5 }), /"timout" is not a known key: did you mean "timeout"\?/);
  assert.match(error({ entry: [] }), /did you mean "entries"\?/);
  assert.match(error({ failon: "error" }), /did you mean "failOn"\?/);
  assert.match(error({ rules: { "tdz-risks": "off" } }), /"rules.tdz-risks" is not a known rule: did you mean "tdz-risk"\?/);
  assert.doesNotMatch(error({ zzz: 1 }), /did you mean/);
});

test('"warn" is accepted as ESLint writes it, and means warning', () => {
  const config = validateConfig({ rules: { "import-cycle": "warn" }, failOn: "warn" }, "c.json");
  assert.deepEqual(config.rules, { "import-cycle": "warning" });
  assert.equal(config.failOn, "warning");
});

test("globs are checked when the config is read: unbalanced braces, absolute paths and .. are one-line errors", () => {
  assert.equal(error({ ignore: ["src/{a"] }), 'c.json: "ignore[0]" is not a valid glob (unbalanced { }): "src/{a"');
  assert.equal(error({ include: ["@(a|b"] }), 'c.json: "include[0]" is not a valid glob (unbalanced ( )): "@(a|b"');
  assert.match(error({ include: ["/etc/**"] }), /"include\[0\]" is not a valid glob \(absolute/);
  assert.match(error({ ignore: ["../x/**"] }), /"ignore\[0\]" is not a valid glob \('\.\.' leaves/);
});

test("globs: !negation takes files back, [classes], {braces} and @(extglobs) work", () => {
  const m = matcher(["src/generated/**", "!src/generated/keep/**"]);
  assert.ok(m("src/generated/a.ts"));
  assert.ok(!m("src/generated/keep/a.ts"));
  assert.ok(matcher(["src/[ab].ts"])("src/b.ts") && !matcher(["src/[ab].ts"])("src/c.ts"));
  assert.ok(matcher(["src/@(api|web)/**"])("src/web/x.ts") && !matcher(["src/@(api|web)/**"])("src/cli/x.ts"));
  assert.ok(matcher(["**/*.{test,spec}.ts"])("a/b.spec.ts"));
  assert.ok(matcher(["**/.hidden/**"])("src/.hidden/x.ts"), "dot folders are matched like any other");
});
