// Locations the child reports (file: URLs or paths) -> report paths.
import { fileURLToPath } from "node:url";
import { isAbsolutePath, isInside, relativeTo, toPosix } from "../util/path.js";

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
  if (!isAbsolutePath(abs)) return abs;
  return isInside(root, abs) ? relativeTo(root, abs) : toPosix(abs);
}

/** Path without its extension, for matching `./x.js` written in TS against x.ts. */
export function withoutExtension(path: string): string {
  return path.replace(/\.[cm]?[jt]sx?$/, "");
}
