// npm/yarn (`workspaces` in package.json) and pnpm (pnpm-workspace.yaml) workspace packages.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { joinPath } from "../util/path.js";
import { readJsonFile } from "./read-json.js";
import type { PackageJson, WorkspacePackage } from "./types.js";

export function findWorkspaces(root: string, pkg: PackageJson | null): WorkspacePackage[] {
  const patterns = [...workspacePatterns(pkg), ...pnpmPatterns(root)];
  if (patterns.length === 0) return [];
  const include = patterns.filter((p) => !p.startsWith("!"));
  const exclude = new Set(patterns.filter((p) => p.startsWith("!")).flatMap((p) => expandPattern(root, p.slice(1))));
  const dirs = [...new Set(include.flatMap((p) => expandPattern(root, p)))].filter((d) => !exclude.has(d)).sort();
  const packages: WorkspacePackage[] = [];
  for (const dir of dirs) {
    const json = readJsonFile<PackageJson>(joinPath(dir, "package.json"), "package.json");
    if (json?.name) packages.push({ name: json.name, dir, packageJson: json });
  }
  return packages;
}

function workspacePatterns(pkg: PackageJson | null): string[] {
  const ws = pkg?.workspaces;
  if (Array.isArray(ws)) return ws.filter((w): w is string => typeof w === "string");
  if (ws && Array.isArray(ws.packages)) return ws.packages.filter((w): w is string => typeof w === "string");
  return [];
}

/** The `packages:` list of pnpm-workspace.yaml; a full YAML parser is not needed for it. */
function pnpmPatterns(root: string): string[] {
  const file = joinPath(root, "pnpm-workspace.yaml");
  if (!existsSync(file)) return [];
  const patterns: string[] = [];
  let inPackages = false;
  for (const raw of readFileSync(file, "utf8").split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "");
    if (/^packages\s*:/.test(line)) {
      inPackages = true;
      continue;
    }
    if (inPackages && /^\S/.test(line)) inPackages = false;
    const item = /^\s*-\s*['"]?([^'"]+?)['"]?\s*$/.exec(line);
    if (inPackages && item) patterns.push(item[1]);
  }
  return patterns;
}

/** Expands `packages/*`, `apps/**`, `tools/cli` into existing package folders. */
function expandPattern(root: string, pattern: string): string[] {
  const segments = pattern.replace(/^\.\//, "").replace(/\/$/, "").split("/");
  let current = [root];
  for (const segment of segments) {
    const next: string[] = [];
    for (const dir of current) {
      if (segment === "**") next.push(dir, ...descendants(dir, 4));
      else if (segment.includes("*")) {
        const re = new RegExp(`^${segment.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
        next.push(...childDirs(dir).filter((d) => re.test(d.slice(dir.length + 1))));
      } else next.push(joinPath(dir, segment));
    }
    current = next;
  }
  return current.filter((d) => existsSync(joinPath(d, "package.json")));
}

function childDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.name !== "node_modules" && !e.name.startsWith(".") && (e.isDirectory() || (e.isSymbolicLink() && isDir(joinPath(dir, e.name)))))
      .map((e) => joinPath(dir, e.name));
  } catch {
    return [];
  }
}

function descendants(dir: string, depth: number): string[] {
  const out: string[] = [];
  let level = [dir];
  for (let i = 0; i < depth; i++) {
    level = level.flatMap(childDirs);
    out.push(...level);
  }
  return out;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
