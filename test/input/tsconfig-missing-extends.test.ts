import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { assertOneLineError } from "./one-line-error.js";

test("a tsconfig extending a missing file is a one-line error naming both files, exit 2", () => {
  const dir = fixture("input", "tsconfig-missing-extends");
  assertOneLineError(
    runCli(["scan", dir]),
    `startup-doctor: tsconfig ${dir}/tsconfig.json: Cannot read file '${dir}/configs/does-not-exist.json'.`,
  );
});
