// Times `startup-doctor scan --format json` against madge and dpdm on the same projects in the
// same run: wall time (median of --runs), peak RSS, ratios, and whether the modules on runtime
// cycles agree. Synthetic projects come from bench/generate.mjs; `--real` runs hono, typeorm and
// medusa work trees checked out under bench/.work/real/ (see README in RESULTS.md).
// Usage: npm run build && node bench/run.mjs [--real] [--sizes 1000,10000] [--runs 3]
//        [--tools ours,madge,dpdm] [--only name] [--write]
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, openSync, closeSync, utimesSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./generate.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..");
const work = join(here, ".work");
const outDir = join(work, "out");
const bin = (name) => join(repo, "node_modules", ".bin", name);

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const runs = Number(option("--runs", "3"));
const tools = option("--tools", "ours,madge,dpdm").split(",");
const only = option("--only", "");
const sizes = option("--sizes", "1000,10000").split(",").map(Number);
const hasTime = existsSync("/usr/bin/time");

// madge reads its rc config from env: skip `import type` so its cycles are runtime cycles, as ours.
const MADGE_ENV = {
  madge_detectiveOptions__ts__skipTypeImports: "true",
  madge_detectiveOptions__tsx__skipTypeImports: "true",
  madge_detectiveOptions__es6__skipTypeImports: "true",
};

/** Runs one command; resolves with wall seconds, peak RSS in MiB, exit code. stdout goes to a file. */
function measure(cmd, argv, cwd, stdoutFile, env = {}) {
  return new Promise((resolve) => {
    const out = openSync(stdoutFile, "w");
    const errFile = `${stdoutFile}.err`;
    const err = openSync(errFile, "w");
    const [file, fileArgs] = hasTime ? ["/usr/bin/time", ["-v", cmd, ...argv]] : [cmd, argv];
    const started = process.hrtime.bigint();
    const child = spawn(file, fileArgs, { cwd, stdio: ["ignore", out, err], env: { ...process.env, NO_COLOR: "1", ...env } });
    let hwm = 0;
    // Without GNU time: poll the child's VmHWM (its own peak), good enough for single-process tools.
    const poll = hasTime
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {}
        }, 10);
    child.on("close", (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (poll) clearInterval(poll);
      closeSync(out);
      closeSync(err);
      let rssKb = hwm;
      let cpu;
      if (hasTime) {
        const text = readFileSync(errFile, "utf8");
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
        if (m) rssKb = Number(m[1]);
        const user = /User time \(seconds\): ([\d.]+)/.exec(text);
        const sys = /System time \(seconds\): ([\d.]+)/.exec(text);
        if (user && sys) cpu = Number(user[1]) + Number(sys[1]);
      }
      resolve({ wall, cpu, rss: rssKb / 1024, code });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sortedSet = (xs) => [...new Set(xs)].sort();

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Source files under the given dirs (what madge and dpdm are pointed at). */
function countFiles(root, dirs) {
  return filesUnder(root, dirs).filter((p) => /\.tsx?$/.test(p) && !p.endsWith(".d.ts")).length;
}

/** Every file under the given dirs, leaving out node_modules and dot folders. */
function filesUnder(root, dirs) {
  const files = [];
  const stack = dirs.map((d) => join(root, d));
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else files.push(p);
    }
  }
  return files;
}

/**
 * Reads every file the tools read from the project (its source folders and root files), so that a
 * timed run finds them in the page cache: on the benchmark machine DAMON pages out what nobody
 * touched for a minute, page cache included (RESULTS.md, "The benchmark machine" §1), and a run that happened to
 * come first after a pause read its files from disk (a 100k-module scan: 87 s per worker in read).
 */
function warmPageCache(project) {
  project.warmFiles ??= [
    ...readdirSync(project.dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(project.dir, e.name)),
    ...filesUnder(project.dir, project.srcDirs),
  ];
  for (const file of project.warmFiles) {
    try {
      readFileSync(file);
    } catch {}
  }
}

function commandsFor(project) {
  const { dir, srcDirs, dpdmGlobs } = project;
  const tsconfig = existsSync(join(dir, "tsconfig.json"));
  // --scope all: every file the peers read too (the default leaves tests and scripts out).
  const ours = (...extra) => ({ cmd: process.execPath, argv: [join(repo, "bin", "startup-doctor.js"), "scan", dir, "--format", "json", "--scope", "all", ...extra] });
  const cacheDir = (kind) => join(work, "cache", `${project.name}-${kind}`);
  const dpdm = (types) => ({ cmd: bin("dpdm"), argv: [...(types ? ["-T"] : []), "--no-tree", "--no-warning", "--no-progress", "--exit-code", "circular:0", "-o", "OUT", ...dpdmGlobs] });
  return {
    ours: ours(),
    "ours-w1": ours("--workers", "1"),
    "ours-w0": ours("--workers", "0"),
    "ours-w2": ours("--workers", "2"),
    "ours-warm": { ...ours("--cache", "--cache-location", cacheDir("warm")), warm: true },
    // One file edited, its facts kept (a comment appended: the last analysis holds, analysis-cutoff.ts)...
    "ours-1changed": { ...ours("--cache", "--cache-location", cacheDir("changed")), warm: true, changeOne: "append" },
    // ... and changed (a line inserted at the top moves every line of it: analysed again).
    "ours-1shifted": { ...ours("--cache", "--cache-location", cacheDir("shifted")), warm: true, changeOne: "prepend" },
    madge: {
      cmd: bin("madge"),
      argv: ["--circular", "--json", "--no-spinner", "--extensions", "ts,tsx", ...(tsconfig ? ["--ts-config", "tsconfig.json"] : []), ...srcDirs],
      env: MADGE_ENV,
    },
    // -T skips type-only imports (what runs); without it dpdm also follows types (what madge counts).
    dpdm: dpdm(true),
    "dpdm-types": dpdm(false),
    depcruise: { cmd: bin("depcruise"), argv: ["--no-config", "--output-type", "json", ...(tsconfig ? ["--ts-config", "tsconfig.json"] : []), ...srcDirs] },
  };
}

/** The file the "one changed file" runs edit: the project's first source file, by name. */
function changedFileOf(project) {
  const stack = project.srcDirs.map((d) => join(project.dir, d));
  const found = [];
  while (stack.length > 0 && found.length < 50) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? 1 : -1))) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      if (e.isDirectory()) stack.push(join(d, e.name));
      else if (/\.ts$/.test(e.name) && !e.name.endsWith(".d.ts")) found.push(join(d, e.name));
    }
  }
  return found.sort()[0];
}

