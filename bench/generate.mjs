// Generates a synthetic, deterministic TypeScript project of N modules for the benchmark:
// layered services (core -> models -> repositories -> services -> controllers -> routes), one
// barrel index.ts per domain folder, tsconfig `paths` (@app/*), `import type` back-edges from
// lower to higher layers (no runtime cycle), and a known set of real runtime cycles:
// pairs inside a domain, a file importing its own barrel, and 3-file rings across layers.
// Usage: node bench/generate.mjs <modules> [outDir]   (default outDir: bench/.work/synthetic-<N>)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const LAYERS = ["core", "models", "repositories", "services", "controllers", "routes"];
const FILES_PER_DOMAIN = 8; // seven modules and the barrel
const WORDS = ["billing", "orders", "users", "catalog", "search", "audit", "mail", "auth", "stock", "tax", "media", "pricing", "cart", "report", "ship", "review"];

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pascal = (s) => s.replace(/(^|[-_])(\w)/g, (_, __, c) => c.toUpperCase());

/**
 * Plans the project: which files exist, what each imports, which runtime cycles are planted.
 * Returns { files: Map<rel, source>, expectedCycleModules: string[] (sorted, root-relative) }.
 */
export function plan(modules, seed = 42) {
  const random = rng(seed);
  const pick = (arr) => arr[Math.floor(random() * arr.length)];
  const domainsPerLayer = Math.max(1, Math.round((modules - 1) / (LAYERS.length * FILES_PER_DOMAIN)));

  // Files, layer by layer; the last layers may end up short so that the total is exactly `modules`.
  const layers = LAYERS.map((layer) => ({ layer, domains: [] }));
  let budget = modules - 1; // src/index.ts
  for (let l = 0; l < LAYERS.length; l++) {
    for (let d = 0; d < domainsPerLayer && budget >= 2; d++) {
      const name = `${WORDS[d % WORDS.length]}${d >= WORDS.length ? Math.floor(d / WORDS.length) : ""}`;
      const count = Math.min(FILES_PER_DOMAIN - 1, budget - 1);
      const domain = { layer: LAYERS[l], l, name, dir: `src/${LAYERS[l]}/${name}`, files: [] };
      for (let i = 0; i < count; i++) {
        const base = `${name}-${["entity", "helper", "mapper", "policy", "factory", "store", "view"][i]}`;
        domain.files.push({ rel: `${domain.dir}/${base}.ts`, base, cls: `${pascal(LAYERS[l])}${pascal(base)}`, imports: [], typeImports: [], cycle: false, inBarrel: true });
      }
      budget -= count + 1;
      layers[l].domains.push(domain);
    }
  }
  // Whatever is left (rounding) becomes extra helpers in core.
  for (let i = 0; budget > 0; i++, budget--) {
    const domain = layers[0].domains[i % layers[0].domains.length];
    const base = `${domain.name}-extra${i}`;
    domain.files.push({ rel: `${domain.dir}/${base}.ts`, base, cls: `Core${pascal(base)}`, imports: [], typeImports: [], cycle: false, inBarrel: true });
  }

  const byLayer = layers.map((x) => x.domains);
  const expected = new Set();

  // Forward edges (higher layer -> lower layer): always acyclic.
  for (let l = 1; l < LAYERS.length; l++) {
    for (const domain of byLayer[l]) {
      for (const file of domain.files) {
        const n = 2 + Math.floor(random() * 3);
        for (let k = 0; k < n; k++) {
          const target = pick(byLayer[Math.floor(random() * l)]);
          const targetFile = pick(target.files);
          // Half through the domain barrel via the @app alias, half straight to the file.
          const viaBarrel = random() < 0.5;
          file.imports.push({ target: targetFile, viaBarrel, domain: target, alias: random() < 0.7 });
        }
      }
    }
  }
  // Type-only back-edges (lower -> higher): erased, never a runtime cycle.
  for (let l = 0; l < LAYERS.length - 1; l++) {
    for (const domain of byLayer[l]) {
      for (const file of domain.files) {
        if (random() >= 0.3) continue;
        const upper = pick(byLayer[l + 1 + Math.floor(random() * (LAYERS.length - 1 - l))]);
        file.typeImports.push({ target: pick(upper.files), domain: upper, inline: random() < 0.4 });
      }
    }
  }
  // Planted runtime cycles, on files that nothing else makes cyclic.
  const cycles = Math.max(3, Math.round(modules / 100));
  const used = new Set();
  const fresh = (domain) => domain.files.find((f) => !used.has(f) && f.inBarrel) ?? null;
  for (let c = 0; c < cycles; c++) {
    const shape = c % 3;
    if (shape === 0) {
      // Two files of one domain import each other.
      const domain = pick(byLayer[1 + Math.floor(random() * (LAYERS.length - 1))]);
      const a = fresh(domain);
      if (!a) continue;
      used.add(a);
      const b = fresh(domain);
      if (!b) continue;
      used.add(b);
      a.imports.push({ target: b, viaBarrel: false, domain, alias: false });
      b.imports.push({ target: a, viaBarrel: false, domain, alias: false });
      expected.add(a.rel).add(b.rel);
    } else if (shape === 1) {
      // A file importing a sibling through its own barrel (the classic barrel cycle).
      const domain = pick(byLayer[1 + Math.floor(random() * (LAYERS.length - 1))]);
      if (domain.barrelCycle) continue;
      const a = fresh(domain);
      if (!a) continue;
      used.add(a);
      const sibling = domain.files.find((f) => f !== a && !used.has(f));
      if (!sibling) continue;
      used.add(sibling);
      domain.barrelCycle = true;
      a.imports.push({ target: sibling, viaBarrel: true, domain, alias: true });
      expected.add(a.rel).add(`${domain.dir}/index.ts`);
    } else {
      // A ring across three layers through files kept out of the barrels.
      const ring = [1, 2, 3].map((l) => {
        const domain = pick(byLayer[Math.min(l + Math.floor(random() * 2), LAYERS.length - 1)]);
        const base = `${domain.name}-ring${c}-${l}`;
        const file = { rel: `${domain.dir}/${base}.ts`, base, cls: `Ring${c}L${l}${pascal(domain.layer)}${pascal(domain.name)}`, imports: [], typeImports: [], cycle: true, inBarrel: false };
        return { domain, file };
      });
      // Replace three ordinary files so that the module count stays exact.
      for (const { domain, file } of ring) {
        const victim = domain.files.findLast((f) => !used.has(f) && f.inBarrel && !f.cycle);
        if (victim) domain.files.splice(domain.files.indexOf(victim), 1, file);
        else domain.files.push(file);
        used.add(file);
        expected.add(file.rel);
      }
      for (let i = 0; i < 3; i++) ring[i].file.imports.push({ target: ring[(i + 1) % 3].file, viaBarrel: false, domain: ring[(i + 1) % 3].domain, alias: i === 1 });
    }
  }
  // Drop imports of files that a ring replaced.
  const live = new Set(byLayer.flatMap((ds) => ds.flatMap((d) => d.files)));
  for (const ds of byLayer) for (const d of ds) for (const f of d.files) {
    f.imports = f.imports.filter((i) => live.has(i.target) && (!i.viaBarrel || i.target.inBarrel));
    f.typeImports = f.typeImports.filter((i) => live.has(i.target) && i.target.inBarrel);
  }

  const files = new Map();
  for (const ds of byLayer) for (const domain of ds) {
    for (const file of domain.files) files.set(file.rel, renderModule(file, random));
    files.set(`${domain.dir}/index.ts`, renderBarrel(domain));
  }
  const top = byLayer[LAYERS.length - 1].length > 0 ? byLayer[LAYERS.length - 1] : byLayer.findLast((ds) => ds.length > 0);
  files.set("src/index.ts", renderMain(top, [...live].filter((f) => f.cycle)));
  return { files, expectedCycleModules: [...expected].sort() };
}

