import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { identityText, stableKey } from "../../src/baseline/identity.ts";
import { runCli, scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

// server.ts starts a listen and a fetch chain at import time. A baseline taken of it must keep
// both known when a callback parameter is renamed, the call is reformatted or moved, and when the
// baseline file was written by an older version whose keys quoted the code.
const work = mkdtempSync(join(tmpdir(), "sd-stable-keys-"));
after(() => rmSync(work, { recursive: true, force: true }));
cpSync(fixture("baseline", "stable-keys"), work, { recursive: true });
const server = join(work, "src/server.ts");

test("keys keep the callee, not the arguments: renaming a parameter or reformatting changes nothing", () => {
  assert.equal(identityText(`<module>:server.listen(3000, () => console.log("listening on 3000"))`), "<module>:server.listen()");
  assert.equal(identityText(`<module>:fetch("http://127.0.0.1:1/warm").then((response) => respo...`), "<module>:fetch().then()");
  assert.equal(identityText(`<module>:fetch( "http://x" ).then( ( r ) => r.json())`), "<module>:fetch().then()");
  // The file part is kept as written, parentheses and all (Next.js route groups).
  assert.equal(stableKey("tdz-risk", "app/(auth)/page.ts", "tdz-risk:app/(auth)/page.ts:<module>:Base"), "tdz-risk:app/(auth)/page.ts:<module>:Base");
});

test("a known finding stays known after the code around it is renamed, reformatted and moved", () => {
  const update = runCli(["scan", work, "--update-baseline", "--format", "json"]);
  assert.equal(update.code, 0, update.stderr);
  const baseline = JSON.parse(readFileSync(join(work, ".startup-doctor-baseline.json"), "utf8"));
  assert.deepEqual(baseline.findings.map((f: { key: string }) => f.key), ["import-time-async:src/server.ts:<module>:fetch()", "import-time-async:src/server.ts:<module>:server.listen()"]);
  writeFileSync(
    server,
    [
      `import { createServer } from "node:http";`,
      ``,
      `const server = createServer((request, reply) => reply.end("ok"));`,
      `// moved down, parameters renamed, reformatted`,
      `server.listen(8080, () =>`,
      `  console.log("up"),`,
      `);`,
      `fetch("http://127.0.0.1:1/warm-up").then((res) => res.text());`,
      ``,
    ].join("\n"),
  );
  const { report, code } = scanJson(work);
  assert.deepEqual(report.baseline, { file: ".startup-doctor-baseline.json", known: 2, fixed: [], new: 0 });
  assert.equal(code, 0);
});

test("a baseline written with the old code-quoting keys still matches, and a new callee is new", () => {
  writeFileSync(
    join(work, ".startup-doctor-baseline.json"),
    JSON.stringify({
      version: 1,
      cycles: [],
      findings: [
        { rule: "import-time-async", file: "src/server.ts", key: `import-time-async:src/server.ts:<module>:server.listen(3000, () => console.log("listening on 3000"))` },
        { rule: "import-time-async", file: "src/server.ts", key: `import-time-async:src/server.ts:<module>:fetch("http://127.0.0.1:1/warm")` },
      ],
    }),
  );
  assert.deepEqual(scanJson(work).report.baseline, { file: ".startup-doctor-baseline.json", known: 2, fixed: [], new: 0 });
  writeFileSync(server, `${readFileSync(server, "utf8")}setInterval(() => undefined, 1000);\n`);
  const { report } = scanJson(work);
  assert.deepEqual(report.baseline, { file: ".startup-doctor-baseline.json", known: 2, fixed: [], new: 1 });
  assert.deepEqual(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`), ["import-time-async src/server.ts:9"]);
});
