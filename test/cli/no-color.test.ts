import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { binPath, runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

// Colour is only ever written to a terminal, so these runs go through a pseudo-terminal made by
// util-linux `script`.
const dir = fixture("graph", "type-only-cycle");
const SGR = /\u001b\[[0-9;]*m/;
const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
const skip = hasScript ? false : "util-linux `script` is not installed: no pseudo-terminal to test colours in";

function inTerminal(args: string, env: Record<string, string>, columns = 100): { code: number | null; output: string } {
  const baseEnv = { ...process.env };
  delete baseEnv.NO_COLOR;
  delete baseEnv.FORCE_COLOR;
  const r = spawnSync("script", ["-qec", `stty cols ${columns} rows 40; ${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)} ${args}`, "/dev/null"], {
    env: { ...baseEnv, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: r.status, output: r.stdout };
}

test("without a terminal the pretty output has no colour", () => {
  const r = runCli(["scan", dir], { env: { NO_COLOR: "", FORCE_COLOR: "" } });
  assert.doesNotMatch(r.stdout, SGR);
  assert.match(r.stdout, /^startup-doctor scan /);
});

test("in a terminal the pretty output is coloured", { skip }, () => {
  const r = inTerminal(`scan ${dir}`, {});
  assert.equal(r.code, 0);
  assert.match(r.output, SGR);
});

test("NO_COLOR removes every colour, also the spinner's", { skip }, () => {
  const r = inTerminal(`scan ${dir}`, { NO_COLOR: "1" });
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.output, SGR);
  assert.match(r.output, /startup-doctor scan /);
});

test("--no-color removes every colour", { skip }, () => {
  const r = inTerminal(`scan ${dir} --no-color`, {});
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.output, SGR);
});

test("a terminal that reports zero columns does not hang the spinner", { skip }, () => {
  const r = inTerminal(`scan ${dir}`, {}, 0);
  assert.equal(r.code, 0);
  assert.match(r.output, /1 runtime cycle/);
});
