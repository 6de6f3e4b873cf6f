// What users run: `npm pack`, install the tarball into an empty folder, `npx startup-doctor`.
// Needs `npm run build` first (npm test does it); the npm registry or cache supplies the deps.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { after, before, test } from "node:test";
import type { ReportV1 } from "../../src/report/types.ts";
import { repoRoot } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";

const work = mkdtempSync(`${tmpdir()}/sd-pack-`);
const app = `${work}/app`;
const env = { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
const { version } = JSON.parse(readFileSync(`${repoRoot}/package.json`, "utf8")) as { version: string };
let packed: string[] = [];

function run(cmd: string, args: string[], cwd: string, timeout = 180_000): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const npx = (...args: string[]): { code: number | null; stdout: string; stderr: string } => run("npx", ["--no-install", "startup-doctor", ...args], app, 60_000);

before(() => {
  // --ignore-scripts: dist is already built; a second tsc run would race the other test files.
  const pack = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], repoRoot);
  assert.equal(pack.code, 0, pack.stderr);
  packed = (JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  assert.ok(tarball, "npm pack wrote no tarball");
  mkdirSync(app);
  writeFileSync(`${app}/package.json`, '{ "name": "empty-app", "private": true }\n');
  const install = run("npm", ["install", `${work}/${tarball}`, "--prefer-offline", "--no-audit", "--no-fund"], app);
  assert.equal(install.code, 0, install.stderr);
});
after(() => rmSync(work, { recursive: true, force: true }));

test("the tarball holds bin, dist and package.json, and no sources, tests or fixtures", { timeout: 240_000 }, () => {
  assert.ok(packed.includes("bin/startup-doctor.js"));
  assert.ok(packed.includes("dist/cli/main.js"));
  assert.ok(packed.includes("LICENSE"));
  assert.ok(packed.includes("dist/index.d.ts"), "the Node API ships its types");
  assert.ok(packed.includes("dist/probe/preload/node.js"), "the probe's preload runs from the package at run time");
  assert.deepEqual(packed.filter((p) => /^(src|test|fixtures|bench)\//.test(p)), []);
});

/** Package folders under node_modules (scoped ones count once), nested ones included. */
function installedPackages(dir: string): string[] {
  const found: string[] = [];
  const walk = (modules: string, prefix: string): void => {
    let names: string[];
    try {
      names = readdirSync(modules);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith(".")) continue;
      if (name.startsWith("@")) {
        for (const inner of readdirSync(`${modules}/${name}`)) add(`${modules}/${name}/${inner}`, `${prefix}${name}/${inner}`);
      } else add(`${modules}/${name}`, `${prefix}${name}`);
    }
  };
  const add = (path: string, shown: string): void => {
    if (!existsSync(`${path}/package.json`)) return;
    found.push(shown);
    walk(`${path}/node_modules`, `${shown}>`);
  };
  walk(`${dir}/node_modules`, "");
  return found.sort();
}

test("the install is lean: at most 40 packages, no test oracle (madge, dpdm) among them", { timeout: 60_000 }, () => {
  const packages = installedPackages(app);
  assert.ok(packages.length <= 40, `${packages.length} packages: ${packages.join(", ")}`);
  for (const oracle of ["madge", "dpdm", "ajv", "bun"]) assert.ok(!packages.includes(oracle), `${oracle} is installed`);
  const manifest = JSON.parse(readFileSync(`${app}/node_modules/startup-doctor/package.json`, "utf8")) as { license: string; repository?: { url: string }; exports?: unknown };
  assert.equal(manifest.license, "MIT");
  assert.match(manifest.repository?.url ?? "", /github\.com\/startup-doctor\/startup-doctor/);
});

test("a TypeScript file importing the Node API type-checks against the shipped types and runs a scan", { timeout: 120_000 }, () => {
  writeFileSync(`${app}/tsconfig.json`, JSON.stringify({ compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, outDir: "out", types: [], skipLibCheck: false } }));
  const dir = fixture("graph", "barrel-cycle");
  writeFileSync(
    `${app}/consumer.ts`,
    [
      'import { scan, exitCode, render, InputError, type ReportV1, type ReportFinding } from "startup-doctor";',
      `const report: ReportV1 = await scan({ dir: ${JSON.stringify(dir)} });`,
      'const cycles: ReportFinding[] = report.findings.filter((f) => f.rule === "import-cycle");',
      "// @ts-expect-error the report's version is the literal 1: the types are real, not any",
      "const wrong: ReportV1[\"version\"] = 2;",
      'const pretty: string = await render(report, "pretty");',
      "let missing = \"\";",
      `try { await scan({ dir: ${JSON.stringify(`${dir}/no-such-folder`)} }); } catch (error) { if (error instanceof InputError) missing = error.message; }`,
      'console.log(JSON.stringify({ cycles: cycles.map((f) => [f.file, f.line]), exit: exitCode(report, "info"), pretty: pretty.split("\\n")[0], missing, wrong }));',
      "",
    ].join("\n"),
  );
  writeFileSync(`${app}/package.json`, '{ "name": "empty-app", "private": true, "type": "module" }\n');
  const tsc = run(`${app}/node_modules/.bin/tsc`, ["-p", "."], app);
  assert.equal(tsc.code, 0, tsc.stdout + tsc.stderr);
  const r = run(process.execPath, ["out/consumer.js"], app);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    cycles: [["src/services/user.ts", 2]],
    exit: 1,
    pretty: `startup-doctor scan ${dir}`,
    missing: `no such directory: ${dir}/no-such-folder`,
    wrong: 2,
  });
});

test("npx startup-doctor --version and --help answer from the installed tarball", { timeout: 120_000 }, () => {
  const v = npx("--version");
  assert.equal(v.code, 0, v.stderr);
  assert.equal(v.stdout, `${version}\n`);
  const h = npx("--help");
  assert.equal(h.code, 0, h.stderr);
  for (const command of ["scan", "probe", "check", "graph", "explain", "init"]) assert.match(h.stdout, new RegExp(`\\n  ${command} `));
});

test("npx startup-doctor scan <fixture> finds the fixture's cycle; SARIF goes to a file", { timeout: 120_000 }, () => {
  const r = npx("scan", fixture("graph", "barrel-cycle"), "--format", "json", "--output", `${work}/out.json`, "--format", "sarif", "--output", `${work}/out.sarif`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  const report = JSON.parse(readFileSync(`${work}/out.json`, "utf8")) as ReportV1;
  assert.deepEqual(report.findings.map((f) => [f.rule, f.file, f.line]), [["import-cycle", "src/services/user.ts", 2]]);
  assert.equal((JSON.parse(readFileSync(`${work}/out.sarif`, "utf8")) as { version: string }).version, "2.1.0");
});

test("npx startup-doctor check <fixture> probes with the installed package's own tsx", { timeout: 120_000 }, () => {
  const r = npx("check", fixture("probe", "ok"), "--format", "json", "--timeout", "8000");
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as ReportV1;
  assert.deepEqual(report.probes.map((p) => [p.entry, p.status]), [["src/index.ts", "ok"]]);
});
