// Entrypoints: --entry, else what package.json says starts the app (bin, main, exports["."], the
// file a start/dev script runs), mapped from build output back to source, else conventions.
import { existsSync, statSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { isInside, isSourceFile, joinPath, resolvePath } from "../util/path.js";
import { outputToSource } from "./output-to-source.js";
import type { PackageJson, Project, TsConfig } from "./types.js";

export interface FoundEntrypoint {
  file: string;
  source: string;
}

const CONVENTIONS = ["src/index.ts", "src/main.ts", "src/server.ts", "src/app.ts", "index.ts", "src/index.js", "src/main.js", "src/server.js", "index.js", "server.js", "main.ts", "server.ts"];
const SCRIPT_KEYS = ["start", "dev", "serve", "start:dev"];

export function findEntrypoints(project: Project, explicit: string[], configFor: (file: string) => TsConfig | null): FoundEntrypoint[] {
  if (explicit.length > 0) {
    return explicit.map((e) => {
      const file = resolvePath(project.root, e);
      if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(`entry not found: ${e}`);
      return { file, source: "--entry" };
    });
  }
  const found: FoundEntrypoint[] = [];
  const add = (file: string | null, source: string): void => {
    if (file && isSourceFile(file) && !found.some((f) => f.file === file)) found.push({ file, source });
  };
  const packages: Array<{ dir: string; pkg: PackageJson; prefix: string; isRoot: boolean }> = [];
  if (project.packageJson) packages.push({ dir: project.root, pkg: project.packageJson, prefix: "package.json", isRoot: true });
  for (const ws of project.workspaces) packages.push({ dir: ws.dir, pkg: ws.packageJson, prefix: `${ws.name} package.json`, isRoot: false });
  for (const { dir, pkg, prefix, isRoot } of packages) {
    const toSource = (p: string): string | null => {
      // `node packages/api/dist/main.js` in the root package maps back through packages/api's config.
      const file = joinPath(dir, p);
      const owner = project.workspaces.find((ws) => isInside(ws.dir, file))?.dir ?? dir;
      return outputToSource(file, owner, configFor(joinPath(owner, "package.json")));
    };
    for (const key of SCRIPT_KEYS) {
      const script = pkg.scripts?.[key];
      if (script) for (const f of filesInScript(script)) add(toSource(f), `${prefix}#scripts.${key}`);
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
  if (found.length > 0) return found;
  for (const c of CONVENTIONS) {
    const file = joinPath(project.root, c);
    if (existsSync(file)) return [{ file, source: `convention (${c})` }];
  }
  return [];
}

/** Files a start script runs: `bun src/index.ts`, `tsx watch src/server.ts`, `node dist/main.js`. */
export function filesInScript(script: string): string[] {
  const files: string[] = [];
  for (const command of script.split(/&&|\|\||;|\|/)) {
    for (const token of command.trim().split(/\s+/)) {
      const clean = token.replace(/^['"]|['"]$/g, "");
      if (/^[\w./@-]+\.(?:[cm]?[jt]sx?)$/.test(clean) && !clean.startsWith("-") && !/config\./.test(clean)) files.push(clean.replace(/^\.\//, ""));
    }
  }
  return files;
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
