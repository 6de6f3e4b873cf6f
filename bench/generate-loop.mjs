// A deep worst case: N modules in one import loop, each reading the next one's export while it
// is evaluated (a tdz-risk finding on every module) and starting a timer at import time. The scan
// must stay linear in N and its report bounded by the number of findings, not by path lengths.
// --one-finding leaves the timers out: one finding (tdz-risk) on every module, the case issue 12's
// report-size goal names.
// Usage: node bench/generate-loop.mjs <modules> [outDir] [--one-finding]   (default outDir: bench/.work/loop-<N>)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export function generateLoop(modules, outDir = join(here, ".work", `loop-${modules}`), { timers = true } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, "src"), { recursive: true });
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify({ name: `loop-${modules}`, private: true, type: "module", main: "src/m0.ts" }, null, 2)}\n`);
  writeFileSync(join(outDir, "tsconfig.json"), `${JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", strict: true }, include: ["src"] }, null, 2)}\n`);
  for (let i = 0; i < modules; i++) {
    const next = (i + 1) % modules;
    writeFileSync(
      join(outDir, "src", `m${i}.ts`),
      `import { v${next} } from "./m${next}.js";\n\nexport const v${i} = typeof v${next} === "number" ? v${next} + 1 : 0;\n${timers ? `setInterval(() => v${i}, 60_000);\n` : ""}`,
    );
  }
  return { dir: outDir };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const [n = "10000", out] = args.filter((a) => !a.startsWith("--"));
  console.log(generateLoop(Number(n), out, { timers: !args.includes("--one-finding") }).dir);
}
