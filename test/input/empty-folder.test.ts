import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { assertOneLineError } from "./one-line-error.js";

// git keeps no empty folders: this one is made at run time.
const dir = mkdtempSync(join(tmpdir(), "startup-doctor-empty-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("an empty folder has nothing to analyse: one-line error, exit 2", () => {
  assertOneLineError(runCli(["scan", dir, "--format", "json"]), `startup-doctor: no JavaScript or TypeScript source files found in ${dir}`);
});
