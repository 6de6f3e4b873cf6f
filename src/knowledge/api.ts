// The `api` mini-syntax of knowledge entries: `new Redis()`, `createClient().connect()`,
// `default.connect()`. A dotted export path, then calls, each later call a method on the result.
import type { ApiStep } from "./types.js";

export interface ParsedApi {
  /** Export path before the first call, canonical (see canonicalPath). */
  path: string[];
  /** The first call and everything after it. */
  steps: ApiStep[];
}

const NAME = /^[A-Za-z_$][\w$]*$/;

/** Parses an api string; null when it is not of the form the matcher understands. */
export function parseApi(api: string): ParsedApi | null {
  let text = api.trim();
  const isNew = text.startsWith("new ");
  if (isNew) text = text.slice(4).trim();
  const segments = text.split(".");
  const path: string[] = [];
  const steps: ApiStep[] = [];
  for (const segment of segments) {
    const m = /^([A-Za-z_$][\w$]*)((?:\(\))*)$/.exec(segment);
    if (!m || !NAME.test(m[1])) return null;
    if (steps.length === 0) path.push(m[1]);
    else steps.push({ kind: "get", name: m[1] });
    for (let i = 0; i < m[2].length / 2; i++) steps.push({ kind: "call", isNew: isNew && steps.length === 0 });
  }
  if (steps.length === 0 || steps[steps.length - 1].kind !== "call") return null;
  return { path: canonicalPath(path), steps };
}

/**
 * One name for one export whatever the import style: a namespace or whole `require()` that is
 * called is the default export (CommonJS `module.exports = fn`), and `default.X` is `X`
 * (CommonJS packages set both, and TypeScript's interop reads `module.exports.X` either way).
 */
export function canonicalPath(path: readonly string[]): string[] {
  if (path.length === 0) return ["default"];
  return path[0] === "default" && path.length > 1 ? path.slice(1) : [...path];
}

/** The api as the user reads it: `default.connect()` of mongoose is `mongoose.connect()`. */
export function displayApi(api: string, pkg: string): string {
  const short = pkg.replace(/^node:/, "").replace(/^@[^/]+\//, "");
  return api.replace(/^(new )?default\./, `$1${short}.`).replace(/^(new )?default\(/, `$1${short}(`);
}

/** A file-name-safe id for an entry: its fixture is src/{flagged,lazy}/<slug>.ts. */
export function entrySlug(pkg: string, api: string): string {
  return `${pkg}--${api}`.replace(/^node:/, "node-").replace(/[@/]/g, "").replace(/\(\)/g, "").replace(/[^\w$.-]+/g, "-").replace(/\./g, "-").replace(/-+/g, "-").replace(/-$/, "");
}
