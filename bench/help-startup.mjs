// Times `startup-doctor --help` and `--version` (goal: < 150 ms wall clock), with a bare `node -e 0`
// for reference. Run after `npm run build`: node bench/help-startup.mjs [runs]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/startup-doctor.js", import.meta.url));
const runs = Number(process.argv[2] ?? 20);
const GOAL_MS = 150;

function time(args) {
  const samples = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    if (i >= 2) samples.push(ms); // the first runs warm the file cache
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { median: at(0.5), min: samples[0], p90: at(0.9) };
}

const rows = [
  ["node -e 0 (reference)", time(["-e", "0"])],
  ["startup-doctor --version", time([bin, "--version"])],
  ["startup-doctor --help", time([bin, "--help"])],
  ["startup-doctor scan --help", time([bin, "scan", "--help"])],
];
console.log(`node ${process.version}, ${runs} runs each (ms)`);
// On a loaded machine node's own start-up dominates: "over node" is what startup-doctor adds.
const base = rows[0][1].median;
console.log("command".padEnd(30), "median".padStart(8), "min".padStart(8), "p90".padStart(8), "over node".padStart(10));
for (const [name, t] of rows) console.log(name.padEnd(30), t.median.toFixed(1).padStart(8), t.min.toFixed(1).padStart(8), t.p90.toFixed(1).padStart(8), (t.median - base).toFixed(1).padStart(10));
const slow = rows.slice(1).filter(([, t]) => t.median >= GOAL_MS);
console.log(slow.length === 0 ? `all under the ${GOAL_MS} ms goal` : `OVER the ${GOAL_MS} ms goal: ${slow.map(([n]) => n).join(", ")}`);
process.exitCode = slow.length === 0 ? 0 : 1;
