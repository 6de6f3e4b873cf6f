// npm/yarn (`workspaces` in package.json) and pnpm (pnpm-workspace.yaml) workspace packages.
// pnpm-workspace.yaml is read by a YAML parser (block and flow lists, quotes, comments, anchors
// all occur in real files) and the patterns are matched by picomatch, as pnpm itself does with
// its glob library: `*`, `**`, `{a,b}`, `[ab]`, `!negation`.
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { listDir } from "../util/dir-listings.js";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import { isInside, joinPath, relativeTo } from "../util/path.js";
import { readJsonFile } from "./read-json.js";
import type { PackageJson, Project, WorkspacePackage } from "./types.js";

type ProjectWarning = Project["warnings"][number];

export interface Workspaces {
  packages: WorkspacePackage[];
  /** An unreadable pnpm-workspace.yaml, patterns that match no package. */
  warnings: ProjectWarning[];
}

const PNPM_FILE = "pnpm-workspace.yaml";
// A `**` pattern still stops this deep: workspace packages sit near the top.
const DEEPEST = 6;

export function findWorkspaces(root: string, pkg: PackageJson | null): Workspaces {
  const warnings: ProjectWarning[] = [];
  const patterns = [...workspacePatterns(pkg), ...pnpmPatterns(root, warnings)].map(normalise).filter((p) => p !== "" && p !== "!");
  if (patterns.length === 0) return { packages: [], warnings };
  const include = patterns.filter((p) => !p.startsWith("!"));
  const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1));
  const included = picomatch(include.length > 0 ? include : ["!**"]);
  const excluded = exclude.length > 0 ? picomatch(exclude) : () => false;
  const depth = include.some((p) => p.includes("**")) ? DEEPEST : Math.max(1, ...include.map((p) => p.split("/").length));
  const packages: WorkspacePackage[] = [];
  for (const dir of packageDirs(root, depth)) {
    const rel = relativeTo(root, dir);
    if (!included(rel) || excluded(rel)) continue;
    const json = readJsonFile<PackageJson>(joinPath(dir, "package.json"), `${rel}/package.json`);
    if (json?.name) packages.push({ name: json.name, dir, packageJson: json });
  }
  // One empty pattern among several is normal (a folder for later); none matching at all is not.
  if (packages.length === 0) warnings.push({ message: `no workspace package found for ${include.map((p) => `'${p}'`).join(", ")}: imports of workspace packages are not resolved` });
  return { packages: packages.sort((a, b) => a.dir.localeCompare(b.dir)), warnings };
}

function normalise(pattern: string): string {
  const negated = pattern.startsWith("!");
  const body = (negated ? pattern.slice(1) : pattern).trim().replace(/^\.\//, "").replace(/\/+$/, "");
  return negated ? `!${body}` : body;
}

function workspacePatterns(pkg: PackageJson | null): string[] {
  const ws = pkg?.workspaces;
  if (Array.isArray(ws)) return ws.filter((w): w is string => typeof w === "string");
  if (ws && Array.isArray(ws.packages)) return ws.packages.filter((w): w is string => typeof w === "string");
  return [];
}

/** The `packages:` list of pnpm-workspace.yaml. */
function pnpmPatterns(root: string, warnings: ProjectWarning[]): string[] {
  const file = joinPath(root, PNPM_FILE);
  if (!existsSync(file)) return [];
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, "utf8"), { maxAliasCount: 100 });
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    warnings.push({ file: PNPM_FILE, ...(line ? { line } : {}), message: `cannot read ${PNPM_FILE}: ${firstLine(error)}; its workspace packages are not resolved` });
    return [];
  }
  if (doc === null || doc === undefined) return [];
  const packages = typeof doc === "object" && !Array.isArray(doc) ? (doc as Record<string, unknown>).packages : undefined;
  if (packages === undefined) return [];
  if (!Array.isArray(packages)) {
    warnings.push({ file: PNPM_FILE, message: `${PNPM_FILE}: "packages" is not a list; its workspace packages are not resolved` });
    return [];
  }
  return packages.filter((p): p is string => typeof p === "string");
}

function firstLine(error: unknown): string {
  return ((error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "").replace(/:$/, "");
}

/** Folders with a package.json below root, `depth` levels at most, skipping node_modules and dot folders. */
function packageDirs(root: string, depth: number): string[] {
  const found: string[] = [];
  let level = [root];
  for (let i = 0; i < depth && level.length > 0; i++) {
    level = level.flatMap((dir) => childDirs(root, dir));
    for (const dir of level) if (existsSync(joinPath(dir, "package.json"))) found.push(dir);
  }
  return found;
}

function childDirs(root: string, dir: string): string[] {
  try {
    return listDir(dir)
      .filter((e) => e.name !== "node_modules" && !e.name.startsWith("."))
      .filter((e) => e.isDirectory() || (e.isSymbolicLink() && linkedDirInside(root, joinPath(dir, e.name))))
      .map((e) => joinPath(dir, e.name));
  } catch {
    return [];
  }
}

/** A symlink is followed only to a folder inside the project: nothing outside it is read. */
function linkedDirInside(root: string, path: string): boolean {
  try {
    return statSync(path).isDirectory() && isInside(realpathSync(root), realpathSync(path));
  } catch {
    return false;
  }
}
