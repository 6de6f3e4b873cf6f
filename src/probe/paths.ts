// Path helpers of the probe: absolute POSIX inside, root-relative in the report.
import { isAbsolute, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** A file: URL or absolute path -> absolute path; anything else (node:fs) unchanged. */
export function toAbsolute(location: string): string {
  if (location.startsWith("file:")) {
    try {
      return fileURLToPath(location);
    } catch {
      return location;
    }
  }
  return location;
}

/** Root-relative POSIX path for files under root, the absolute path otherwise. */
export function toReportPath(root: string, location: string): string {
  const abs = toAbsolute(location);
  if (!isAbsolute(abs)) return abs;
  const rel = relative(root, abs);
  if (rel.startsWith("..") || isAbsolute(rel)) return abs.split(sep).join("/");
  return rel.split(sep).join("/");
}

/** Path without its extension, for matching `./x.js` written in TS against x.ts. */
export function withoutExtension(path: string): string {
  return path.replace(/\.[cm]?[jt]sx?$/, "");
}