function specifierOf(from, imp) {
  if (imp.viaBarrel) return imp.alias ? `@app/${imp.domain.layer}/${imp.domain.name}` : relPath(from.rel, `${imp.domain.dir}/index.ts`).replace(/\/index$/, "");
  return imp.alias ? `@app/${imp.target.rel.slice(4, -3)}` : relPath(from.rel, imp.target.rel);
}

function relPath(fromRel, toRel) {
  const r = relative(dirname(fromRel), toRel.replace(/\.ts$/, ""));
  return r.startsWith(".") ? r : `./${r}`;
}

function renderModule(file, random) {
  const lines = [];
  const seen = new Set();
  const valueNames = [];
  for (const imp of file.imports) {
    const spec = specifierOf(file, imp);
    const name = imp.target.cls;
    const key = `${spec}|${name}`;
    if (seen.has(key) || valueNames.includes(name)) continue;
    seen.add(key);
    valueNames.push(name);
    lines.push(`import { ${name} } from "${spec}";`);
  }
  const typeNames = [];
  for (const imp of file.typeImports) {
    const spec = `@app/${imp.domain.layer}/${imp.domain.name}`;
    const name = `${imp.target.cls}Shape`;
    if (typeNames.includes(name)) continue;
    typeNames.push(name);
    lines.push(imp.inline ? `import { type ${name} } from "${spec}";` : `import type { ${name} } from "${spec}";`);
  }
  if (random() < 0.5) lines.push(`import { EventEmitter } from "node:events";`);
  else lines.push(`import { readFile } from "node:fs/promises";`);
  const usesEmitter = lines.some((l) => l.includes("EventEmitter"));
  lines.push("");
  lines.push(`export interface ${file.cls}Shape {`);
  lines.push(`  id: string;`);
  lines.push(`  createdAt: Date;`);
  for (const t of typeNames) lines.push(`  ${t.charAt(0).toLowerCase()}${t.slice(1)}?: ${t};`);
  lines.push(`}`);
  lines.push("");
  lines.push(`export type ${file.cls}Options = Partial<${file.cls}Shape> & { retries: number };`);
  lines.push("");
  lines.push(`export const ${file.cls.toUpperCase()}_DEFAULTS: ${file.cls}Options = { retries: ${Math.floor(random() * 5)} };`);
  lines.push("");
  lines.push(`export class ${file.cls}${usesEmitter ? " extends EventEmitter" : ""} {`);
  lines.push(`  private readonly cache = new Map<string, ${file.cls}Shape>();`);
  lines.push("");
  lines.push(`  constructor(private readonly options: ${file.cls}Options = ${file.cls.toUpperCase()}_DEFAULTS) {`);
  if (usesEmitter) lines.push(`    super();`);
  lines.push(`  }`);
  const methods = 3 + Math.floor(random() * 4);
  for (let m = 0; m < methods; m++) {
    const dep = valueNames[m % Math.max(1, valueNames.length)];
    lines.push("");
    lines.push(`  async step${m}(input: ${file.cls}Shape, attempt = 0): Promise<${file.cls}Shape | undefined> {`);
    lines.push(`    const key = \`\${input.id}:${m}:\${attempt}\`;`);
    lines.push(`    if (this.cache.has(key)) return this.cache.get(key);`);
    if (dep) lines.push(`    const helper = new ${dep}();`);
    lines.push(`    for (let i = 0; i < this.options.retries; i++) {`);
    lines.push(`      if (input.createdAt.getTime() % (i + 2) === 0) break;`);
    lines.push(`    }`);
    if (dep) lines.push(`    void helper;`);
    if (!usesEmitter && m === 0) lines.push(`    if (attempt > 9) await readFile("/dev/null");`);
    lines.push(`    const result = { ...input, id: key };`);
    lines.push(`    this.cache.set(key, result);`);
    lines.push(`    return result;`);
    lines.push(`  }`);
  }
  lines.push(`}`);
  lines.push("");
  if (valueNames.length > 0) {
    lines.push(`export function wire${file.cls}(): unknown[] {`);
    lines.push(`  return [${valueNames.join(", ")}];`);
    lines.push(`}`);
    lines.push("");
  }
  lines.push(`export function create${file.cls}(options?: ${file.cls}Options): ${file.cls} {`);
  lines.push(`  return new ${file.cls}(options);`);
  lines.push(`}`);
  return `${lines.join("\n")}\n`;
}

