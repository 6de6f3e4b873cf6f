import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync } from "node:fs";
import { test } from "node:test";
import madge from "madge";
import { repoRoot } from "../helpers/cli.js";
import { scan } from "../../src/run/scan.js";

// madge is what users know: on every fixture project, the modules madge (type imports skipped)
// puts on cycles must equal the union of our runtime-cycle components, or the difference is
// exactly the one named here, with the reason madge sees it otherwise.
interface KnownDifference {
  reason: string;
  onlyMadge: string[];
  onlyOurs: string[];
}

const KNOWN: Record<string, KnownDifference> = {
  "graph/cjs-require-cycle": {
    reason: "madge follows require() inside a function, and finds no imports at all in .cts files (`import x = require()`)",
    onlyMadge: ["lib/loader.cjs", "lib/plugins.cjs"],
    onlyOurs: ["src/handlers.cts", "src/registry.cts"],
  },
  "graph/decorator-metadata": {
    reason: "madge does not elide imports used only as types (only `import type`), and knows nothing of emitDecoratorMetadata",
    onlyMadge: ["with-metadata/src/plain.ts", "without-metadata/src/plain.ts", "without-metadata/src/repo.ts", "without-metadata/src/service.ts"],
    onlyOurs: [],
  },
  "graph/js-specifier-to-ts": {
    reason: "madge resolves `./table.js` to the declaration file table.d.ts beside it, not to the JavaScript that runs",
    onlyMadge: [],
    onlyOurs: ["src/gen/columns.ts", "src/gen/table.js"],
  },
  "graph/lazy-dynamic-cycle": {
    reason: "madge follows import() wherever it is written, also inside handlers, callbacks and instance initializers",
    onlyMadge: [
      "src/handler/a.ts",
      "src/handler/b.ts",
      "src/instance-property/a.ts",
      "src/instance-property/b.ts",
      "src/main-callback/a.ts",
      "src/main-callback/b.ts",
      "src/method-named-like-startup/a.ts",
      "src/method-named-like-startup/b.ts",
      "src/timer-callback/a.ts",
      "src/timer-callback/b.ts",
    ],
    onlyOurs: [],
  },
  "graph/mts-cts-mix": {
    reason: "madge finds no imports in .mts and .cts files",
    onlyMadge: [],
    onlyOurs: ["src/helper.cts", "src/main.mts"],
  },
  "graph/package-imports": {
    reason: "madge cannot resolve a package.json `imports` alias whose target names the .js output of a .ts file",
    onlyMadge: [],
    onlyOurs: ["legacy/src/main.ts", "legacy/src/util.ts"],
  },
  "graph/value-usage": {
    reason: "madge does not elide imports used only as types (only `import type`)",
    onlyMadge: [
      "src/assertion/x.ts",
      "src/assertion/y.ts",
      "src/declare/x.ts",
      "src/declare/y.ts",
      "src/empty-import/x.ts",
      "src/empty-import/y.ts",
      "src/empty-reexport/x.ts",
      "src/empty-reexport/y.ts",
      "src/implements/x.ts",
      "src/implements/y.ts",
      "src/property-name/x.ts",
      "src/property-name/y.ts",
      "src/type-arguments/x.ts",
      "src/type-arguments/y.ts",
      "src/typeof-type/x.ts",
      "src/typeof-type/y.ts",
      "src/unused/x.ts",
      "src/unused/y.ts",
    ],
    onlyOurs: [],
  },
  "graph/compiler-elision": {
    reason: "madge (tsc-style detective) keeps an import used only in a computed key of a type; esbuild, which runs the esbuild/ half, drops it (only the tsc/ half, built with emitDecoratorMetadata, keeps the edge)",
    onlyMadge: ["src/esbuild/keys.ts", "src/esbuild/shape.ts"],
    onlyOurs: [],
  },
  "graph/cycle-output": {
    reason: "madge follows the import() inside lazy-a's exported async function, which runs only when it is called",
    onlyMadge: ["src/lazy-a.ts", "src/lazy-b.ts"],
    onlyOurs: [],
  },
  "graph/verbatim-module-syntax": {
    reason: "madge skips `import { type X }` even under verbatimModuleSyntax, where it stays a side-effect import",
    onlyMadge: [],
    onlyOurs: ["src/billing/invoice.ts", "src/billing/order.ts"],
  },
  "graph/pnpm-workspace-flow": {
    reason: "madge cannot resolve pnpm workspace packages without node_modules links",
    onlyMadge: [],
    onlyOurs: ["packages/core/src/index.ts", "packages/util/src/index.ts"],
  },
  "graph/workspaces-cycle": {
    reason: "madge cannot resolve workspace packages without node_modules links, nor per-package tsconfig `paths`",
    onlyMadge: [],
    onlyOurs: ["packages/a/src/index.ts", "packages/b/src/index.ts", "packages/b/src/models/line.ts", "packages/b/src/models/order.ts"],
  },
  "incident/streaming-metrics-fixed": {
    reason: "madge follows the import() written inside the request handler, which runs only after startup (that move is the fix)",
    onlyMadge: ["src/app.ts", "src/metrics/registry.ts", "src/routes/index.ts", "src/web/ui/routes/streaming-metrics.routes.ts"],
    onlyOurs: [],
  },
  "rules/tdz-risk/cycles": {
    reason: "madge does not follow `export * from \"./base\"` in the models barrel, the edge that puts base.ts on the loop",
    onlyMadge: [],
    onlyOurs: ["src/extends/models/base.ts"],
  },
  "rules/tla-deadlock/entries": {
    reason: "madge follows import() inside functions: a handler's (clean), and ones the graph marks lazy because only another module's top-level await calls them (the tla-deadlock rule follows those calls)",
    onlyMadge: ["src/clean/handlers.ts", "src/clean/heavy.ts", "src/scc-member/late.ts", "src/via-function/metrics.ts", "src/via-function/plugins.ts"],
    onlyOurs: [],
  },
  "probe/unsettled": {
    reason: "madge follows the import() inside r.mjs's go(); statically that import is lazy (it is the one the probe shows deadlocking)",
    onlyMadge: ["m.mjs"],
    onlyOurs: [],
  },
};

