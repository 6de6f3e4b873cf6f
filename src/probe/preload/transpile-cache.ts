// A per-user cache of compiled files outside the project (the probe never writes into it):
// transpileModule costs milliseconds per file, so a second probe of the same code reads its
// output instead, and a run where every file hits never loads typescript. Like tsx's own cache
// in the temp directory. Imports node: builtins and the builtins-only util/private-dir.ts.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { privateDir } from "../../util/private-dir.js";

/** The cache directory, if it is ours alone (a shared temp directory could be seeded by another user). */
function cacheDir(): string | null {
  // The probe points TMPDIR at a private folder removed after each run (private-tmp.ts); the cache lives in the outer one.
  return privateDir("startup-doctor-transpile", process.env.STARTUP_DOCTOR_OUTER_TMPDIR || tmpdir());
}

export function cacheKey(parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

export function readCached(key: string): string | null {
  const base = cacheDir();
  if (!base) return null;
  try {
    return readFileSync(join(base, `${key}.js`), "utf8");
  } catch {
    return null;
  }
}

export function writeCached(key: string, code: string): void {
  const base = cacheDir();
  if (!base) return;
  const file = join(base, `${key}.js`);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, code, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A full or read-only temp directory only costs speed.
  }
}
