// Maps a build output path (dist/server.js, dist/index.d.ts) back to the source file that
// produces it, using the tsconfig's outDir/rootDir, else the usual src/ layout.
import { statSync } from "node:fs";
import { isInside, joinPath, relativeTo, toPosix } from "../util/path.js";
import type { TsConfig } from "./types.js";

const SOURCE_EXTS: Record<string, string[]> = {
  ".js": [".ts", ".tsx", ".js", ".jsx"],
  ".jsx": [".tsx", ".jsx"],
  ".mjs": [".mts", ".mjs"],
  ".cjs": [".cts", ".cjs"],
  ".d.ts": [".ts", ".tsx", ".js"],
  ".d.mts": [".mts", ".mjs"],
  ".d.cts": [".cts", ".cjs"],
  ".ts": [".ts", ".tsx"],
  ".tsx": [".tsx"],
  ".mts": [".mts"],
  ".cts": [".cts"],
};

function splitExt(file: string): [string, string] {
  const m = /(\.d\.[cm]?ts|\.[cm]?[jt]sx?)$/.exec(file);
  return m ? [file.slice(0, -m[1].length), m[1]] : [file, ""];
}

/** Source candidates for `stem` + ext, first existing wins. */
export function withSourceExtension(file: string): string | null {
  const [stem, ext] = splitExt(file);
  // `node dist/main` and `require("../dist/cli")`: Node's own extension and index lookup.
  const candidates = ext === "" ? EXTENSIONLESS : (SOURCE_EXTS[ext] ?? []);
  for (const candidate of candidates) {
    if (isFile(stem + candidate)) return stem + candidate;
  }
  return null;
}

const EXTENSIONLESS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", "/index.ts", "/index.tsx", "/index.js", "/index.mjs", "/index.cjs"];

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function outputToSource(file: string, packageDir: string, config: TsConfig | null): string | null {
  const direct = /\.d\.[cm]?ts$/.test(file) ? null : isFile(file) ? file : null;
  const outDir = config?.options.outDir ? toPosix(config.options.outDir) : null;
  if (outDir && isInside(outDir, file)) {
    const rel = relativeTo(outDir, file);
    const roots = config?.options.rootDir ? [toPosix(config.options.rootDir)] : [joinPath(packageDir, "src"), packageDir];
    for (const r of roots) {
      const mapped = withSourceExtension(joinPath(r, rel));
      if (mapped) return mapped;
    }
  }
  const rel = relativeTo(packageDir, file);
  const m = /^(dist|build|lib|out)\/(.*)$/.exec(rel);
  if (m) {
    for (const r of [joinPath(packageDir, "src"), packageDir]) {
      const mapped = withSourceExtension(joinPath(r, m[2]));
      if (mapped) return mapped;
    }
  }
  return direct ?? withSourceExtension(file);
}
