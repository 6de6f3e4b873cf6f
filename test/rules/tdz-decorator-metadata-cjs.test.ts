import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// tsc's CommonJS output reads `users_service_1.UsersService` for the metadata: undefined, not a
// crash. Only a class a DI container builds (@Injectable) suffers: its design:paramtypes holds
// undefined. The @Entity's constructor parameter (TypeORM never injects it) is not reported.
const { report } = scanJson(fixture("rules", "tdz-risk", "decorator-metadata-cjs"), ["--entry", "src/main.ts"]);

test("an injectable's constructor parameter from the same cycle is a warning in a CommonJS build; an entity's is not reported", () => {
  assert.deepEqual(findingsOf(report, ["tdz-risk"]), [finding("tdz-risk", "warning", "src/orders.service.ts", 6), finding("tdz-risk", "warning", "src/users.service.ts", 6)]);
  assert.match(report.findings.find((f) => f.rule === "tdz-risk")!.message, /but src\/users\.service\.ts has not run yet when src\/main\.ts starts .*: tsc's CommonJS build reads it as undefined, so "design:paramtypes" records undefined and dependency injection cannot resolve that parameter/);
  assert.match(report.findings.find((f) => f.rule === "tdz-risk")!.fix!, /^inject it lazily \(Nest: @Inject\(forwardRef\(\(\) => UsersService\)\)\)/);
});
