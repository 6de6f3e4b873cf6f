// A probe's error message that spans lines (MongoDB puts its cause's stack inside the message) is
// shown as lines under the error, not as one line with `\n` spelled out; each line is still made
// safe for a terminal and a CI log.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pretty } from "../../src/report/pretty.ts";
import type { ReportV1 } from "../../src/report/types.ts";
import { mongoCrash } from "./sample-reports.ts";

const mongo = mongoCrash("failed to connect to server [127.0.0.1:1] on first connect [Error: connect ECONNREFUSED 127.0.0.1:1\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16) {\n\n  name: 'MongoNetworkError'\n::error::planted \u001b[2J\n}]");
const report: ReportV1 = { version: 1, root: "/app", command: "probe", entrypoints: ["src/server.ts"], modules: 1, cycles: [], findings: [], probes: [mongo] };

test("the error's first line carries where it was thrown; the rest of its message follows, one line each", () => {
  const lines = pretty(report, { color: false, ciLog: true }).split("\n");
  const at = lines.findIndex((line) => line.startsWith("  MongoNetworkError: "));
  assert.deepEqual(lines.slice(at, at + 5), [
    "  MongoNetworkError: failed to connect to server [127.0.0.1:1] on first connect [Error: connect ECONNREFUSED 127.0.0.1:1 at src/app.ts:48",
    "    |     at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16) {",
    "    |   name: 'MongoNetworkError'",
    "    | :\u200b:error:\u200b:planted \\e[2J",
    "    | }]",
  ]);
  assert.ok(!lines[at + 5]?.startsWith("    |"), "the empty line of the message is left out, nothing else follows");
  assert.ok(!lines.some((line) => line.includes("\\n")), "no line break is spelled out");
});

test("a one-line message stays one line", () => {
  const oneLine = { ...report, probes: [{ ...mongo, error: { name: "ReferenceError", message: "Cannot access 'Base' before initialization", file: "src/models/user.ts", line: 3 } }] };
  const lines = pretty(oneLine, { color: false, ciLog: false }).split("\n");
  const at = lines.findIndex((line) => line.startsWith("  ReferenceError: "));
  assert.equal(lines[at], "  ReferenceError: Cannot access 'Base' before initialization at src/models/user.ts:3");
  assert.ok(!lines[at + 1]?.startsWith("    |"), "nothing follows it");
});
