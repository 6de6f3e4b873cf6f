// The only module that knows about node:path. Inside the tool every path is absolute and POSIX;
// the report shows root-relative paths with forward slashes.
import * as nodePath from "node:path";

export const toPosix = (p: string): string => (nodePath.sep === "/" ? p : p.split(nodePath.sep).join("/"));

export const resolvePath = (...parts: string[]): string => toPosix(nodePath.resolve(...parts));

export const joinPath = (...parts: string[]): string => toPosix(nodePath.join(...parts));

export const dirOf = (p: string): string => toPosix(nodePath.dirname(p));

export const baseOf = (p: string, ext?: string): string => nodePath.basename(p, ext);

export const extOf = (p: string): string => nodePath.extname(p);

export const isAbsolutePath = (p: string): boolean => nodePath.isAbsolute(p);

/** Root-relative, forward slashes; paths outside root keep their `../` prefix. */
export function relativeTo(root: string, file: string): string {
  const rel = toPosix(nodePath.relative(root, file));
  return rel === "" ? "." : rel;
}

export function isInside(dir: string, file: string): boolean {
  // The tool's own paths are absolute and normal: a prefix test gives path.relative's answer
  // without its two resolve() calls (a tenth of discovery on medusa).
  if (isNormalAbsolute(dir) && isNormalAbsolute(file)) return dir === "/" || file === dir || (file.startsWith(dir) && file.charCodeAt(dir.length) === 47);
  const rel = nodePath.relative(dir, file);
  // `..b` is a name below dir; only `..` itself or a `../` prefix leaves it.
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${nodePath.sep}`) && !nodePath.isAbsolute(rel));
}

// Not normal: a doubled slash, a `.` or `..` segment, or a trailing slash.
const NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)|.\/$/;

/** An absolute POSIX path that path.normalize would leave as it is. */
function isNormalAbsolute(p: string): boolean {
  return nodePath.sep === "/" && p.charCodeAt(0) === 47 && !NOT_NORMAL.test(p);
}

export const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"] as const;

export function isSourceFile(p: string): boolean {
  if (/\.d\.[cm]?ts$/.test(p)) return false;
  return (SOURCE_EXTENSIONS as readonly string[]).includes(nodePath.extname(p));
}

export function isTypeScriptFile(p: string): boolean {
  return /\.[cm]?tsx?$/.test(p) && !/\.d\.[cm]?ts$/.test(p);
}

export function isDeclarationFile(p: string): boolean {
  return /\.d\.[cm]?ts$/.test(p) || /\.d\.[^.]+\.ts$/.test(p);
}

/** The PATH environment variable's separator. */
export const PATH_DELIMITER = nodePath.delimiter;
