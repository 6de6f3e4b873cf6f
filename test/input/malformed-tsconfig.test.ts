import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { assertOneLineError } from "./one-line-error.js";

test("a malformed tsconfig.json is a one-line error with its line and column, exit 2", () => {
  const dir = fixture("input", "malformed-tsconfig");
  assertOneLineError(runCli(["scan", dir, "--format", "json"]), `startup-doctor: tsconfig ${dir}/tsconfig.json is malformed: ',' expected. (line 4, column 5)`);
});