function renderBarrel(domain) {
  const lines = domain.files.filter((f) => f.inBarrel).map((f) => `export * from "./${f.base}";`);
  return `${lines.join("\n")}\n`;
}

function renderMain(top, ringFiles) {
  const lines = top.slice(0, 20).map((d, i) => `import * as d${i} from "@app/${d.layer}/${d.name}";`);
  ringFiles.slice(0, 5).forEach((f, i) => lines.push(`import * as r${i} from "@app/${f.rel.slice(4, -3)}";`));
  lines.push("");
  lines.push(`export const modules = [${top.slice(0, 20).map((_, i) => `d${i}`).concat(ringFiles.slice(0, 5).map((_, i) => `r${i}`)).join(", ")}];`);
  return `${lines.join("\n")}\n`;
}

export function generate(modules, outDir = join(here, ".work", `synthetic-${modules}`), seed = 42) {
  const { files, expectedCycleModules } = plan(modules, seed);
  rmSync(outDir, { recursive: true, force: true });
  for (const [rel, text] of files) {
    mkdirSync(join(outDir, dirname(rel)), { recursive: true });
    writeFileSync(join(outDir, rel), text);
  }
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify({ name: `synthetic-${modules}`, private: true, type: "module", main: "src/index.ts" }, null, 2)}\n`);
  const tsconfig = {
    compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "bundler", strict: true, baseUrl: ".", paths: { "@app/*": ["src/*"] }, noEmit: true },
    include: ["src"],
  };
  writeFileSync(join(outDir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  writeFileSync(join(outDir, "expected-cycles.json"), `${JSON.stringify(expectedCycleModules, null, 2)}\n`);
  return { dir: outDir, modules: files.size, expectedCycleModules };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = Number(process.argv[2] ?? 1000);
  const { dir, modules, expectedCycleModules } = generate(n, process.argv[3]);
  console.log(`${dir}: ${modules} modules, ${expectedCycleModules.length} modules on planted runtime cycles`);
}
