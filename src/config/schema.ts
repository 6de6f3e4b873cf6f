// The configuration's keys, each as a JSON-schema fragment: the one source for the validator
// (validate.ts interprets this subset) and for the schema file shipped to editors
// (schema/startup-doctor.config.schema.json, written at build time by scripts/write-schema.mjs).
// A new key is one entry here (and its field in types.ts).
import { checkKnowledgeEntry } from "../knowledge/validate-entry.js";
import { STARTS_KINDS } from "../knowledge/types.js";
import { RULE_IDS } from "./rule-ids.js";

/** The JSON-schema subset the validator understands. */
export interface Schema {
  type?: "string" | "integer" | "boolean" | "array" | "object";
  description?: string;
  enum?: readonly string[];
  minLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  /** Named keys of an object (with additionalProperties: false unless given). */
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | false;
  /** `x-name`: what the names are, for messages ("rule"). */
  propertyNames?: { enum: readonly string[]; "x-name"?: string };
  /** Not JSON schema: the value is a glob (or a list of globs) checked by picomatch. */
  "x-glob"?: true;
  /** Not JSON schema: a path relative to the config file. */
  "x-path"?: true;
  /** Not JSON schema: a further check of an object, after its properties (null: fine). */
  "x-check"?: (value: Record<string, unknown>) => { why: string; at?: string } | null;
}

/** setTimeout's limit: a longer delay fires at once (Node prints TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2_147_483_647;

export const SEVERITY_SETTINGS = ["error", "warning", "warn", "info", "off"] as const;

const globs = (description: string): Schema => ({ type: "array", description, items: { type: "string", minLength: 1, "x-glob": true } });
const ms = (description: string): Schema => ({ type: "integer", minimum: 1, maximum: MAX_TIMER_MS, description });
function ruleSettings(description: string): Schema {
  return { type: "object", description, propertyNames: { enum: RULE_IDS, "x-name": "rule" }, additionalProperties: { enum: SEVERITY_SETTINGS } };
}
const path = (description: string): Schema => ({ type: "string", minLength: 1, description, "x-path": true });

const text = (description: string): Schema => ({ type: "string", minLength: 1, description });
const condition: Schema = {
  type: "object",
  description: "{ option, equals? } | { argument, is?, equals? } | { calledAfter }",
  properties: {
    option: text("A property of an object-literal argument"),
    equals: { description: "The literal value it must have" },
    argument: { type: "integer", minimum: 0, description: "Index of the argument" },
    is: { enum: ["number", "string", "object", "function", "absent"], description: "What the argument must be" },
    calledAfter: text("A method called on the result (unref)"),
  },
};
const knowledgeEntry: Schema = {
  type: "object",
  description: "A library call that starts async work (see docs/knowledge.md)",
  properties: {
    package: text("npm package name, or node:<module>"),
    api: text('The call: "new Client()", "connect()", "createClient().connect()"'),
    starts: { enum: STARTS_KINDS, description: "What the call starts" },
    result: { enum: ["handle", "promise"], description: "promise: awaiting or keeping the result hands the work back" },
    versions: text("Versions the behaviour was checked on"),
    alsoAs: { type: "array", items: text("Another spelling of the same call"), description: "Other spellings of the same call" },
    lazyWhen: { type: "array", items: condition, description: "Any of these makes the call lazy" },
    onlyWhen: { type: "array", items: condition, description: "The call starts something only when one of these holds" },
    global: text("A global name that reaches the call without an import"),
    effect: text("What happens, after 'X from package'"),
    lazy: text("How to make it lazy (the finding's fix)"),
    evidence: text("Where the behaviour is documented"),
  },
  "x-check": (value) => {
    const checked = checkKnowledgeEntry(value);
    return "why" in checked ? checked : null;
  },
};

export const CONFIG_KEYS: Record<string, Schema> = {
  $schema: { type: "string", minLength: 1, description: "JSON schema of this file (for editors)" },
  entries: { type: "array", items: { type: "string", minLength: 1 }, description: "Entrypoints, relative to the project folder (default: from package.json, then conventions)" },
  include: globs("Only findings in files matching these globs are reported (project-relative; !negation, {a,b}, [ab], @(a|b))"),
  ignore: globs("Findings in files matching these globs are not reported (project-relative; !negation re-includes)"),
  rules: ruleSettings("Rule id -> severity, or off"),
  overrides: {
    type: "array",
    description: "Per file glob: rule settings for matching files; a later block wins (off: counted under suppressed)",
    items: {
      type: "object",
      properties: {
        files: globs("Files this block applies to (project-relative globs)"),
        rules: ruleSettings("Rule id -> severity, or off, for these files"),
      },
    },
  },
  timeout: ms("How long an entry may take to start, in milliseconds"),
  slow: ms("Finished, but slower than this (milliseconds) is 'slow'"),
  concurrency: { type: "integer", minimum: 1, maximum: 64, description: "Entries probed in parallel" },
  runtime: { enum: ["auto", "node", "bun", "node,bun", "bun,node"], description: "Runtime for the probe" },
  failOn: { enum: ["error", "warning", "warn", "info", "none"], description: "Exit 1 when a finding is at or above this severity" },
  env: { type: "object", additionalProperties: { type: "string" }, description: "Environment variables for the probe's child process" },
  envFile: path("KEY=VALUE file added to the probe's environment (inside the project)"),
  tsconfig: path("tsconfig to use for every file"),
  baseline: path("Baseline file of known problems (inside the project)"),
  scope: { enum: ["startup", "all"], description: "startup (default): leave out tests, stories, scripts and browser code; all: every file" },
  knowledge: { type: "array", items: knowledgeEntry, description: "Library calls that start async work, added to the built-in table" },
};

export function configSchema(): Record<string, unknown> {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "startup-doctor.config.schema.json",
    title: "startup-doctor configuration",
    description: "startup-doctor.config.json, or the \"startup-doctor\" key of package.json. Comments and trailing commas are accepted.",
    type: "object",
    properties: Object.fromEntries(Object.entries(CONFIG_KEYS).map(([key, schema]) => [key, toJsonSchema(schema)])),
    additionalProperties: false,
  };
}

/** Drops the x- annotations and closes named objects, as the validator does. */
function toJsonSchema(schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-")) continue;
    if (key === "items" || key === "additionalProperties") out[key] = value === false ? false : toJsonSchema(value as Schema);
    else if (key === "propertyNames") out[key] = { enum: (value as { enum: readonly string[] }).enum };
    else if (key === "properties") out[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, toJsonSchema(v)]));
    else out[key] = value;
  }
  if (schema.properties && schema.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
