// How long `check` takes on the incident replica against its --timeout: the goal is
// timeout + 1 s. Run: npm run build && node bench/check-incident.mjs [runs]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const timeoutMs = 3000;
const times = [];
for (let i = 0; i < runs; i++) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [`${root}bin/startup-doctor.js`, "check", `${root}fixtures/incident/streaming-metrics`, "--format", "json", "--timeout", String(timeoutMs), "--runtime", "node"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const status = JSON.parse(r.stdout).probes.map((p) => `${p.runtime}:${p.status}`).join(",");
  times.push(ms);
  console.log(`run ${i + 1}: ${ms.toFixed(0)} ms (${status})`);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`median ${median.toFixed(0)} ms for --timeout ${timeoutMs}: overhead ${(median - timeoutMs).toFixed(0)} ms (goal < 1000 ms)`);
