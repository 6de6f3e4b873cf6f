import assert from "node:assert/strict";
import { test } from "node:test";
import { validateConfig } from "../../src/config/validate.js";

// The config keys suppressions add: "warn" is "warning" in `rules` and `overrides`, and a bad
// override block is one line naming its path.
test("overrides and the warn severity are accepted and normalised", () => {
  const config = validateConfig({ rules: { "tdz-risk": "warn" }, overrides: [{ files: ["src/legacy/**"], rules: { "import-cycle": "off", "tdz-risk": "warn" } }] }, "c.json");
  assert.deepEqual(config.rules, { "tdz-risk": "warning" });
  assert.deepEqual(config.overrides, [{ files: ["src/legacy/**"], rules: { "import-cycle": "off", "tdz-risk": "warning" } }]);
});

test("a malformed override is a one-line error naming where", () => {
  const bad = (overrides: unknown): string => {
    try {
      validateConfig({ overrides }, "c.json");
    } catch (error) {
      return (error as Error).message;
    }
    return "accepted";
  };
  assert.equal(bad({}), `c.json: "overrides" must be an array`);
  assert.equal(bad([{ files: "src", rules: {} }]), `c.json: "overrides[0].files" must be an array of non-empty strings`);
  assert.equal(bad([{ files: ["src"], rules: { "tdz-risk": "loud" } }]), `c.json: "overrides[0].rules.tdz-risk" must be error, warning, info or off (got "loud")`);
  assert.equal(bad([{ files: ["src"], rules: {}, severity: "x" }]), `c.json: "overrides[0].severity" is not a known key (known: files, rules)`);
});
