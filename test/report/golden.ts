// Compares reporter output with test/report/golden/<name>; UPDATE_GOLDEN=1 rewrites the files.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const dir = new URL("./golden/", import.meta.url);

export function assertGolden(name: string, actual: string): void {
  const file = new URL(name, dir);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) assert.fail(`missing golden file ${name}`);
    writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, readFileSync(file, "utf8"), `output differs from golden/${name} (UPDATE_GOLDEN=1 to accept)`);
}
