import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli, scanJson } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";

const findings = (dir: string, extra: string[] = []): { code: number | null; list: Array<[string, string, string, number]> } => {
  const { code, report } = scanJson(dir, extra);
  return { code, list: report.findings.map((f) => [f.rule, f.severity, f.file, f.line]) };
};

test("startup-doctor.config.json: ignored folders drop their findings and cycles, a rule's severity is raised", () => {
  const dir = fixture("config", "rules-and-globs");
  const { code, report } = scanJson(dir);
  assert.deepEqual(report.findings.map((f) => [f.rule, f.severity, f.file, f.line]), [["import-cycle", "error", "src/b.ts", 1]]);
  assert.deepEqual(report.cycles.map((c) => c.modules), [["src/a.ts", "src/b.ts"]]);
  assert.deepEqual(report.rules?.find((r) => r.id === "import-cycle")?.severity, "error");
  assert.equal(code, 1, "error is at the default --fail-on");
});

test("JSONC: comments and trailing commas are accepted, `warn` is a severity, !negation re-includes a folder", () => {
  const { code, report } = scanJson(fixture("config", "jsonc-globs"));
  assert.deepEqual(report.findings.map((f) => [f.rule, f.severity, f.file, f.line]), [
    ["import-cycle", "warning", "src/b.ts", 1],
    ["import-cycle", "warning", "src/generated/keep/q.ts", 1],
  ]);
  assert.equal(code, 0, "warnings are below the default --fail-on error");
});

test("CLI flags override the config: --fail-on none wins over the config's severity", () => {
  assert.equal(findings(fixture("config", "rules-and-globs"), ["--fail-on", "none"]).code, 0);
});

test('package.json "startup-doctor" key: a rule switched off reports nothing, its failOn still applies', () => {
  const { code, list } = findings(fixture("config", "package-json-key"));
  assert.deepEqual(list, []);
  assert.equal(code, 0);
});

test("config entries replace entrypoint discovery; --entry replaces the config's entries", () => {
  const dir = fixture("config", "entries-and-fail-on");
  const viaConfig = scanJson(dir);
  assert.deepEqual(viaConfig.report.entrypoints, ["src/worker.ts"]);
  assert.deepEqual(viaConfig.report.findings.map((f) => [f.rule, f.severity, f.file]), [["import-cycle", "info", "src/b.ts"]]);
  assert.equal(viaConfig.code, 1, "config failOn: info");
  const viaFlag = scanJson(dir, ["--entry", "src/index.ts"]);
  assert.deepEqual(viaFlag.report.entrypoints, ["src/index.ts"]);
});

test("--config <file> reads that file instead of the project's", () => {
  const dir = fixture("config", "entries-and-fail-on");
  const r = scanJson(dir, ["--config", fixture("config", "rules-and-globs", "startup-doctor.config.json")]);
  assert.deepEqual(r.report.entrypoints, ["src/index.ts"], "the project's own config (entries) is not read");
  assert.deepEqual(r.report.findings.map((f) => [f.rule, f.severity]), [["import-cycle", "error"]]);
});

const oneLineError = (dir: string, extra: string[] = []): string => {
  const r = runCli(["scan", dir, "--format", "json", ...extra], { cwd: fixture("config") });
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr.split("\n").filter(Boolean).length, 1, r.stderr);
  return r.stderr.trim();
};

test("an unknown key is one line naming the key and the file, exit 2", () => {
  assert.equal(
    oneLineError("unknown-key"),
    'startup-doctor: unknown-key/startup-doctor.config.json: "entry" is not a known key: did you mean "entries"? (known: entries, include, ignore, rules, overrides, timeout, slow, concurrency, runtime, failOn, env, envFile, tsconfig, baseline, scope, knowledge)',
  );
});

test("a wrong type is one line naming the key and the file, exit 2", () => {
  assert.equal(oneLineError("wrong-type"), 'startup-doctor: wrong-type/startup-doctor.config.json: "timeout" must be a positive whole number (got "5s")');
});

test("an unknown rule inside package.json names the nested key", () => {
  assert.match(oneLineError("unknown-rule"), /^startup-doctor: unknown-rule\/package.json: "startup-doctor.rules.import-cycles" is not a known rule: did you mean "import-cycle"\?/);
});

test("malformed JSON and a missing --config file are one-line errors too", () => {
  assert.match(oneLineError("bad-json"), /^startup-doctor: bad-json\/startup-doctor.config.json: invalid JSON: /);
  assert.equal(oneLineError("unknown-key", ["--config", "nope.json"]), "startup-doctor: no such config file: nope.json");
});