/** Modules on runtime cycles, root-relative, per tool. */
function cycleModules(tool, stdoutFile, project) {
  if (tool === "depcruise") return null;
  if (tool.startsWith("ours")) {
    const report = readJson(stdoutFile);
    if (!report) return null;
    return { modules: report.modules, set: sortedSet(report.cycles.filter((c) => c.runtime).flatMap((c) => c.component ?? c.modules)) };
  }
  if (tool === "madge") {
    const cycles = readJson(stdoutFile);
    // madge prints paths relative to the one folder it was given (to the root when given several).
    const prefix = project.srcDirs.length === 1 ? `${project.srcDirs[0]}/` : "";
    return cycles ? { set: sortedSet(cycles.flat().map((m) => prefix + m)) } : null;
  }
  const out = readJson(`${stdoutFile}.dpdm.json`);
  if (tool === "dpdm-types") return out ? { modules: Object.keys(out.tree).length, set: sortedSet(out.circulars.flat()) } : null;
  return out ? { modules: Object.keys(out.tree).length, set: sortedSet(out.circulars.flat()) } : null;
}

async function benchProject(project) {
  const commands = commandsFor(project);
  const result = { name: project.name, files: countFiles(project.dir, project.srcDirs), tools: {} };
  const samples = Object.fromEntries(tools.map((t) => [t, []]));
  const stdoutOf = (tool) => join(outDir, `${project.name}-${tool}.out`);
  // Round-robin (ours, madge, dpdm, ours, ...) so that a busy machine weighs on every tool alike.
  // Warm caches are filled once before the timed rounds.
  const changed = changedFileOf(project);
  // The edited file is put back with its time through a Date, which keeps milliseconds only: set
  // it that way once now, or the first restore counts as a change for the warm runs' cache too.
  if (tools.some((t) => commands[t]?.changeOne)) {
    const { atime, mtime } = statSync(changed);
    utimesSync(changed, atime, mtime);
  }
  for (const tool of tools) {
    if (commands[tool]?.warm) await measure(commands[tool].cmd, commands[tool].argv, project.dir, stdoutOf(tool), commands[tool].env);
  }
  for (let i = 0; i < runs; i++) {
    for (const tool of tools) {
      const { cmd, argv, env, changeOne } = commands[tool];
      const stdoutFile = stdoutOf(tool);
      const finalArgv = argv.map((a) => (a === "OUT" ? `${stdoutFile}.dpdm.json` : a));
      // One file edited in place (new content each round), then put back with its time.
      const original = changeOne ? { text: readFileSync(changed), stat: statSync(changed) } : null;
      const edit = Buffer.from(`\n// bench edit ${i} ${Date.now()}\n`);
      // Prepended: i + 1 lines, so that each round moves the file's lines from where the last one (the cached facts) had them.
      const prepended = Buffer.from(`${"\n".repeat(i)}// bench edit ${i} ${Date.now()}\n`);
      if (original) writeFileSync(changed, changeOne === "prepend" ? Buffer.concat([prepended, original.text]) : Buffer.concat([original.text, edit]));
      warmPageCache(project);
      const s = await measure(cmd, finalArgv, project.dir, stdoutFile, env);
      if (original) {
        writeFileSync(changed, original.text);
        utimesSync(changed, original.stat.atime, original.stat.mtime);
      }
      samples[tool].push(s);
      process.stderr.write(`  ${project.name} ${tool} run ${i + 1}: ${s.wall.toFixed(2)} s wall, ${s.cpu?.toFixed(2) ?? "?"} s cpu, ${s.rss.toFixed(0)} MiB, exit ${s.code}\n`);
    }
  }
  for (const tool of tools) {
    const wall = samples[tool].map((s) => s.wall);
    const cpu = samples[tool].map((s) => s.cpu).filter((c) => c !== undefined);
    result.tools[tool] = {
      wall: median(wall),
      walls: wall,
      cpu: cpu.length > 0 ? median(cpu) : undefined,
      rss: Math.max(...samples[tool].map((s) => s.rss)),
      cycles: cycleModules(tool, stdoutOf(tool), project),
    };
  }
  const ours = result.tools.ours?.cycles?.set;
  const same = (a, b) => a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);
  result.sameAsMadge = ours && result.tools.madge?.cycles ? same(ours, result.tools.madge.cycles.set) : null;
  result.sameAsDpdm = ours && result.tools.dpdm?.cycles ? same(ours, result.tools.dpdm.cycles.set) : null;
  if (project.expected) result.sameAsPlanted = ours ? same(ours, project.expected) : null;
  if (ours && result.tools.madge?.cycles) {
    result.onlyOurs = ours.filter((m) => !result.tools.madge.cycles.set.includes(m)).length;
    result.onlyMadge = result.tools.madge.cycles.set.filter((m) => !ours.includes(m)).length;
  }
  return result;
}

