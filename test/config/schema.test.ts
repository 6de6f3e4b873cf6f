import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Ajv } from "ajv";
import { validateConfig } from "../../src/config/validate.ts";
import { repoRoot } from "../helpers/cli.ts";

const shipped = JSON.parse(readFileSync(`${repoRoot}/schema/startup-doctor.config.schema.json`, "utf8")) as Record<string, unknown>;
const validate = new Ajv({ strict: true, allErrors: true }).compile(shipped);

const accepts = (raw: unknown): boolean => {
  try {
    validateConfig(raw, "c.json");
    return true;
  } catch {
    return false;
  }
};

// The shipped schema (for editors) and the validator (for the CLI) agree on every case here.
const CASES: Array<[string, unknown, boolean]> = [
  ["empty", {}, true],
  ["every key", { $schema: "x", entries: ["a.ts"], include: ["src/**"], ignore: ["!x"], rules: { "tdz-risk": "warn" }, timeout: 1, slow: 2, concurrency: 3, runtime: "bun,node", failOn: "none", env: { A: "1" }, envFile: ".env", tsconfig: "t.json", baseline: "b.json" }, true],
  ["unknown key", { timout: 5 }, false],
  ["prototype name as key", JSON.parse('{"__proto__": 1}'), false],
  ["constructor as key", { constructor: 1 }, false],
  ["unknown rule", { rules: { nope: "off" } }, false],
  ["bad severity", { rules: { "tdz-risk": "fatal" } }, false],
  ["timeout too large", { timeout: 2_147_483_648 }, false],
  ["timeout not whole", { timeout: 1.5 }, false],
  ["timeout zero", { timeout: 0 }, false],
  ["concurrency too large", { concurrency: 65 }, false],
  ["entries not a list", { entries: "a.ts" }, false],
  ["empty glob", { ignore: [""] }, false],
  ["env value not a string", { env: { A: 1 } }, false],
  ["runtime unknown", { runtime: "deno" }, false],
];

for (const [name, raw, expected] of CASES) {
  test(`schema and validator agree: ${name}`, () => {
    assert.equal(validate(raw), expected, `schema: ${JSON.stringify(validate.errors)}`);
    assert.equal(accepts(raw), expected, "validator");
  });
}

test("the schema is shipped in the package and init writes it as $schema", () => {
  const pkg = JSON.parse(readFileSync(`${repoRoot}/package.json`, "utf8")) as { files: string[] };
  assert.ok(pkg.files.includes("schema"));
  assert.equal((shipped.properties as Record<string, unknown>).rules !== undefined, true);
});
