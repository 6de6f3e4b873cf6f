// Time to ready under the probe vs a plain start of the same program: a generated 1,000-module
// TypeScript server that ends in listen(), and optionally a real app (its compiled start command).
// Ready = the server accepts a TCP connection (polled every 5 ms), measured from spawn.
// Usage: npm run build && node bench/probe-boot-overhead.mjs [runs=7] [--app <dir> <port> <entry.js>]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const runs = Number(process.argv[2] ?? 7);
const appAt = process.argv.indexOf("--app");
const app = appAt > 0 ? { dir: process.argv[appAt + 1], port: Number(process.argv[appAt + 2]), entry: process.argv[appAt + 3] } : null;
const work = join(here, ".work", "probe-boot-overhead");
const preload = pathToFileURL(join(here, "..", "dist", "probe", "preload", "node.js")).href;
const tsx = import.meta.resolve("tsx");
const MODULES = 1000;
const PORT = 47311;

function generate() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "src", "mods"), { recursive: true });
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "bench", private: true, type: "module" }));
  writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nodenext", strict: true } }));
  for (let i = 0; i < MODULES; i++) {
    const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < MODULES);
    const imports = kids.map((k) => `import { value${k} } from "./m${k}.js";`).join("\n");
    const sum = kids.map((k) => `value${k}`).join(" + ") || "0";
    writeFileSync(
      join(work, "src", "mods", `m${i}.ts`),
      `${imports}
export class Service${i} { private readonly items: number[] = []; add(n: number): number { this.items.push(n); return this.items.length; } }
export const value${i}: number = ${sum} + new Service${i}().add(${i});
`,
    );
  }
  // Ends the way real servers do: an async bootstrap that awaits, then listens.
  writeFileSync(
    join(work, "src", "index.ts"),
    `import { createServer } from "node:http";
import { value0 } from "./mods/m0.js";
async function bootstrap(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  createServer((_q, s) => s.end(String(value0))).listen(Number(process.env.PORT), "127.0.0.1");
}
bootstrap();
`,
  );
}

function waitForPort(port, child) {
  return new Promise((resolve, reject) => {
    let done = false;
    child.once("exit", (code) => !done && reject(new Error(`exited ${code} before listening`)));
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        done = true;
        socket.destroy();
        resolve();
      });
      socket.once("error", () => setTimeout(attempt, 5));
    };
    attempt();
  });
}

/** One start: spawn, wait until the port answers, kill the group. `probed`: under the probe's preload with its channel. */
async function once({ cwd, args, port, probed, env = {} }) {
  const token = randomBytes(32).toString("hex");
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), ...(probed ? { STARTUP_DOCTOR_FD: "3", STARTUP_DOCTOR_PROBE: token.slice(0, 8) } : {}) },
    stdio: ["ignore", "ignore", "inherit", "pipe"],
    detached: true,
  });
  if (probed) child.stdio[3].write(`${token}\n`);
  child.stdio[3].on("data", () => undefined);
  await waitForPort(port, child);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGKILL");
  await exited;
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function compare(label, plainArgs, probeArgs, cwd, port, env) {
  // Warm the transform cache and the page cache for both.
  await once({ cwd, args: plainArgs, port, probed: false, env });
  await once({ cwd, args: probeArgs, port, probed: true, env });
  const plain = [];
  const probed = [];
  for (let i = 0; i < runs; i++) {
    plain.push(await once({ cwd, args: plainArgs, port, probed: false, env }));
    probed.push(await once({ cwd, args: probeArgs, port, probed: true, env }));
  }
  const p = median(plain);
  const q = median(probed);
  console.log(`${label}: plain ${p.toFixed(0)} ms, under the probe ${q.toFixed(0)} ms (median of ${runs}), ratio ${(q / p).toFixed(2)}x`);
}

generate();
await compare(`${MODULES}-module TS server (node --import tsx)`, ["--import", tsx, "src/index.ts"], ["--import", tsx, "--import", preload, "src/index.ts"], work, PORT);
if (app) await compare(`${app.dir} (node ${app.entry})`, [app.entry], ["--import", preload, app.entry], app.dir, app.port);