function syntheticProjects() {
  return sizes.map((n) => {
    const { dir, expectedCycleModules } = generate(n);
    return { name: `synthetic-${n}`, dir, srcDirs: ["src"], dpdmGlobs: ["src/**/*.ts"], expected: expectedCycleModules };
  });
}

/**
 * Work trees of real projects, checked out (once) from the bare mirrors that the session's `fetch`
 * tool leaves under /work/.mirror (override with BENCH_MIRRORS). Only the folders the tools read
 * are checked out; nothing is installed and no script of theirs runs.
 */
function realProjects() {
  const base = join(work, "real");
  const mirrors = process.env.BENCH_MIRRORS ?? "/work/.mirror";
  const defs = [
    { name: "hono", mirror: "honojs+hono", paths: ["."], srcDirs: ["src"], dpdmGlobs: ["src/**/*.ts", "src/**/*.tsx"] },
    { name: "typeorm", mirror: "typeorm+typeorm", paths: ["."], srcDirs: ["src", "test"], dpdmGlobs: ["src/**/*.ts", "test/**/*.ts"] },
    { name: "medusa", mirror: "medusajs+medusa", paths: ["packages", "package.json", "_tsconfig.base.json"], srcDirs: ["packages"], dpdmGlobs: ["packages/**/*.ts", "packages/**/*.tsx"] },
  ];
  // A clone the session already has (COMMON.md: /work/apps/<name>) is used as it is.
  const apps = process.env.BENCH_APPS ?? "/work/apps";
  return defs
    .map((d) => ({ ...d, dir: existsSync(join(apps, d.name, "package.json")) ? join(apps, d.name) : join(base, d.name) }))
    .filter((d) => {
      if (!existsSync(d.dir)) checkout(join(mirrors, d.mirror, "repo"), d.dir, d.paths);
      if (existsSync(d.dir) && statSync(d.dir).isDirectory()) {
        if (d.name === "typeorm") stubTsconfigBase(d.dir);
        return true;
      }
      process.stderr.write(`skipping ${d.name}: no work tree at ${d.dir} and no mirror to check it out from\n`);
      return false;
    });
}

