// The person at 2 a.m. runs `npx startup-doctor` in the incident's project, in an 80x24 terminal:
// the HANG verdict and its cause are on the first screen, every row fits the terminal, and the
// last line repeats the verdict, so the screen left after the run shows it too.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";
import { inPty, noPty } from "../helpers/pty.ts";

const incident = fixture("incident", "streaming-metrics");
const VERDICT =
  /HANG src\/index\.ts \(node, \d+ ms, while evaluating\): stuck at src\/routes\/index\.ts:5 awaiting import of src\/web\/ui\/routes\/streaming-metrics\.routes\.ts; kept alive by setTimeout of 1000 ms \(src\/lib\/redis\.ts:21\); most likely tla-deadlock at src\/routes\/index\.ts:5\./;
const SGR = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Rows as one line of text, each wrapped row's indentation folded into one space. */
const joined = (rows: string[]): string => rows.map((r) => r.trim()).join(" ");

function checkScreen(lines: string[]): void {
  assert.match(joined(lines.slice(0, 24)), VERDICT, `no HANG verdict with its cause in the first 24 rows:\n${lines.slice(0, 24).join("\n")}`);
  for (const line of lines) assert.ok(line.length <= 80, `wider than 80 columns: ${line}`);
  const last = lines.findLastIndex((l) => l.startsWith("HANG "));
  assert.ok(last > 24, "the verdict is repeated at the end");
  assert.match(joined(lines.slice(last)), new RegExp(`^${VERDICT.source}$`), "the last lines are the verdict");
  assert.doesNotMatch(lines.join("\n"), /No startup problems found/);
}

test("COLUMNS=80: the HANG verdict and its cause in the first 24 lines, the last lines repeat it", { timeout: 120_000 }, () => {
  const r = runCli(["--timeout", "3000"], { cwd: incident, env: { COLUMNS: "80" } });
  assert.equal(r.code, 1, r.stderr);
  checkScreen(r.stdout.trimEnd().split("\n"));
});

test("in an 80x24 terminal: the same first screen after the progress has cleared itself", { skip: noPty, timeout: 120_000 }, async () => {
  const term = inPty(["--timeout", "3000"], { cwd: incident, columns: 80, rows: 24 });
  const { code } = await term.exited;
  assert.equal(code, 1);
  const plain = term.output().replace(SGR, "").replace(/\r/g, "");
  checkScreen(plain.slice(plain.lastIndexOf("startup-doctor check /")).trimEnd().split("\n"));
});
