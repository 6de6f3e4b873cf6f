// The probe child's orphan guard: it knows its startup-doctor by pid and start time, so a parent
// killed before the child first read its ppid (the child then saw init) is still noticed.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { test } from "node:test";
import { parentFromEnv, parentGone } from "../../src/probe/preload/orphan-guard.ts";
import { readStat } from "../../src/probe/proc-table.ts";

test("the parent from the environment: pid and start time, or nothing", () => {
  assert.deepEqual(parentFromEnv({ STARTUP_DOCTOR_PARENT: "4242:987654" }), { pid: 4242, start: 987654 });
  // No /proc on the parent's side: no start time, so the guard keeps to the ppid alone.
  assert.equal(parentFromEnv({ STARTUP_DOCTOR_PARENT: "4242:" }), undefined);
  assert.equal(parentFromEnv({ STARTUP_DOCTOR_PARENT: "x:1" }), undefined);
  assert.equal(parentFromEnv({}), undefined);
});

test("parentGone: a live parent is not gone; a dead one, or a reused pid, is, even while the ppid is unchanged", { skip: readStat(process.pid) ? false : "no /proc here" }, () => {
  const self = readStat(process.pid)!;
  const guard = { ppid: process.ppid, fd: 3, marker: "" };
  assert.equal(parentGone({ ...guard, parent: { pid: process.pid, start: self.start } }), false);
  assert.equal(parentGone(guard), false);
  // Same pid, other start time: another process that got the pid.
  assert.equal(parentGone({ ...guard, parent: { pid: process.pid, start: self.start + 1 } }), true);
  // A process that has exited.
  const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  assert.equal(parentGone({ ...guard, parent: { pid: Number(gone.stdout.trim()), start: 1 } }), true);
  // The ppid changed: gone, whatever the environment says.
  assert.equal(parentGone({ ...guard, ppid: process.ppid + 1, parent: { pid: process.pid, start: self.start } }), true);
});

// A startup-doctor killed between spawning a child and handing it its token (SIGKILL, or another
// probed app that kills it): the child's channel closes with no token, the guard is never
// installed, and an app left running had nothing to stop it (seen in the hostile-probes test).
test("a child whose startup-doctor died before handing it a token runs none of the app; with that parent alive, the app runs unprobed as before", { skip: readStat(process.pid) ? false : "no /proc here" }, async () => {
  const dir = mkdtempSync(`${tmpdir()}/startup-doctor-token-`);
  const preload = new URL("../../dist/probe/preload/node.js", import.meta.url).href;
  const run = (parent: string, name: string): Promise<{ ran: boolean; code: number | null; signal: string | null }> => {
    const marker = `${dir}/${name}.ran`;
    writeFileSync(`${dir}/${name}.mjs`, `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\n`);
    const child = spawn(process.execPath, ["--import", preload, `${dir}/${name}.mjs`], {
      stdio: ["ignore", "ignore", "ignore", "pipe"],
      env: { ...process.env, STARTUP_DOCTOR_FD: "3", STARTUP_DOCTOR_PARENT: parent, STARTUP_DOCTOR_PROBE: "" },
    });
    // The channel closes before any token is written, as when its startup-doctor dies.
    (child.stdio[3] as import("node:stream").Duplex).destroy();
    return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ ran: existsSync(marker), code, signal })));
  };
  try {
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    assert.deepEqual(await run(`${gone.stdout.trim()}:1`, "orphan"), { ran: false, code: null, signal: "SIGKILL" });
    assert.deepEqual(await run(`${process.pid}:${readStat(process.pid)!.start}`, "alive"), { ran: true, code: 0, signal: null });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The same startup-doctor caught dying: its files (the channel) are closed before the kernel makes it
// a zombie and re-parents its children, so at the child's first look it still seemed alive, and the
// app ran on unguarded (the hostile-probes test's survivor, a daemon under a node with init as parent).
test("a child whose channel closed while its startup-doctor was still exiting runs none of the app", { skip: readStat(process.pid) ? false : "no /proc here" }, async () => {
  const dir = mkdtempSync(`${tmpdir()}/startup-doctor-token-`);
  const preload = new URL("../../dist/probe/preload/node.js", import.meta.url).href;
  const marker = `${dir}/app.ran`;
  writeFileSync(`${dir}/app.mjs`, `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\n`);
  // A stand-in startup-doctor that closes the child's channel and only exits 300 ms later: the
  // slow-exit window stretched to where it can be seen.
  const parent = `
    const { spawn } = require("node:child_process");
    const { readFileSync } = require("node:fs");
    const stat = readFileSync("/proc/self/stat", "utf8");
    const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    const child = spawn(process.execPath, ["--import", ${JSON.stringify(preload)}, ${JSON.stringify(`${dir}/app.mjs`)}], {
      stdio: ["ignore", "ignore", "ignore", "pipe"],
      env: { ...process.env, STARTUP_DOCTOR_FD: "3", STARTUP_DOCTOR_PARENT: process.pid + ":" + start, STARTUP_DOCTOR_PROBE: "" },
    });
    child.stdio[3].destroy();
    console.log(child.pid);
    setTimeout(() => process.exit(0), 300);
  `;
  try {
    const stand = spawn(process.execPath, ["-e", parent], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    stand.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => stand.once("exit", resolve));
    const child = Number(out.trim());
    assert.ok(child > 0, out);
    const alive = (): boolean => {
      const stat = readStat(child);
      return stat !== null && !stat.zombie;
    };
    for (const started = Date.now(); alive() && Date.now() - started < 10_000; ) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(alive(), false, "the child is gone");
    assert.equal(existsSync(marker), false, "none of the app ran");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
