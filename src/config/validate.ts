// Raw JSON -> StartupDoctorConfig, or one InputError line naming the key and the file.
import { InputError } from "../util/errors.js";
import { dirOf, resolvePath } from "../util/path.js";
import { RULE_IDS } from "./rule-ids.js";
import type { StartupDoctorConfig } from "./types.js";

const SEVERITIES = ["error", "warning", "info"];
const RUNTIMES = ["auto", "node", "bun", "node,bun", "bun,node"];
const FAIL_ON = ["error", "warning", "info", "none"];

type Check = (value: unknown, key: string, fail: (why: string, at?: string) => never) => unknown;

const stringArray: Check = (v, _k, fail) => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string" || x === "")) fail("must be an array of non-empty strings");
  return v;
};
const positiveInt: Check = (v, _k, fail) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) fail(`must be a positive whole number (got ${JSON.stringify(v)})`);
  return v;
};
const nonEmptyString: Check = (v, _k, fail) => {
  if (typeof v !== "string" || v === "") fail("must be a non-empty string");
  return v;
};
const oneOf =
  (allowed: string[]): Check =>
  (v, _k, fail) => {
    if (typeof v !== "string" || !allowed.includes(v)) fail(`must be one of ${allowed.join(", ")} (got ${JSON.stringify(v)})`);
    return v === "bun,node" ? "node,bun" : v;
  };

const KEYS: Record<string, Check> = {
  $schema: nonEmptyString,
  entries: stringArray,
  include: stringArray,
  ignore: stringArray,
  rules: (v, key, fail) => {
    if (!isRecord(v)) return fail("must be an object of rule id -> error, warning, info or off");
    for (const [id, setting] of Object.entries(v)) {
      if (!(RULE_IDS as readonly string[]).includes(id)) fail(`has unknown rule '${id}' (rules: ${RULE_IDS.join(", ")})`, `${key}.${id}`);
      if (typeof setting !== "string" || ![...SEVERITIES, "off"].includes(setting)) fail(`must be error, warning, info or off (got ${JSON.stringify(setting)})`, `${key}.${id}`);
    }
    return v;
  },
  timeout: positiveInt,
  slow: positiveInt,
  concurrency: positiveInt,
  runtime: oneOf(RUNTIMES),
  failOn: oneOf(FAIL_ON),
  env: (v, key, fail) => {
    if (!isRecord(v)) return fail("must be an object of NAME -> string");
    for (const [name, value] of Object.entries(v)) {
      if (typeof value !== "string") fail(`must be a string (got ${JSON.stringify(value)})`, `${key}.${name}`);
    }
    return v;
  },
  envFile: nonEmptyString,
  tsconfig: nonEmptyString,
  baseline: nonEmptyString,
  scope: oneOf(["startup", "all"]),
};

/** `file` names the source in messages; `where` is the key path prefix ("startup-doctor." inside package.json). */
export function validateConfig(raw: unknown, file: string, where = ""): StartupDoctorConfig {
  if (!isRecord(raw)) throw new InputError(`${file}: ${where ? `"${where.replace(/\.$/, "")}"` : "the config"} must be a JSON object`);
  const out: Record<string, unknown> = { file };
  for (const [key, value] of Object.entries(raw)) {
    const check = KEYS[key];
    const fail = (why: string, at = key): never => {
      throw new InputError(`${file}: "${where}${at}" ${why}`);
    };
    if (!check) fail(`is not a known key${suggest(key)} (known: ${Object.keys(KEYS).filter((k) => k !== "$schema").join(", ")})`);
    else out[key] = check(value, key, fail);
  }
  const config = out as unknown as StartupDoctorConfig;
  // Paths in a config are relative to the file that holds them.
  const base = dirOf(resolvePath(file));
  for (const key of ["envFile", "tsconfig", "baseline"] as const) {
    if (config[key]) config[key] = resolvePath(base, config[key]);
  }
  return config;
}

function suggest(key: string): string {
  const lower = key.toLowerCase();
  const shared = (k: string): number => {
    let n = 0;
    while (n < k.length && n < lower.length && k[n] === lower[n]) n++;
    return n;
  };
  // "entry" -> "entries", "failon" -> "failOn", "timeouts" -> "timeout"
  const near = Object.keys(KEYS).find((k) => k !== "$schema" && shared(k.toLowerCase()) >= Math.max(4, Math.min(k.length, lower.length) - 1));
  return near ? `: did you mean "${near}"?` : "";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
