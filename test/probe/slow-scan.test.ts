// `check` on a project whose scan takes longer than --timeout: the probe's verdict is the one a
// long timeout gives (it is judged on the child's clock, and the child never waits for the scan).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { ReportV1 } from "../../src/report/types.ts";
import { runCli } from "../helpers/cli.ts";

const MODULES = 3000;

/** A server entry that listens at once; 3,000 modules behind an import() it never calls, which the scan still reads. */
function generate(): string {
  const root = mkdtempSync(join(tmpdir(), "sd-slow-scan-"));
  mkdirSync(join(root, "mods"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "slow-scan", private: true, type: "module" }));
  for (let i = 0; i < MODULES; i++) {
    const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < MODULES);
    const imports = kids.map((k) => `import { v${k} } from "./m${k}.mjs";`).join("\n");
    writeFileSync(join(root, "mods", `m${i}.mjs`), `${imports}\nexport const v${i} = ${kids.map((k) => `v${k}`).join(" + ") || "0"} + 1;\n`);
  }
  writeFileSync(
    join(root, "server.mjs"),
    `import { createServer } from "node:http";\n\ncreateServer((_q, s) => s.end("ok")).listen(0, "127.0.0.1");\nexport async function report() {\n  return (await import("./mods/m0.mjs")).v0;\n}\n`,
  );
  return root;
}

test("check with a scan slower than --timeout gives the verdict of a long timeout", { timeout: 120_000 }, () => {
  const root = generate();
  try {
    const run = (timeout: string): ReportV1 => JSON.parse(runCli(["check", root, "--entry", "server.mjs", "--timeout", timeout, "--format", "json", "--fail-on", "none"]).stdout) as ReportV1;
    const started = Date.now();
    const short = run("1000");
    const took = Date.now() - started;
    const long = run("60000");
    assert.equal(short.modules, MODULES + 1);
    assert.equal(long.probes[0]?.status, "ok");
    assert.deepEqual([short.probes[0]?.status, short.probes[0]?.ready?.by], [long.probes[0]?.status, long.probes[0]?.ready?.by]);
    // Only meaningful when the check really outlasted the timeout (it does on this kind of machine).
    assert.ok(took > 1000, `check took ${took} ms`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
