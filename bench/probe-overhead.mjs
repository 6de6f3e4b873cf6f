// Measures the probe's instrumentation overhead: import time of a generated 1,000-module
// TypeScript project under the probe's preload vs plain `node --import tsx`.
// Usage: npm run build && node bench/probe-overhead.mjs [modules=1000] [runs=7]
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 7);
const work = join(here, ".work", "probe-overhead");
const preload = pathToFileURL(join(here, "..", "dist", "probe", "preload", "node.js")).href;
const tsx = import.meta.resolve("tsx");

function generate() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "src", "mods"), { recursive: true });
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "bench", private: true, type: "module" }));
  writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nodenext", strict: true } }));
  for (let i = 0; i < modules; i++) {
    // A tree: module i imports 2i+1 and 2i+2, so every module is reached once and depth is ~10.
    const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < modules);
    const imports = kids.map((k) => `import { value${k} } from "./m${k}.js";`).join("\n");
    const sum = kids.map((k) => `value${k}`).join(" + ") || "0";
    writeFileSync(
      join(work, "src", "mods", `m${i}.ts`),
      `${imports}
export interface Shape${i} { id: number; label: string }
export class Service${i} {
  private readonly items: Shape${i}[] = [];
  add(item: Shape${i}): number { this.items.push(item); return this.items.length; }
}
function compute${i}(n: number): number { let t = 0; for (let j = 0; j < n; j++) t += j % 7; return t; }
export const value${i}: number = ${sum} + compute${i}(50) + new Service${i}().add({ id: ${i}, label: "m${i}" });
`,
    );
  }
  writeFileSync(
    join(work, "src", "index.ts"),
    `import { value0 } from "./mods/m0.js";\nconst cpu = process.cpuUsage();\nprocess.stdout.write(JSON.stringify({ value: value0, ms: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 }) + "\\n");\n`,
  );
}

function once(args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...args, "src/index.ts"], { cwd: work, stdio: ["ignore", "pipe", "inherit", "pipe"] });
    let out = "";
    let messages = 0;
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stdio[3].on("data", (chunk) => (messages += chunk.toString().split("\n").length - 1));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`exit ${code}`));
      const { ms, cpuMs } = JSON.parse(out.trim().split("\n").at(-1));
      resolve({ importMs: ms, cpuMs, wallMs, messages });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const min = (values) => Math.min(...values);

generate();
const plainArgs = ["--import", tsx];
const probeArgs = ["--import", tsx, "--import", preload];
// Warm tsx's transform cache for both (cold first runs would measure esbuild, not us).
await once(plainArgs);
await once(probeArgs);
const plain = [];
const probed = [];
let messages = 0;
for (let i = 0; i < runs; i++) {
  plain.push(await once(plainArgs));
  const run = await once(probeArgs);
  messages = run.messages;
  probed.push(run);
}
const p = { importMs: median(plain.map((r) => r.importMs)), wallMs: median(plain.map((r) => r.wallMs)) };
const q = { importMs: median(probed.map((r) => r.importMs)), wallMs: median(probed.map((r) => r.wallMs)) };
console.log(`modules: ${modules}, runs: ${runs} (medians), probe messages per run: ${messages}`);
console.log(`plain node --import tsx : import ${p.importMs.toFixed(0)} ms, wall ${p.wallMs.toFixed(0)} ms`);
console.log(`under the probe preload : import ${q.importMs.toFixed(0)} ms, wall ${q.wallMs.toFixed(0)} ms`);
console.log(`ratio of medians: import ${(q.importMs / p.importMs).toFixed(2)}x, wall ${(q.wallMs / p.wallMs).toFixed(2)}x (goal < 1.3x)`);
// Runs alternate, so each probe run has a plain neighbour under the same machine load: the
// median of per-pair ratios resists a busy machine better than a ratio of medians.
const paired = (key) => median(probed.map((r, i) => r[key] / plain[i][key]));
console.log(`median of paired ratios: import ${paired("importMs").toFixed(2)}x, cpu ${paired("cpuMs").toFixed(2)}x, wall ${paired("wallMs").toFixed(2)}x`);
const best = (runsOf) => min(runsOf.map((r) => r.importMs));
console.log(`ratio of best runs: import ${(best(probed) / best(plain)).toFixed(2)}x (${best(probed).toFixed(0)} / ${best(plain).toFixed(0)} ms)`);
