import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { assertOneLineError } from "./one-line-error.js";

test("a path that does not exist is a one-line error, exit 2", () => {
  assertOneLineError(runCli(["scan", "fixtures/input/does-not-exist", "--format", "json"]), "startup-doctor: no such directory: fixtures/input/does-not-exist");
  assertOneLineError(runCli(["graph", "fixtures/input/does-not-exist"]), "startup-doctor: no such directory: fixtures/input/does-not-exist");
  assertOneLineError(runCli(["explain", "src/index.ts", "fixtures/input/does-not-exist"]), "startup-doctor: no such directory: fixtures/input/does-not-exist");
});

test("a missing --tsconfig is a one-line error", () => {
  assertOneLineError(
    runCli(["scan", "fixtures/input/no-package-json", "--tsconfig", "fixtures/input/no-such-tsconfig.json"]),
    "startup-doctor: no such tsconfig: fixtures/input/no-such-tsconfig.json",
  );
});