// Bad-input fixtures are about errors and warnings, not about cycles.
const SKIPPED_AREAS = new Set(["input"]);
const EXTENSIONS = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];

/** Fixture projects: a folder with package.json, tsconfig.json or source files of its own. */
function fixtureProjects(): string[] {
  const base = `${repoRoot}/fixtures`;
  const found: string[] = [];
  const stack = readdirSync(base)
    .filter((area) => !SKIPPED_AREAS.has(area))
    .map((area) => `${area}`);
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const dir = `${base}/${rel}`;
    if (!statSync(dir).isDirectory()) continue;
    const entries = readdirSync(dir);
    const isProject =
      rel.includes("/") && (entries.includes("package.json") || entries.includes("tsconfig.json") || entries.some((e) => EXTENSIONS.some((x) => e.endsWith(`.${x}`))));
    if (isProject) found.push(rel);
    else if (rel.split("/").length < 3) stack.push(...entries.map((e) => `${rel}/${e}`));
  }
  return found.sort();
}

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort();

async function madgeCycleModules(dir: string): Promise<string[]> {
  const result = await madge(dir, {
    baseDir: dir,
    fileExtensions: EXTENSIONS,
    ...(existsSync(`${dir}/tsconfig.json`) ? { tsConfig: `${dir}/tsconfig.json` } : {}),
    detectiveOptions: { ts: { skipTypeImports: true }, tsx: { skipTypeImports: true }, es6: { skipTypeImports: true } },
  });
  return sorted(result.circular().flat());
}

async function ourRuntimeCycleModules(dir: string): Promise<string[]> {
  const report = await scan({ dir });
  return sorted(report.cycles.filter((c) => c.runtime).flatMap((c) => c.component ?? c.modules));
}

const projects = fixtureProjects();

test("the oracle sees the graph fixtures", () => {
  for (const name of ["graph/type-only-cycle", "graph/barrel-cycle", "graph/workspaces-cycle", "graph/cjs-require-cycle"]) assert.ok(projects.includes(name), name);
  for (const name of Object.keys(KNOWN)) assert.ok(projects.includes(name), `KNOWN lists a fixture that does not exist: ${name}`);
});

for (const name of projects) {
  test(`madge agrees on ${name}${KNOWN[name] ? ` except: ${KNOWN[name].reason}` : ""}`, async () => {
    const dir = `${repoRoot}/fixtures/${name}`;
    const theirs = await madgeCycleModules(dir);
    const ours = await ourRuntimeCycleModules(dir);
    const difference = { onlyMadge: theirs.filter((m) => !ours.includes(m)), onlyOurs: ours.filter((m) => !theirs.includes(m)) };
    const known = KNOWN[name];
    if (!known) {
      assert.deepEqual(difference, { onlyMadge: [], onlyOurs: [] }, `${name}: madge and startup-doctor differ; fix the graph or add a documented reason to KNOWN`);
      return;
    }
    assert.deepEqual(difference, { onlyMadge: known.onlyMadge, onlyOurs: known.onlyOurs });
  });
}
