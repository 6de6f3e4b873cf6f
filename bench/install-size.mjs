// What a user's install costs: `npm pack`, then `npm install <tarball>` into an empty folder, timed
// (wall clock, median of --runs, each into a fresh folder; the npm cache is warm after the first),
// with the packages installed, their size on disk and the tarball's size.
// Usage: npm run build && node bench/install-size.mjs [--runs 3]
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] || 3);
const env = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
const work = mkdtempSync(join(tmpdir(), "sd-install-"));

const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: repo, env, encoding: "utf8" });
if (pack.status !== 0) throw new Error(pack.stderr);
const [{ filename, size, unpackedSize, entryCount }] = JSON.parse(pack.stdout);
const tarball = join(work, filename);

/** Bytes on disk as `du` counts them (links once), else the sum of file sizes. */
function diskSize(path) {
  const du = spawnSync("du", ["-sk", path], { encoding: "utf8" });
  if (du.status === 0) return Number(du.stdout.split("\t")[0]) * 1024;
  return apparentSize(path);
}

function apparentSize(path) {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + apparentSize(join(path, name)), 0);
}

function packages(modules, prefix = "") {
  if (!existsSync(modules)) return [];
  return readdirSync(modules)
    .filter((n) => !n.startsWith("."))
    .flatMap((n) => (n.startsWith("@") ? readdirSync(join(modules, n)).map((m) => `${n}/${m}`) : [n]))
    .filter((n) => existsSync(join(modules, n, "package.json")))
    .flatMap((n) => [`${prefix}${n}`, ...packages(join(modules, n, "node_modules"), `${prefix}${n}>`)]);
}

const times = [];
let installed = [];
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const app = join(work, `app${i}`);
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{ "name": "empty-app", "private": true }\n');
  const started = process.hrtime.bigint();
  const install = spawnSync("npm", ["install", tarball, "--no-audit", "--no-fund"], { cwd: app, env, encoding: "utf8" });
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (install.status !== 0) throw new Error(install.stderr);
  installed = packages(join(app, "node_modules"));
  bytes = diskSize(join(app, "node_modules"));
}
times.sort((a, b) => a - b);
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
console.log(`tarball ${filename}: ${mb(size)} packed, ${mb(unpackedSize)} unpacked, ${entryCount} files`);
console.log(`install into an empty folder: median ${(times[Math.floor(times.length / 2)] / 1000).toFixed(1)} s of ${runs} (${times.map((t) => (t / 1000).toFixed(1)).join(", ")} s)`);
console.log(`${installed.length} packages, ${mb(bytes)} in node_modules: ${installed.join(", ")}`);
rmSync(work, { recursive: true, force: true });
