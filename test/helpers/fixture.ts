import { repoRoot } from "./cli.js";

/** Absolute path of a fixture project: fixture("graph", "type-only-cycle"). */
export function fixture(...parts: string[]): string {
  return [repoRoot, "fixtures", ...parts].join("/");
}
