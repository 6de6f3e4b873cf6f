// Program selection as a table: a project's start script (and build state) in, the command the
// probe runs, its transform and environment out.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { planProbe, type ProbePlan } from "../../src/probe/plan/index.ts";

const TSCONFIG = JSON.stringify({ compilerOptions: { module: "commonjs", outDir: "dist", rootDir: "src", sourceMap: true }, include: ["src"] });
const DECORATORS = JSON.stringify({ compilerOptions: { module: "commonjs", outDir: "dist", rootDir: "src", experimentalDecorators: true, emitDecoratorMetadata: true }, include: ["src"] });
const SOURCES = { "src/main.ts": "import './app';\n", "src/app.ts": "export {};\n" };
const BUILT = { "dist/main.js": "require('./app');\n//# sourceMappingURL=main.js.map\n", "dist/main.js.map": "{}", "dist/app.js": "\n" };

interface Case {
  name: string;
  scripts?: Record<string, string>;
  files?: Record<string, string>;
  /** Build output newer than the sources (true), older (false), or absent (undefined). */
  fresh?: boolean;
  entry?: string;
  expect: Partial<Pick<ProbePlan, "transform" | "display" | "warnings" | "differsFromStart" | "decoratorMetadata">> & { env?: Record<string, string> };
}

const CASES: Case[] = [
  {
    name: "an env assignment and node running fresh build output",
    scripts: { start: "NODE_ENV=production node dist/main.js" },
    fresh: true,
    expect: { transform: "compiled-output", display: "NODE_ENV=production node --enable-source-maps dist/main.js", env: { NODE_ENV: "production" }, warnings: [] },
  },
  {
    name: "cross-env, a -r preload and an extensionless file",
    scripts: { start: "cross-env NODE_ENV=production PORT=3000 node -r tsconfig-paths/register dist/main" },
    fresh: true,
    expect: { transform: "compiled-output", display: "NODE_ENV=production PORT=3000 node --enable-source-maps -r tsconfig-paths/register dist/main.js", env: { NODE_ENV: "production", PORT: "3000" } },
  },
  {
    name: "a build step before the start is never run",
    scripts: { start: "npm run build && node --env-file .env dist/main.js 2>&1 | pino-pretty", build: "tsc" },
    fresh: true,
    expect: { transform: "compiled-output", display: "node --enable-source-maps --env-file .env dist/main.js", warnings: ["scripts.start first runs `npm run build`; the probe never runs build or setup steps"] },
  },
  {
    name: "npm start -> npm run start:prod",
    scripts: { start: "npm run start:prod", "start:prod": "node dist/main" },
    fresh: true,
    expect: { transform: "compiled-output", display: "node --enable-source-maps dist/main.js" },
  },
  {
    name: "stale build output falls back to TypeScript's own emit, with a warning",
    scripts: { start: "node dist/main.js" },
    fresh: false,
    expect: {
      transform: "typescript",
      display: "node --import startup-doctor/transpile src/main.ts",
      warnings: ["scripts.start runs node dist/main.js, but dist/app.js is older than src/app.ts: ran the source through TypeScript's transpileModule instead (startup-doctor never builds)"],
    },
  },
  {
    name: "nest start with an up-to-date dist runs dist/main.js",
    scripts: { start: "nest start", build: "nest build" },
    files: { "nest-cli.json": JSON.stringify({ sourceRoot: "src" }) },
    fresh: true,
    expect: { transform: "compiled-output", display: "node --enable-source-maps dist/main.js" },
  },
  {
    name: "nest start without a build compiles as tsc would",
    scripts: { start: "nest start --watch" },
    files: { "nest-cli.json": JSON.stringify({ sourceRoot: "src" }), "tsconfig.json": DECORATORS },
    expect: { transform: "typescript", display: "node --import startup-doctor/transpile src/main.ts" },
  },
  {
    name: "ts-node is faithful to tsc: TypeScript's transpileModule, its -r kept",
    scripts: { start: "ts-node -T -r tsconfig-paths/register src/main.ts" },
    expect: { transform: "typescript", display: "node --import startup-doctor/transpile -r tsconfig-paths/register src/main.ts", warnings: ["not passed on from scripts.start: -T (the probe runs the program once)"] },
  },
  {
    name: "node -r ts-node/register is ts-node",
    scripts: { start: "node -r ts-node/register/transpile-only -r dotenv/config src/main.ts" },
    expect: { transform: "typescript", display: "node --import startup-doctor/transpile -r dotenv/config src/main.ts" },
  },
  {
    name: "tsx watch keeps tsx and its node flags, drops watch mode",
    scripts: { start: "tsx watch --env-file=.env src/main.ts" },
    expect: { transform: "tsx", display: "node --import tsx --env-file=.env src/main.ts", warnings: ["not passed on from scripts.start: watch mode (the probe runs the program once)"] },
  },
  {
    name: "tsx on a decorator-metadata project is probed as started, with a warning",
    scripts: { start: "node --import tsx src/main.ts" },
    files: { "tsconfig.json": DECORATORS },
    expect: { transform: "tsx", display: "node --import tsx src/main.ts", decoratorMetadata: false, warnings: ["scripts.start runs tsx, which emits no decorator metadata although tsconfig.json sets emitDecoratorMetadata: probed as started"] },
  },
  {
    name: "dotenv -e loads its file without overriding the environment",
    scripts: { start: "dotenv -e .env.production -- node dist/main.js" },
    files: { ".env.production": "FROM_FILE=yes\nPATH=/nowhere\n" },
    fresh: true,
    expect: { transform: "compiled-output", display: "node --enable-source-maps dist/main.js", env: { FROM_FILE: "yes" } },
  },
  {
    name: "nodemon --exec ts-node",
    scripts: { start: "nodemon --watch src --exec 'ts-node src/main.ts'" },
    expect: { transform: "typescript", display: "node --import startup-doctor/transpile src/main.ts" },
  },
  {
    name: "nodemon on a .ts file runs ts-node (its execMap)",
    scripts: { start: "nodemon src/main.ts" },
    expect: { transform: "typescript", display: "node --import startup-doctor/transpile src/main.ts" },
  },
  {
    name: "a debugger flag is dropped",
    scripts: { start: "node --inspect=0.0.0.0:9229 --max-old-space-size=512 dist/main.js" },
    fresh: true,
    expect: { transform: "compiled-output", display: "node --enable-source-maps --max-old-space-size=512 dist/main.js", warnings: ["not passed on from scripts.start: --inspect=0.0.0.0:9229 (the probe runs the program once)"] },
  },
  {
    name: "a compiler the probe does not emulate is named as a difference",
    scripts: { start: "node -r @swc/register src/main.ts" },
    files: { "tsconfig.json": DECORATORS },
    expect: { transform: "typescript", differsFromStart: "scripts.start compiles with swc; the probe compiled with TypeScript" },
  },
  {
    name: "no start script, decorator metadata: TypeScript's own emit",
    files: { "tsconfig.json": DECORATORS },
    expect: { transform: "typescript", display: "node --import startup-doctor/transpile src/main.ts", decoratorMetadata: true },
  },
  {
    name: "no start script, no decorator metadata: tsx",
    expect: { transform: "tsx", display: "node --import tsx src/main.ts", decoratorMetadata: undefined },
  },
  {
    name: "a start script that runs another file does not apply to this entry",
    scripts: { start: "NODE_ENV=production node scripts/other.js" },
    files: { "scripts/other.js": "" },
    expect: { transform: "tsx", display: "node --import tsx src/main.ts", env: {} },
  },
  {
    name: "a workspace package's own start script runs in its folder",
    entry: "packages/api/src/main.ts",
    fresh: true,
    files: {
      "packages/api/package.json": JSON.stringify({ name: "api", scripts: { start: "NODE_ENV=production node dist/main.js" } }),
      "packages/api/tsconfig.json": TSCONFIG,
      "packages/api/src/main.ts": "export {};\n",
      "packages/api/dist/main.js": "//# sourceMappingURL=main.js.map\n",
      "packages/api/dist/main.js.map": "{}",
    },
    expect: { transform: "compiled-output", display: "cd packages/api && NODE_ENV=production node --enable-source-maps dist/main.js", env: { NODE_ENV: "production" } },
  },
  {
    name: "npm start's default: node server.js",
    entry: "server.js",
    files: { "server.js": "" },
    expect: { transform: "none", display: "node server.js" },
  },
];

