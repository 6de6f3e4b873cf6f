// Raw JSON -> StartupDoctorConfig, or one InputError line naming the key and the file. Checks
// follow the schema fragments in schema.ts; only OWN properties count, so `__proto__`,
// `constructor` or `toString` as keys are unknown keys, never inherited matches (issue 10 §3).
import { InputError } from "../util/errors.js";
import { dirOf, resolvePath } from "../util/path.js";
import { globProblem } from "./glob.js";
import { CONFIG_KEYS, type Schema } from "./schema.js";
import { closest } from "./suggest.js";
import type { StartupDoctorConfig } from "./types.js";

/** Spellings accepted and what they mean (ESLint users write "warn"). */
const ALIASES: Record<string, string> = { warn: "warning", "bun,node": "node,bun" };

type Fail = (why: string, at: string) => never;

/** `file` names the source in messages; `where` is the key path prefix ("startup-doctor." inside package.json). */
export function validateConfig(raw: unknown, file: string, where = ""): StartupDoctorConfig {
  if (!isRecord(raw)) throw new InputError(`${file}: ${where ? `"${where.replace(/\.$/, "")}"` : "the config"} must be a JSON object`);
  const fail: Fail = (why, at) => {
    throw new InputError(`${file}: "${where}${at}" ${why}`);
  };
  const out: Record<string, unknown> = { file };
  const base = dirOf(resolvePath(file));
  for (const key of Object.keys(raw)) {
    const schema = Object.hasOwn(CONFIG_KEYS, key) ? CONFIG_KEYS[key] : undefined;
    if (!schema) {
      const known = Object.keys(CONFIG_KEYS).filter((k) => k !== "$schema");
      const near = closest(key, known);
      fail(`is not a known key${near ? `: did you mean "${near}"?` : ""} (known: ${known.join(", ")})`, key);
    } else {
      const value = checkValue(raw[key], schema, key, fail);
      // Paths in a config are relative to the file that holds them.
      out[key] = schema["x-path"] ? resolvePath(base, value as string) : value;
    }
  }
  return out as unknown as StartupDoctorConfig;
}

function checkValue(value: unknown, schema: Schema, at: string, fail: Fail): unknown {
  if (schema.enum) {
    if (typeof value !== "string" || !schema.enum.includes(value)) fail(`must be ${choice(schema.enum)} (got ${shown(value)})`, at);
    return ALIASES[value as string] ?? value;
  }
  switch (schema.type) {
    case "string":
      if (typeof value !== "string" || value.length < (schema.minLength ?? 0)) fail(schema.minLength ? "must be a non-empty string" : `must be a string (got ${shown(value)})`, at);
      if (schema["x-glob"]) {
        const problem = globProblem(value as string);
        if (problem) fail(`is not a valid glob (${problem}): ${shown(value)}`, at);
      }
      return value;
    case "integer": {
      const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
      const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
      if (typeof value !== "number" || !Number.isInteger(value) || value < min) fail(`must be ${min === 1 ? "a positive whole number" : `a whole number >= ${min}`} (got ${shown(value)})`, at);
      if ((value as number) > max) fail(`must be at most ${max} (got ${shown(value)})`, at);
      return value;
    }
    case "boolean":
      if (typeof value !== "boolean") fail(`must be true or false (got ${shown(value)})`, at);
      return value;
    case "array": {
      const items = schema.items;
      if (!Array.isArray(value)) fail(items?.type === "string" ? "must be an array of non-empty strings" : "must be an array", at);
      const list = value as unknown[];
      if (items?.type === "string" && list.some((x) => typeof x !== "string" || x.length < (items.minLength ?? 0))) fail("must be an array of non-empty strings", at);
      return items ? list.map((item, i) => checkValue(item, items, `${at}[${i}]`, fail)) : list;
    }
    case "object": {
      if (!isRecord(value)) fail(`must be an object${schema.propertyNames ? ` of ${schema.propertyNames.enum.join(", ")}` : ""}`, at);
      const record = value as Record<string, unknown>;
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(record)) {
        const named = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
        if (schema.propertyNames && !schema.propertyNames.enum.includes(key)) {
          const near = closest(key, schema.propertyNames.enum);
          fail(`is not a known ${schema.propertyNames["x-name"] ?? "name"}${near ? `: did you mean "${near}"?` : ""} (known: ${schema.propertyNames.enum.join(", ")})`, `${at}.${key}`);
        }
        const sub = named ?? (schema.additionalProperties === false ? undefined : schema.additionalProperties);
        if (!sub && (schema.properties || schema.additionalProperties === false)) {
          const known = Object.keys(schema.properties ?? {});
          const near = closest(key, known);
          fail(`is not a known key${near ? `: did you mean "${near}"?` : ""} (known: ${known.join(", ")})`, `${at}.${key}`);
        }
        // Own data properties only: `__proto__` is kept as data, never as the prototype.
        Object.defineProperty(result, key, { value: sub ? checkValue(record[key], sub, `${at}.${key}`, fail) : record[key], enumerable: true, writable: true, configurable: true });
      }
      const problem = schema["x-check"]?.(result);
      if (problem) fail(problem.why, problem.at ? `${at}.${problem.at}` : at);
      return result;
    }
    default:
      return value;
  }
}

function choice(values: readonly string[]): string {
  const shownValues = values.filter((v) => v !== "warn");
  return shownValues.length <= 5 && shownValues.every((v) => !v.includes(","))
    ? `${shownValues.slice(0, -1).join(", ")} or ${shownValues[shownValues.length - 1]}`
    : `one of ${shownValues.join(", ")}`;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
