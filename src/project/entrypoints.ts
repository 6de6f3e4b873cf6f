// Entrypoints: --entry, else what package.json says starts the app (bin, main, exports["."], the
// file a start/dev script runs, in the root, each workspace and each apps/* package; nest-cli.json
// projects), mapped from build output back to source, else conventions.
import { existsSync, readFileSync, statSync } from "node:fs";
import { listDir } from "../util/dir-listings.js";
import { InputError } from "../util/errors.js";
import { isInside, isSourceFile, joinPath, resolvePath } from "../util/path.js";
import { checkEntryPath, isReallyInside } from "./confine.js";
import { outputToSource } from "./output-to-source.js";
import { readJsonFile } from "./read-json.js";
import { SCRIPTS_FILES, filesNamedInScriptsFile, filesOfScript, isStartScript, pm2FilesOfScript } from "./script-files.js";
import type { PackageJson, Project, TsConfig } from "./types.js";

export interface FoundEntrypoint {
  file: string;
  source: string;
}

const CONVENTIONS = ["src/index.ts", "src/main.ts", "src/server.ts", "src/app.ts", "index.ts", "src/index.js", "src/main.js", "src/server.js", "index.js", "server.js", "main.ts", "server.ts"];
/** Folders whose packages are apps even when no workspace list names them. */
const APP_FOLDERS = ["apps", "services"];

interface PackageInfo {
  dir: string;
  pkg: PackageJson;
  prefix: string;
  isRoot: boolean;
}

type ConfigFor = (file: string) => TsConfig | null;

export function findEntrypoints(project: Project, explicit: string[], configFor: ConfigFor): FoundEntrypoint[] {
  if (explicit.length > 0) {
    return explicit.map((e) => {
      const file = resolvePath(project.root, e);
      if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(`entry not found: ${e}`);
      checkEntryPath(project.root, e, file);
      return { file, source: "--entry" };
    });
  }
  const found: FoundEntrypoint[] = [];
  const add = (file: string | null, source: string): void => {
    if (file && isSourceFile(file) && isReallyInside(project.root, file) && !found.some((f) => f.file === file)) found.push({ file, source });
  };
  for (const info of packagesOf(project)) {
    const { dir, pkg, prefix, isRoot } = info;
    const toSource = sourceMapper(project, dir, configFor);
    for (const [key, script] of Object.entries(pkg.scripts ?? {})) {
      if (typeof script !== "string" || !isStartScript(key)) continue;
      for (const f of filesOfScript(script)) add(toSource(f.path), `${prefix}#scripts.${key}`);
      for (const f of pm2FilesOfScript(script, dir)) add(toSource(f.path), `${prefix}#scripts.${key}${f.config ? ` (pm2 ${f.config})` : ""}`);
    }
    const bin = typeof pkg.bin === "string" ? { bin: pkg.bin } : (pkg.bin ?? {});
    for (const [name, p] of Object.entries(bin)) if (typeof p === "string") add(toSource(p), `${prefix}#bin.${name}`);
    // A library's main is its entry only for the package being analysed, not for every workspace.
    if (isRoot) {
      if (typeof pkg.main === "string") add(toSource(pkg.main), `${prefix}#main`);
      const dot = exportsDot(pkg.exports);
      if (dot) add(toSource(dot), `${prefix}#exports["."]`);
    }
  }
  for (const nest of nestEntries(project.root)) add(nest.file, nest.source);
  if (found.length > 0) return found;
  for (const c of CONVENTIONS) {
    const file = joinPath(project.root, c);
    if (existsSync(file)) return [{ file, source: `convention (${c})` }];
  }
  return [];
}

/** Files that package.json scripts other than the start scripts run directly (migrate, seed). */
export function filesRunByScripts(project: Project, configFor: ConfigFor): Set<string> {
  const out = new Set<string>();
  for (const { dir, pkg } of packagesOf(project)) {
    const toSource = sourceMapper(project, dir, configFor);
    for (const [key, script] of Object.entries(pkg.scripts ?? {})) {
      if (typeof script !== "string" || isStartScript(key)) continue;
      for (const f of filesOfScript(script)) {
        const file = f.run ? toSource(f.path) : null;
        if (file) out.add(file);
      }
    }
    for (const path of namedInScriptsFiles(dir)) {
      const file = toSource(path);
      if (file) out.add(file);
    }
  }
  return out;
}

/** Files named by a task runner's scripts file beside package.json (nps): scripts that are run. */
function namedInScriptsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of SCRIPTS_FILES) {
    const file = joinPath(dir, name);
    if (!existsSync(file) || !isReallyInside(dir, file)) continue;
    try {
      if (statSync(file).size > 1024 * 1024) continue;
      out.push(...filesNamedInScriptsFile(readFileSync(file, "utf8")));
    } catch {
      // Unreadable: its scripts stay in scope.
    }
  }
  return out;
}

