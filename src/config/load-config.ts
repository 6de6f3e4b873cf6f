// Finds and reads the configuration: --config <file>, else startup-doctor.config.json in the
// project folder, else the "startup-doctor" key of its package.json. Comments and trailing commas
// are accepted (JSONC). A config that lives in the analysed project is the project's word, not
// the user's: the paths it names for startup-doctor to write or read must stay inside the project.
import { existsSync, readFileSync } from "node:fs";
import { confinedSetting, isReallyInside } from "../project/confine.js";
import { InputError } from "../util/errors.js";
import { baseOf, joinPath, relativeTo, resolvePath } from "../util/path.js";
import { parseJsonc } from "./jsonc.js";
import type { StartupDoctorConfig } from "./types.js";
import { validateConfig } from "./validate.js";

export const CONFIG_FILE = "startup-doctor.config.json";
export const PACKAGE_KEY = "startup-doctor";

/** Keys whose file startup-doctor writes or reads for itself: confined to the project (issue 10 §1). */
const CONFINED_KEYS = ["baseline", "envFile"] as const;

export function loadConfig(projectDir: string, explicit?: string): StartupDoctorConfig | null {
  const root = resolvePath(projectDir);
  const config = findConfig(root, explicit);
  if (config && isReallyInside(root, resolvePath(config.file))) {
    for (const key of CONFINED_KEYS) {
      const value = config[key];
      if (value !== undefined) config[key] = confinedSetting(root, value, key, config.file);
    }
  }
  return config;
}

function findConfig(root: string, explicit: string | undefined): StartupDoctorConfig | null {
  if (explicit !== undefined) {
    const file = resolvePath(explicit);
    if (!existsSync(file)) throw new InputError(`no such config file: ${explicit}`);
    if (baseOf(file) === "package.json") {
      const pkg = readJsonc(file, explicit);
      if (!isRecord(pkg) || !Object.hasOwn(pkg, PACKAGE_KEY)) throw new InputError(`${explicit}: no "${PACKAGE_KEY}" key`);
      return validateConfig(pkg[PACKAGE_KEY], explicit, `${PACKAGE_KEY}.`);
    }
    return validateConfig(readJsonc(file, explicit), explicit);
  }
  const configFile = joinPath(root, CONFIG_FILE);
  if (existsSync(configFile)) return validateConfig(readJsonc(configFile, shown(configFile)), shown(configFile));
  const pkgFile = joinPath(root, "package.json");
  if (!existsSync(pkgFile)) return null;
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
  } catch {
    // A broken package.json is the project loader's to report, with its own message.
    return null;
  }
  if (!isRecord(pkg) || !Object.hasOwn(pkg, PACKAGE_KEY)) return null;
  return validateConfig(pkg[PACKAGE_KEY], shown(pkgFile), `${PACKAGE_KEY}.`);
}

function readJsonc(file: string, shownAs: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${shownAs}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseJsonc(text, shownAs);
}

/** Paths in messages: relative to the working directory when inside it. */
function shown(file: string): string {
  const rel = relativeTo(resolvePath("."), file);
  return rel.startsWith("../") ? file : rel;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