function project(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), "sd-plan-"));
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG, ...SOURCES, ...(c.fresh === undefined ? {} : BUILT), ...c.files };
  files["package.json"] = JSON.stringify({ name: "app", scripts: c.scripts ?? {} });
  const now = Date.now() / 1000;
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
    const age = /(^|\/)dist\//.test(name) === (c.fresh === true) ? 0 : -60;
    utimesSync(join(dir, name), now + age, now + age);
  }
  return dir;
}

for (const c of CASES) {
  test(`plan: ${c.name}`, () => {
    const root = project(c);
    try {
      const plan = planProbe({ root, entry: c.entry ?? "src/main.ts", runtime: "node", bunPath: null, env: {} });
      const { env, ...rest } = c.expect;
      const picked = Object.fromEntries(Object.keys(rest).map((key) => [key, plan[key as keyof ProbePlan]]));
      assert.deepEqual(picked, rest);
      if (env) assert.deepEqual(Object.fromEntries(Object.entries(plan.env).filter(([key]) => !key.startsWith("STARTUP_DOCTOR_"))), env);
      assert.equal(plan.cwd, c.entry?.startsWith("packages/api/") ? join(root, "packages/api") : root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test("plan: the user's --env wins over the start script's assignments", () => {
  const c: Case = { name: "", scripts: { start: "NODE_ENV=production PORT=80 node dist/main.js" }, fresh: true, expect: {} };
  const root = project(c);
  try {
    const plan = planProbe({ root, entry: "src/main.ts", runtime: "node", bunPath: null, env: { PORT: "1" } });
    assert.deepEqual(plan.env, { NODE_ENV: "production", PORT: "1" });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("plan: a Bun start script keeps bun and its environment", () => {
  const c: Case = { name: "", scripts: { start: "NODE_ENV=production bun run src/main.ts" }, expect: {} };
  const root = project(c);
  try {
    const plan = planProbe({ root, entry: "src/main.ts", runtime: "bun", bunPath: "/opt/bun/bin/bun", env: {} });
    assert.deepEqual([plan.command, plan.transform, plan.display, plan.env], ["/opt/bun/bin/bun", "bun", "NODE_ENV=production bun src/main.ts", { NODE_ENV: "production" }]);
    assert.equal(plan.args.at(-1), join(root, "src/main.ts"));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
