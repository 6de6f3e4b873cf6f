// The module format tsc writes for a file: tsconfig `module`, and for node16/nodenext the file
// extension or the nearest package.json "type". It decides what a read of a half-loaded module
// does in the compiled build: a TDZ ReferenceError (ESM) or `undefined` (CommonJS, `exports.X`).
import { existsSync, readFileSync } from "node:fs";
import { dirOf, joinPath } from "../util/path.js";
import type { TS } from "./typescript.js";

// ts.ModuleKind values (a const enum in the API): numbers keep typescript unloaded here.
const COMMONJS = 1;
const AMD_UMD_SYSTEM = new Set([2, 3, 4]);
const NODE_KINDS = new Set([100, 101, 102, 199]);

const packageTypes = new Map<string, string | null>();

export function emitFormat(file: string, options: TS.CompilerOptions | undefined): "esm" | "commonjs" {
  if (/\.c[jt]s$/.test(file)) return "commonjs";
  if (/\.m[jt]s$/.test(file)) return "esm";
  const kind = options?.module as number | undefined;
  if (kind === COMMONJS || (kind !== undefined && AMD_UMD_SYSTEM.has(kind))) return "commonjs";
  if (kind !== undefined && NODE_KINDS.has(kind)) return packageTypeOf(dirOf(file)) === "module" ? "esm" : "commonjs";
  if (kind === undefined) {
    // tsc's default: CommonJS for ES3/ES5 targets (and no target), ES2015 otherwise.
    const target = (options?.target as number | undefined) ?? 1;
    return target <= 1 ? "commonjs" : "esm";
  }
  return "esm";
}

function packageTypeOf(dir: string): string | null {
  const known = packageTypes.get(dir);
  if (known !== undefined) return known;
  let type: string | null = null;
  const pkg = joinPath(dir, "package.json");
  if (existsSync(pkg)) {
    try {
      const parsed = JSON.parse(readFileSync(pkg, "utf8")) as { type?: unknown };
      type = typeof parsed.type === "string" ? parsed.type : null;
    } catch {
      type = null;
    }
  } else {
    const parent = dirOf(dir);
    type = parent !== dir ? packageTypeOf(parent) : null;
  }
  packageTypes.set(dir, type);
  return type;
}
