import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { assertOneLineError } from "./one-line-error.js";

test("a file given instead of the project folder is a one-line error, exit 2", () => {
  assertOneLineError(
    runCli(["scan", "fixtures/input/file-not-folder/index.ts"]),
    "startup-doctor: not a directory: fixtures/input/file-not-folder/index.ts (give the project folder)",
  );
});
