// CI surfaces (issue 10 §5, issue 11 §9): the action's inputs reach the shell only through the
// environment; the SARIF upload cannot fail a clean run and has one category; the action installs
// the published package instead of building its own dev tree.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse as parseYaml } from "yaml";
import { repoRoot } from "../helpers/cli.ts";

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  "continue-on-error"?: boolean;
  with?: Record<string, string>;
}

const action = parseYaml(readFileSync(`${repoRoot}/action.yml`, "utf8")) as { runs: { steps: Step[] } };
const steps = action.runs.steps;

test("no ${{ }} expression inside a run: script", () => {
  for (const step of steps) if (step.run) assert.doesNotMatch(step.run, /\$\{\{/, step.name);
});

test("the SARIF upload: one category, skipped on forks, never failing the run", () => {
  const uploads = steps.filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"));
  assert.equal(uploads.length, 1);
  assert.equal(uploads[0].with?.category, "startup-doctor");
  assert.equal(uploads[0]["continue-on-error"], true);
  assert.match(uploads[0].if ?? "", /!github\.event\.pull_request\.head\.repo\.fork/);
});

test("the published package, pinned by the action's version, with an npm cache; no dev tree is built", () => {
  const scripts = steps.map((s) => s.run ?? "").join("\n");
  assert.match(scripts, /npm install --prefix "\$dir" .*"startup-doctor@\$VERSION"/);
  assert.match(scripts, /require\(process\.env\.GITHUB_ACTION_PATH \+ "\/package\.json"\)\.version/);
  assert.doesNotMatch(scripts, /npm ci|npm run build/);
  assert.ok(steps.some((s) => s.uses?.startsWith("actions/cache@")));
});
