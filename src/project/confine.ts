// Confinement: what startup-doctor reads and writes stays inside the analysed project's real
// folder. A hostile repository can hold `src/root -> /` or `"baseline": "../../.bashrc"`; paths
// the user typed on the command line are the user's choice and are not confined (issue 10 §1).
import { lstatSync, realpathSync } from "node:fs";
import { listedAsLink } from "../util/dir-listings.js";
import { InputError } from "../util/errors.js";
import { isInside, isSourceFile, resolvePath, toPosix } from "../util/path.js";

const realRoots = new Map<string, string>();
const reals = new Map<string, string | null>();

/** The real path (symbolic links resolved), null when it does not exist or loops. */
export function realPathOf(path: string): string | null {
  let real = reals.get(path);
  if (real === undefined) {
    real = realPathUncached(path);
    reals.set(path, real);
  }
  return real;
}

// A discovery asks this for every file (100k modules: 1.3 s of realpath(3), which checks each
// component of the path). A name that is not a link, in a folder whose real path is known, is
// that path plus the name: one lstat, and one realpath per folder. Linux only: elsewhere the
// real path may also change the name's case (macOS) or its form (Windows).
const FAST = process.platform === "linux";

function realPathUncached(path: string): string | null {
  const slash = path.lastIndexOf("/");
  const name = path.slice(slash + 1);
  if (FAST && slash > 0 && name !== "" && name !== "." && name !== "..") {
    // The discovery listed most folders already: their entries tell links from the rest.
    let link = listedAsLink(path.slice(0, slash), name);
    if (link === undefined) {
      try {
        link = lstatSync(path).isSymbolicLink();
      } catch {
        return null;
      }
    }
    const folder = link ? null : realPathOf(path.slice(0, slash));
    if (folder !== null) return folder === "/" ? `/${name}` : `${folder}/${name}`;
  }
  try {
    return toPosix(realpathSync.native(path));
  } catch {
    return null;
  }
}

function realRootOf(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realPathOf(root) ?? root;
    realRoots.set(root, real);
  }
  return real;
}

/** Whether `path` really lies inside `root` once every link on the way is resolved (a missing path: by its name). */
export function isReallyInside(root: string, path: string): boolean {
  if (!isInside(root, path) && !isInside(realRootOf(root), path)) return false;
  const real = realPathOf(path);
  return real === null ? isInside(root, path) : isInside(realRootOf(root), real);
}

/** Forgets cached real paths (the Node API may scan a folder again after it changed). */
export function forgetRealPaths(): void {
  realRoots.clear();
  reals.clear();
}

/** The message of the warning for a link or file that leads outside the project. */
export function outsideMessage(path: string): string {
  const target = realPathOf(path);
  return `leads outside the project${target ? ` (to ${target})` : ""}, not read`;
}

/**
 * A path that came from the analysed project's own settings (its config file, its package.json),
 * meant to be written or read by startup-doctor: refused when it leaves the project root.
 * `key` names the setting in the message.
 */
export function confinedSetting(root: string, path: string, key: string, source: string): string {
  const abs = resolvePath(root, path);
  if (!isReallyInside(root, abs)) {
    throw new InputError(`${source}: "${key}" points outside the project (${path}); only a path given on the command line may`);
  }
  return abs;
}

/** `--entry` (or the config's `entries`): an existing JavaScript/TypeScript source file inside the project. */
export function checkEntryPath(root: string, given: string, file: string): void {
  if (!isSourceFile(file)) throw new InputError(`entry ${given} is not a JavaScript or TypeScript source file`);
  if (!isReallyInside(root, file)) throw new InputError(`entry ${given} is outside the project folder ${root}`);
}
