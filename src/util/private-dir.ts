// A folder in the temp directory that belongs to this user alone (created 0700, owner and mode
// checked): what is read back from it can only have been written by this user. A shared temp
// directory could otherwise be seeded by another user, and a project folder by the project.
// Imports node: builtins only (the probe's preload uses it in the child).
import { lstatSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const known = new Map<string, string | null>();

/** `<base>/<prefix>-<uid>`, or null when it cannot be made ours alone. */
export function privateDir(prefix: string, base: string = tmpdir()): string | null {
  const uid = process.getuid?.() ?? 0;
  const path = join(base, `${prefix}-${uid}`);
  const cached = known.get(path);
  if (cached !== undefined) return cached;
  let answer: string | null;
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    const stat = lstatSync(path);
    answer = stat.isDirectory() && stat.uid === uid && (stat.mode & 0o077) === 0 ? path : null;
  } catch {
    answer = null;
  }
  known.set(path, answer);
  return answer;
}
