// A workspace package resolves to its source, not to its build output or a node_modules link,
// so cycles that cross packages are seen.
import { existsSync } from "node:fs";
import { joinPath } from "../util/path.js";
import { outputToSource, withSourceExtension } from "../project/output-to-source.js";
import type { TsConfig, WorkspacePackage } from "../project/types.js";

const CONDITIONS = ["source", "types", "import", "module", "node", "require", "default"];

export function splitPackageName(specifier: string): [string, string] | null {
  const m = /^((?:@[^/]+\/)?[^/@][^/]*)(\/.*)?$/.exec(specifier);
  return m ? [m[1], m[2] ? `.${m[2]}` : "."] : null;
}

export function resolveWorkspaceSpecifier(
  specifier: string,
  workspaces: Map<string, WorkspacePackage>,
  configOf: (dir: string) => TsConfig | null,
): string | null | undefined {
  const parts = splitPackageName(specifier);
  const ws = parts ? workspaces.get(parts[0]) : undefined;
  if (!parts || !ws) return undefined;
  const [, subpath] = parts;
  const config = configOf(ws.dir);
  const candidates: string[] = [];
  const fromExports = exportTarget(ws.packageJson.exports, subpath);
  if (fromExports) candidates.push(...fromExports);
  if (subpath === ".") {
    for (const field of ["source", "types", "typings", "module", "main"] as const) {
      const v = ws.packageJson[field];
      if (typeof v === "string") candidates.push(v);
    }
    candidates.push("src/index", "index");
  } else {
    candidates.push(subpath, `src/${subpath.slice(2)}`);
  }
  for (const candidate of candidates) {
    const abs = joinPath(ws.dir, candidate);
    const found = outputToSource(abs, ws.dir, config) ?? withIndex(abs);
    if (found) return found;
  }
  return null;
}

function withIndex(abs: string): string | null {
  for (const ext of [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs"]) {
    if (existsSync(abs + ext)) return abs + ext;
    if (existsSync(`${abs}/index${ext}`)) return `${abs}/index${ext}`;
  }
  return null;
}

/** Targets of `exports` for a subpath, all conditions in a sensible preference order. */
function exportTarget(exportsField: unknown, subpath: string): string[] | null {
  if (exportsField === undefined || exportsField === null) return null;
  if (typeof exportsField === "string" || Array.isArray(exportsField)) return subpath === "." ? flattenTarget(exportsField) : null;
  const record = exportsField as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!keys.some((k) => k.startsWith("."))) return subpath === "." ? flattenTarget(record) : null;
  if (record[subpath] !== undefined) return flattenTarget(record[subpath]);
  for (const key of keys) {
    const star = key.indexOf("*");
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix)) {
      const middle = subpath.slice(prefix.length, subpath.length - suffix.length);
      return flattenTarget(record[key]).map((t) => t.split("*").join(middle));
    }
  }
  return null;
}

function flattenTarget(target: unknown): string[] {
  if (typeof target === "string") return [target];
  if (Array.isArray(target)) return target.flatMap(flattenTarget);
  if (target && typeof target === "object") {
    const record = target as Record<string, unknown>;
    const ordered = [...CONDITIONS.filter((c) => c in record), ...Object.keys(record).filter((k) => !CONDITIONS.includes(k))];
    return ordered.flatMap((c) => flattenTarget(record[c]));
  }
  return [];
}
