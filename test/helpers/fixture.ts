import { repoRoot } from "./cli.js";
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Absolute path of a fixture project: fixture("graph", "type-only-cycle"). */
export function fixture(...parts: string[]): string {
  return [repoRoot, "fixtures", ...parts].join("/");
}

/** Every JavaScript and TypeScript source under `dir` (node_modules left out), depth first. */
export function sourcesUnder(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== "node_modules") sourcesUnder(p, out);
    else if (e.isFile() && /\.(?:[cm]?[jt]sx?)$/.test(e.name)) out.push(p);
  }
  return out;
}
