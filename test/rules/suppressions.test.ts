import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli, scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// Nine copies of one two-module cycle whose module-scope read of ROLES is a tdz-risk warning,
// each silenced (or not) a different way: ESLint-style comments, a comment in a string, config
// `overrides` per glob (a later block wins), and --rule on the command line (wins over all).
const dir = fixture("rules", "suppressions");
const cycle = (d: string, line = 1) => finding("import-cycle", "warning", `src/${d}/user.ts`, line);
const tdz = (d: string, severity = "warning") => finding("tdz-risk", severity, `src/${d}/user.ts`, 3);

test("disable comments, overrides and severities: suppressed findings leave findings and are counted", () => {
  const { report } = scanJson(dir, ["--entry", "src/main.ts"]);
  assert.deepEqual(findingsOf(report), [
    cycle("in-string"),
    tdz("in-string"), // the directive is inside a string literal, not a comment
    cycle("legacy/old"),
    tdz("legacy/old", "info"), // overrides: "off" for src/legacy/**, then "info" for src/legacy/old/**
    cycle("legacy"),
    cycle("next-line"),
    cycle("plain"),
    tdz("plain"),
    cycle("same-line"),
    cycle("unknown-rule"),
    tdz("unknown-rule"),
    finding("import-cycle", "warning", "src/whole-file/user.ts", 2),
    cycle("wrong-rule"),
    tdz("wrong-rule"),
  ]);
  assert.deepEqual(report.suppressed, {
    count: 4,
    byRule: { "tdz-risk": 4 },
    findings: [
      { rule: "tdz-risk", file: "src/legacy/user.ts", line: 3, severity: "warning", by: "overrides" },
      { rule: "tdz-risk", file: "src/next-line/user.ts", line: 3, severity: "warning", by: "startup-doctor-disable-next-line", commentLine: 2, reason: "roles.ts is always loaded by the bootstrap first" },
      { rule: "tdz-risk", file: "src/same-line/user.ts", line: 3, severity: "warning", by: "startup-doctor-disable-line", commentLine: 3 },
      { rule: "tdz-risk", file: "src/whole-file/user.ts", line: 4, severity: "warning", by: "startup-doctor-disable", commentLine: 1 },
    ],
  });
});

test("a disable comment that suppresses nothing, or names an unknown rule, is a warning", () => {
  const { report } = scanJson(dir, ["--entry", "src/main.ts"]);
  assert.deepEqual(report.warnings, [
    { file: "src/unknown-rule/user.ts", line: 2, message: "startup-doctor-disable-next-line names unknown rule 'tdz-rsik'" },
    { file: "src/wrong-rule/user.ts", line: 2, message: "unused startup-doctor-disable-next-line comment: no import-time-async finding on the next line" },
  ]);
});

test("--rule <id>=<severity> wins over config rules and overrides; off removes the rule", () => {
  const { report } = scanJson(dir, ["--entry", "src/main.ts", "--rule", "tdz-risk=error", "--rule", "import-cycle=off"]);
  assert.deepEqual(findingsOf(report), [tdz("in-string", "error"), tdz("legacy/old", "error"), tdz("legacy", "error"), tdz("plain", "error"), tdz("unknown-rule", "error"), tdz("wrong-rule", "error")]);
  assert.deepEqual(report.rules?.map((r) => `${r.id}=${r.severity}`).filter((r) => r.startsWith("tdz") || r.startsWith("import-cycle")), ["tdz-risk=error"]);
  assert.equal(scanJson(dir, ["--entry", "src/main.ts", "--rule", "tdz-risk=warn"]).report.findings.filter((f) => f.rule === "tdz-risk" && f.severity === "warning").length, 6);
});

test("a malformed --rule is a one-line usage error, exit 2", () => {
  for (const [flag, message] of [
    ["tdz-risk", "startup-doctor: --rule tdz-risk: expected <rule>=<severity>, e.g. --rule tdz-risk=warn"],
    ["tdz-risk=loud", "startup-doctor: --rule tdz-risk=loud: severity must be one of off, info, warn, warning, error"],
  ]) {
    const r = runCli(["scan", dir, "--entry", "src/main.ts", "--rule", flag]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), message);
    assert.equal(r.stdout, "");
  }
  const unknown = runCli(["scan", dir, "--rule", "no-such-rule=off"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr.trim(), /^startup-doctor: --rule no-such-rule=off: unknown rule 'no-such-rule' \(rules: [a-z, -]+\)$/);
});