function checkout(gitDir, dir, paths) {
  if (!existsSync(gitDir)) return;
  mkdirSync(dir, { recursive: true });
  // A private index file: the mirror's own state is left alone.
  const r = spawnSync("git", [`--git-dir=${gitDir}`, `--work-tree=${dir}`, "checkout", "-f", "HEAD", "--", ...paths], {
    env: { ...process.env, GIT_INDEX_FILE: join(work, `${dir.split("/").pop()}.index`) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) process.stderr.write(`checkout of ${gitDir} into ${dir} failed\n`);
}

/**
 * typeorm's tsconfig extends @tsconfig/node20, which only an install would bring; without it our
 * scan stops (a tsconfig extending a missing file is bad input). Its published content, so every
 * tool reads the same options an installed checkout has.
 */
function stubTsconfigBase(dir) {
  const file = join(dir, "node_modules", "@tsconfig", "node20", "tsconfig.json");
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  const base = { compilerOptions: { lib: ["es2023"], module: "node16", target: "es2022", strict: true, esModuleInterop: true, skipLibCheck: true, moduleResolution: "node16" } };
  writeFileSync(file, `${JSON.stringify(base, null, 2)}\n`);
}

const fmt = (n, digits = 2) => (n === undefined ? "-" : n.toFixed(digits));

function row(r) {
  const o = r.tools.ours;
  const m = r.tools.madge;
  const d = r.tools.dpdm;
  const cell = (x) => (x ? `${fmt(x.wall)} s (cpu ${fmt(x.cpu)}) / ${fmt(x.rss, 0)} MiB` : "-");
  const ratio = (x) => (o && x ? `${(x.wall / o.wall).toFixed(1)}x (cpu ${x.cpu && o.cpu ? (x.cpu / o.cpu).toFixed(1) : "-"}x)` : "-");
  const mem = (x) => (o && x ? `${(o.rss / x.rss).toFixed(2)}` : "-");
  const cyc = o?.cycles ? `${o.cycles.set.length}` : "-";
  const agree = [
    r.sameAsMadge === null || r.sameAsMadge === undefined ? null : r.sameAsMadge ? "= madge" : `≠ madge (only ours ${r.onlyOurs}, only madge ${r.onlyMadge})`,
    r.sameAsDpdm === null || r.sameAsDpdm === undefined ? null : r.sameAsDpdm ? "= dpdm" : "≠ dpdm",
    r.sameAsPlanted === undefined ? null : r.sameAsPlanted ? "= planted" : "≠ planted",
  ].filter(Boolean).join(", ");
  return `| ${r.name} | ${r.files} / ${o?.cycles?.modules ?? "-"} | ${cell(o)} | ${cell(m)} | ${cell(d)} | ${ratio(m)} | ${ratio(d)} | ${mem(d)} | ${cyc} | ${agree} |`;
}

const HEADER = [
  "| project | files / our modules | ours wall (cpu) / RSS | madge wall (cpu) / RSS | dpdm wall (cpu) / RSS | madge ÷ ours | dpdm ÷ ours | our RSS ÷ dpdm | modules on runtime cycles (ours) | cycle set |",
  "|---|---|---|---|---|---|---|---|---|---|",
];

mkdirSync(outDir, { recursive: true });
if (!existsSync(join(repo, "dist", "cli", "main.js"))) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(2);
}
const projects = (flag("--real") ? realProjects() : syntheticProjects()).filter((p) => !only || p.name === only);
const results = [];
for (const project of projects) {
  process.stderr.write(`${project.name} (${project.dir})\n`);
  results.push(await benchProject(project));
}
const table = [...HEADER, ...results.map((r) => (r.tools.ours && r.tools.madge && r.tools.dpdm ? row(r) : `| ${r.name} | - |`))].join("\n");
// Every tool against our cold scan: peers as peer ÷ ours (above 1: we are faster), our own
// variants (warm cache, one changed file, 1 or 0 parse workers) as ours ÷ variant.
const wide = [
  `| project | ${tools.join(" | ")} |`,
  `|---|${tools.map(() => "---|").join("")}`,
  ...results.map((r) => {
    const o = r.tools.ours;
    const cells = tools.map((t) => {
      const x = r.tools[t];
      if (!x) return "-";
      const ratio = !o || t === "ours" ? "" : t.startsWith("ours") ? ` (${(o.wall / x.wall).toFixed(1)}x faster than cold)` : ` (${(x.wall / o.wall).toFixed(2)}x ours)`;
      return `${fmt(x.wall)} s, cpu ${fmt(x.cpu)}, ${fmt(x.rss, 0)} MiB${ratio}`;
    });
    return `| ${r.name} (${r.files} files) | ${cells.join(" | ")} |`;
  }),
].join("\n");
console.log(`node ${process.version}, ${runs} run(s) each, wall = median, RSS = max (${hasTime ? "/usr/bin/time -v" : "/proc VmHWM polling"})`);
console.log(table);
console.log("");
console.log(wide);
const json = join(outDir, `results-${flag("--real") ? "real" : `synthetic-${sizes.join("-")}`}${only ? `-${only}` : ""}.json`);
writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
console.log(`details: ${json}`);
