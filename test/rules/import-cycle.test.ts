import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// One entrypoint and one two-module runtime cycle per case: src/<case>/main.ts.
const dir = fixture("rules", "import-cycle");
const CASES = ["harmless", "lazy-use", "extends", "call", "await", "metadata"];
const { report } = scanJson(dir, CASES.flatMap((c) => ["--entry", `src/${c}/main.ts`]));

test("a runtime cycle is a warning only when something crosses it while it evaluates, info otherwise", () => {
  assert.deepEqual(findingsOf(report, ["import-cycle"]), [
    finding("import-cycle", "warning", "src/await/settings.ts", 1), // top-level await in a member
    finding("import-cycle", "warning", "src/call/logger.ts", 1), // module-scope call into the other member
    finding("import-cycle", "warning", "src/extends/user.ts", 1), // class extends a member's class
    finding("import-cycle", "info", "src/harmless/b.ts", 1), // uses only inside functions
    finding("import-cycle", "info", "src/lazy-use/routes.ts", 1), // a module-scope arrow that runs later
    finding("import-cycle", "warning", "src/metadata/user.ts", 2), // design:type read emitted by tsc
  ]);
  // Every runtime cycle stays in `cycles`, whatever the finding's severity.
  assert.equal(report.cycles.filter((c) => c.runtime).length, CASES.length);
});

test("the message names the first crossing; the chain lists the edges, then the crossings", () => {
  const call = report.findings.find((f) => f.rule === "import-cycle" && f.file === "src/call/logger.ts")!;
  assert.match(call.message, /crossed while it evaluates: src\/call\/logger\.ts:3 uses levelOf from src\/call\/config\.ts at module scope \(call\)/);
  assert.deepEqual(call.chain, [
    { file: "src/call/config.ts", line: 1, note: "static import of src/call/logger.ts" },
    { file: "src/call/logger.ts", line: 1, note: "static import of src/call/config.ts" },
    { file: "src/call/logger.ts", line: 3, note: "uses levelOf from src/call/config.ts at module scope (call)" },
  ]);
  const metadata = report.findings.find((f) => f.rule === "import-cycle" && f.file === "src/metadata/user.ts")!;
  assert.match(metadata.message, /src\/metadata\/post\.ts:2 decorator metadata reads User from src\/metadata\/user\.ts when the class is defined/);
  const harmless = report.findings.find((f) => f.file === "src/harmless/b.ts")!;
  assert.match(harmless.message, /nothing crosses it while its modules evaluate/);
});
