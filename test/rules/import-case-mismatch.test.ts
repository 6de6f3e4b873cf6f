import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

const dir = fixture("rules", "import-case-mismatch");
const { code, report } = scanJson(dir);

test("an import that matches a file only case-insensitively is an error naming the file on disk", () => {
  assert.deepEqual(findingsOf(report), [
    finding("import-case-mismatch", "error", "src/main.ts", 1), // @/exceptions/httpException -> HttpException.ts
    finding("import-case-mismatch", "error", "src/main.ts", 2), // ./Utils/logger -> utils/logger.ts
  ]);
  assert.equal(code, 1);
  const [alias, folder] = report.findings;
  assert.match(alias.message, /^'@\/exceptions\/httpException' matches src\/exceptions\/HttpException\.ts only if case is ignored/);
  assert.match(folder.fix ?? "", /src\/utils\/logger\.ts/);
  assert.equal(alias.key, "import-case-mismatch:src/main.ts:@/exceptions/httpException");
  // The module is still in the graph (it loads on macOS), and is no reading warning.
  assert.equal(report.modules, 5);
  assert.deepEqual(report.warnings, []);
});

test("Linux agrees: starting the entry throws ERR_MODULE_NOT_FOUND", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: dir, encoding: "utf8", timeout: 30_000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ERR_MODULE_NOT_FOUND/);
});