const UI_FRAMEWORKS = ["react-dom", "vue", "svelte", "@angular/core", "solid-js", "preact", "@sveltejs/kit", "next", "nuxt", "@remix-run/react"];
const SERVER_FRAMEWORKS = ["express", "koa", "fastify", "@nestjs/core", "@hapi/hapi", "hapi", "elysia", "hono", "restify", "@adonisjs/core", "@trpc/server", "socket.io", "ws", "@apollo/server", "apollo-server", "graphql-yoga", "bullmq", "bull", "kafkajs", "amqplib"];

/** Package folders that hold a front end: a UI framework among the dependencies and no server framework. */
export function browserPackageDirs(project: Project): string[] {
  return packagesOf(project)
    .filter(({ pkg }) => {
      const deps = { ...(pkg.dependencies as Record<string, string> | undefined), ...(pkg.devDependencies as Record<string, string> | undefined) };
      return UI_FRAMEWORKS.some((d) => d in deps) && !SERVER_FRAMEWORKS.some((d) => d in deps);
    })
    .map(({ dir }) => dir);
}

/** The root package, each workspace, and apps/* or services/* packages no workspace list names. */
export function packagesOf(project: Project): PackageInfo[] {
  const packages: PackageInfo[] = [];
  if (project.packageJson) packages.push({ dir: project.root, pkg: project.packageJson, prefix: "package.json", isRoot: true });
  for (const ws of project.workspaces) packages.push({ dir: ws.dir, pkg: ws.packageJson, prefix: `${ws.name} package.json`, isRoot: false });
  for (const folder of APP_FOLDERS) {
    for (const dir of childDirs(joinPath(project.root, folder))) {
      if (packages.some((p) => p.dir === dir)) continue;
      let pkg: PackageJson | null = null;
      try {
        pkg = readJsonFile<PackageJson>(joinPath(dir, "package.json"), "package.json");
      } catch {
        continue;
      }
      if (pkg) packages.push({ dir, pkg, prefix: `${dir.slice(project.root.length + 1)}/package.json`, isRoot: false });
    }
  }
  return packages;
}

function sourceMapper(project: Project, dir: string, configFor: ConfigFor): (p: string) => string | null {
  return (p) => {
    // `node packages/api/dist/main.js` in the root package maps back through packages/api's config.
    const file = joinPath(dir, p);
    const owner = project.workspaces.find((ws) => isInside(ws.dir, file))?.dir ?? dir;
    return outputToSource(file, owner, configFor(joinPath(owner, "package.json")));
  };
}

interface NestProject {
  type?: string;
  root?: string;
  sourceRoot?: string;
  entryFile?: string;
}

/** `nest start` runs `<sourceRoot>/<entryFile>` of nest-cli.json, and of each application project in a Nest monorepo. */
function nestEntries(root: string): FoundEntrypoint[] {
  let config: (NestProject & { projects?: Record<string, NestProject> }) | null = null;
  try {
    config = readJsonFile(joinPath(root, "nest-cli.json"), "nest-cli.json");
  } catch {
    return [];
  }
  if (!config || typeof config !== "object") return [];
  const out: FoundEntrypoint[] = [];
  const entryOf = (p: NestProject, source: string): void => {
    const base = typeof p.sourceRoot === "string" ? p.sourceRoot : "src";
    const file = outputToSource(joinPath(root, base, typeof p.entryFile === "string" ? p.entryFile : "main"), root, null);
    if (file && isSourceFile(file)) out.push({ file, source });
  };
  entryOf(config, "nest-cli.json#sourceRoot");
  for (const [name, p] of Object.entries(config.projects ?? {})) {
    if (p && typeof p === "object" && p.type === "application") entryOf(p, `nest-cli.json#projects.${name}`);
  }
  return out;
}

function childDirs(dir: string): string[] {
  try {
    return listDir(dir)
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules")
      .map((e) => joinPath(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}

function exportsDot(exportsField: unknown): string | null {
  if (typeof exportsField === "string") return exportsField;
  if (!exportsField || typeof exportsField !== "object" || Array.isArray(exportsField)) return null;
  const record = exportsField as Record<string, unknown>;
  const target = "." in record ? record["."] : Object.keys(record).some((k) => k.startsWith(".")) ? null : record;
  return pickCondition(target);
}

function pickCondition(target: unknown): string | null {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) return pickCondition(target[0]);
  if (!target || typeof target !== "object") return null;
  const record = target as Record<string, unknown>;
  for (const c of ["source", "import", "node", "default", "require"]) {
    const v = pickCondition(record[c]);
    if (v) return v;
  }
  return null;
}
