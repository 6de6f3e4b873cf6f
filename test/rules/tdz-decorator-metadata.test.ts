import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { repoRoot, scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// emitDecoratorMetadata (ESM output): tsc emits __metadata("design:type", Order) after the class,
// an eager read. flagged/customer.ts reads Order while order.ts waits for it. `Order[]` (Array),
// `Order | null` under strictNullChecks (Object), `Relation<Order>` and `import type` read nothing.
const dir = fixture("rules", "tdz-risk", "decorator-metadata");
const { report } = scanJson(dir, ["--entry", "src/flagged/main.ts", "--entry", "src/clean/main.ts"]);
const out = mkdtempSync(join(tmpdir(), "sd-tdz-metadata-"));
after(() => rmSync(out, { recursive: true, force: true }));

test("a decorated property typed with a class of the same cycle is a TDZ crash of the tsc build", () => {
  assert.deepEqual(findingsOf(report, ["tdz-risk"]), [
    finding("tdz-risk", "error", "src/flagged/customer.ts", 10), // latest: Order
    finding("tdz-risk", "warning", "src/flagged/order.ts", 6), // customer: Customer, safe only in this order
  ]);
  const f = report.findings.find((x) => x.rule === "tdz-risk" && x.severity === "error")!;
  assert.equal(
    f.message,
    `src/flagged/customer.ts names Order in a decorated Customer.latest: with emitDecoratorMetadata tsc emits __metadata("design:type", Order), read when the class is defined, but src/flagged/order.ts has not run yet when src/flagged/main.ts starts (same runtime import cycle): the tsc build crashes with ReferenceError: Cannot access 'Order' before initialization (tsx emits no metadata and does not show it)`,
  );
  assert.match(f.fix!, /^type it as Relation<Order> \(TypeORM\) or import Order with `import type`/);
});

test("the compiled build agrees: flagged crashes with that message, clean runs; tsx shows nothing", () => {
  const tsc = spawnSync(process.execPath, [`${repoRoot}/node_modules/typescript/bin/tsc`, "-p", dir, "--outDir", out], { encoding: "utf8", timeout: 120_000 });
  assert.equal(tsc.status, 0, tsc.stdout);
  cpSync(join(dir, "package.json"), join(out, "package.json"));
  const bad = spawnSync(process.execPath, [join(out, "flagged/main.js")], { encoding: "utf8", timeout: 30_000 });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /ReferenceError: Cannot access 'Order' before initialization/);
  assert.equal(spawnSync(process.execPath, [join(out, "clean/main.js")], { encoding: "utf8", timeout: 30_000 }).status, 0);
  assert.equal(spawnSync(process.execPath, ["--import", "tsx", "src/flagged/main.ts"], { cwd: dir, encoding: "utf8", timeout: 30_000 }).status, 0);
});
