// The probe's temp files (tsx's transformed sources among them) go to a private folder, mode
// 0700, removed when the probe is done (issue 10 §4).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "../helpers/cli.ts";
import type { ReportV1 } from "../../src/report/types.ts";

const dir = mkdtempSync(join(tmpdir(), "startup-doctor-tmp-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("the child's os.tmpdir() is a private folder holding tsx's cache, gone after the run", () => {
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "tmp", type: "module", main: "src/index.ts" }));
  writeFileSync(
    join(dir, "src", "index.ts"),
    'import { tmpdir } from "node:os";\nimport { readdirSync, statSync } from "node:fs";\nconst t: string = tmpdir();\nconsole.log(`TMP=${t} MODE=${(statSync(t).mode & 0o777).toString(8)} ENTRIES=${readdirSync(t).join(",")}`);\n',
  );
  const r = runCli(["probe", dir, "--format", "json", "--timeout", "60000", "--slow", "60000"]);
  assert.equal(r.code, 0, r.stderr);
  const probe = (JSON.parse(r.stdout) as ReportV1).probes[0];
  assert.ok(probe.status === "ok" || probe.status === "slow", probe.status);
  const m = /TMP=(\S+) MODE=(\d+) ENTRIES=(\S*)/.exec(probe.outputTail ?? "");
  assert.ok(m, probe.outputTail);
  const [, privateDir, mode, entries] = m;
  assert.match(privateDir, /\/startup-doctor-probe-[^/]+$/);
  assert.equal(mode, "700");
  assert.ok(entries.split(",").some((e) => e.startsWith("tsx-")), `tsx's cache is there: ${entries}`);
  assert.ok(!existsSync(privateDir), "removed after the run");
});
