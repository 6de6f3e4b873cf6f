// Cost of the probe's "typescript" transform (TypeScript's transpileModule per file, the
// project's tsconfig) against tsx, importing a generated project of N decorated modules.
// CommonJS (the Nest shape) and ESM; each figure is the median of `runs` imports, wall and CPU;
// "cold" compiles every file, "cached" reads the per-user compile cache a previous probe filled.
// Usage: npm run build && node bench/transform-cost.mjs [modules=1000] [runs=5]
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 5);
const transpile = pathToFileURL(join(here, "..", "dist", "probe", "preload", "transpile.js")).href;
const tsx = import.meta.resolve("tsx");
const typescript = createRequire(import.meta.url).resolve("typescript");

function generate(kind) {
  const dir = join(here, ".work", `transform-cost-${kind}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bench", private: true, type: kind === "esm" ? "module" : "commonjs" }));
  const module = kind === "esm" ? "nodenext" : "commonjs";
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module, target: "es2021", strict: true, experimentalDecorators: true, emitDecoratorMetadata: true } }));
  const ext = kind === "esm" ? ".js" : "";
  writeFileSync(join(dir, "src", "meta.ts"), `(Reflect as any).metadata ??= () => () => undefined;\nexport const Injectable = (): ClassDecorator => () => undefined;\n`);
  for (let i = 0; i < modules; i++) {
    const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < modules);
    const imports = kids.map((k) => `import { Service${k} } from "./m${k}${ext}";`).join("\n");
    const params = kids.map((k) => `private readonly s${k}: Service${k}`).join(", ");
    writeFileSync(join(dir, "src", `m${i}.ts`), `import { Injectable } from "./meta${ext}";\n${imports}\nexport interface Shape${i} { id: number }\n@Injectable()\nexport class Service${i} {\n  constructor(${params}) {}\n  run(shape: Shape${i}): number { return shape.id + ${i}; }\n}\n`);
  }
  writeFileSync(join(dir, "src", "main.ts"), `import "./meta${ext}";\nimport { Service0 } from "./m0${ext}";\nconst cpu = process.cpuUsage();\nconsole.log(JSON.stringify({ wall: performance.now(), cpu: (cpu.user + cpu.system) / 1000, name: Service0.name }));\n`);
  return dir;
}

function measure(dir, hook, cached = false, tsxCache = true) {
  const env = {
    ...(tsxCache ? {} : { TSX_DISABLE_CACHE: "1" }), ...process.env, STARTUP_DOCTOR_TS_MODULE: typescript, STARTUP_DOCTOR_TSCONFIG: join(dir, "tsconfig.json"), ...(cached ? { STARTUP_DOCTOR_TS_KEY: "bench" } : {}) };
  const out = spawnSync(process.execPath, ["--import", hook, "src/main.ts"], { cwd: dir, env, encoding: "utf8" });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout.trim().split("\n").at(-1));
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const kind of ["cjs", "esm"]) {
  const dir = generate(kind);
  const samples = { tsx: [], tsxCold: [], typescript: [], cached: [] };
  measure(dir, transpile, true); // fills the cache for the "cached" rows
  for (let run = 0; run < runs; run++) {
    samples.tsx.push(measure(dir, tsx));
    samples.tsxCold.push(measure(dir, tsx, false, false));
    samples.typescript.push(measure(dir, transpile));
    samples.cached.push(measure(dir, transpile, true));
  }
  const row = (name) => ({ wallMs: Math.round(median(samples[name].map((s) => s.wall))), cpuMs: Math.round(median(samples[name].map((s) => s.cpu))) });
  const t = row("tsx");
  const ts = row("typescript");
  const c = row("cached");
  const tc = row("tsxCold");
  const ratio = (r) => `${(r.wallMs / t.wallMs).toFixed(2)}x wall, ${(r.cpuMs / t.cpuMs).toFixed(2)}x cpu`;
  console.log(`${kind} ${modules} modules: tsx (its cache warm) ${t.wallMs} ms wall / ${t.cpuMs} ms cpu; tsx without its cache ${tc.wallMs} / ${tc.cpuMs} ms (${ratio(tc)}); typescript transform, cold ${ts.wallMs} / ${ts.cpuMs} ms (${ratio(ts)}); cached ${c.wallMs} / ${c.cpuMs} ms (${ratio(c)})`);
}
