import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { rules } from "../../src/rules/index.js";
import { repoRoot } from "../helpers/cli.js";

test("every registered rule lives in a file named for its id", () => {
  for (const rule of rules) assert.ok(existsSync(`${repoRoot}/src/rules/${rule.id}.ts`), rule.id);
});

test("every rule has a docs page with a bad and a good example and a fix", () => {
  for (const rule of rules) {
    const page = `${repoRoot}/docs/rules/${rule.id}.md`;
    assert.ok(existsSync(page), `${page} is missing`);
    const text = readFileSync(page, "utf8");
    assert.match(text, new RegExp(`^# ${rule.id}`), rule.id);
    assert.match(text, /## Bad/, `${rule.id}: no bad example`);
    assert.match(text, /## Good/, `${rule.id}: no good example`);
  }
});

test("every rule except import-cycle has a fixture folder", () => {
  for (const rule of rules.filter((r) => r.id !== "import-cycle")) {
    assert.ok(existsSync(`${repoRoot}/fixtures/rules/${rule.id}`), `fixtures/rules/${rule.id} is missing`);
  }
});

test("rule ids are unique and descriptions are sentences", () => {
  const ids = rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of rules) assert.match(rule.description, /^[A-Z].*\.$/, rule.id);
});
