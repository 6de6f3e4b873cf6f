// package.json `imports` (`#alias`) for projects whose moduleResolution (node10, classic) does
// not know them, while Node does at runtime.
import { existsSync } from "node:fs";
import { dirOf, joinPath } from "../util/path.js";
import { outputToSource } from "../project/output-to-source.js";
import { readJsonFile } from "../project/read-json.js";
import type { PackageJson, TsConfig } from "../project/types.js";

export function resolvePackageImport(spec: string, fromFile: string, root: string, config: TsConfig | null): string | null {
  let dir = dirOf(fromFile);
  for (;;) {
    const pkgFile = joinPath(dir, "package.json");
    if (existsSync(pkgFile)) {
      const pkg = safeRead(pkgFile);
      if (pkg?.imports) return match(pkg.imports, spec, dir, config);
      return null;
    }
    const parent = dirOf(dir);
    if (parent === dir || dir === root) return null;
    dir = parent;
  }
}

function safeRead(file: string): PackageJson | null {
  try {
    return readJsonFile<PackageJson>(file, "package.json");
  } catch {
    return null;
  }
}

function match(imports: Record<string, unknown>, spec: string, dir: string, config: TsConfig | null): string | null {
  for (const [key, value] of Object.entries(imports)) {
    const star = key.indexOf("*");
    let middle: string | null = null;
    if (star < 0 && key === spec) middle = "";
    else if (star >= 0 && spec.startsWith(key.slice(0, star)) && spec.endsWith(key.slice(star + 1))) {
      middle = spec.slice(star, spec.length - (key.length - star - 1));
    }
    if (middle === null) continue;
    for (const target of targets(value)) {
      const mapped = outputToSource(joinPath(dir, target.split("*").join(middle)), dir, config);
      if (mapped) return mapped;
    }
  }
  return null;
}

function targets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(targets);
  if (value && typeof value === "object") return Object.values(value as Record<string, unknown>).flatMap(targets);
  return [];
}
