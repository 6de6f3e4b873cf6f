// Finds and reads the configuration: --config <file>, else startup-doctor.config.json in the
// project folder, else the "startup-doctor" key of its package.json.
import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { baseOf, joinPath, relativeTo, resolvePath } from "../util/path.js";
import type { StartupDoctorConfig } from "./types.js";
import { validateConfig } from "./validate.js";

export const CONFIG_FILE = "startup-doctor.config.json";
export const PACKAGE_KEY = "startup-doctor";

export function loadConfig(projectDir: string, explicit?: string): StartupDoctorConfig | null {
  if (explicit !== undefined) {
    const file = resolvePath(explicit);
    if (!existsSync(file)) throw new InputError(`no such config file: ${explicit}`);
    if (baseOf(file) === "package.json") {
      const pkg = readJson(file, explicit);
      if (!isRecord(pkg) || !(PACKAGE_KEY in pkg)) throw new InputError(`${explicit}: no "${PACKAGE_KEY}" key`);
      return validateConfig(pkg[PACKAGE_KEY], explicit, `${PACKAGE_KEY}.`);
    }
    return validateConfig(readJson(file, explicit), explicit);
  }
  const root = resolvePath(projectDir);
  const configFile = joinPath(root, CONFIG_FILE);
  if (existsSync(configFile)) return validateConfig(readJson(configFile, shown(configFile)), shown(configFile));
  const pkgFile = joinPath(root, "package.json");
  if (!existsSync(pkgFile)) return null;
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
  } catch {
    // A broken package.json is the project loader's to report, with its own message.
    return null;
  }
  if (!isRecord(pkg) || !(PACKAGE_KEY in pkg)) return null;
  return validateConfig(pkg[PACKAGE_KEY], shown(pkgFile), `${PACKAGE_KEY}.`);
}

function readJson(file: string, shownAs: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${shownAs}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new InputError(`${shownAs}: invalid JSON: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** Paths in messages: relative to the working directory when inside it. */
function shown(file: string): string {
  const rel = relativeTo(resolvePath("."), file);
  return rel.startsWith("../") ? file : rel;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
