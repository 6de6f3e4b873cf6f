// Checks one configuration `knowledge` entry; the config validator names the key on failure.
import { parseApi } from "./api.js";
import { STARTS_KINDS, type Condition, type UserKnowledgeEntry } from "./types.js";

const KEYS = new Set(["package", "api", "starts", "versions", "alsoAs", "result", "lazyWhen", "onlyWhen", "global", "effect", "lazy", "evidence"]);
const ARG_TYPES = ["number", "string", "object", "function", "absent"];

/** The entry, or a reason it is not valid (completing `"knowledge[0]" ...`). */
export function checkKnowledgeEntry(raw: unknown): { entry: UserKnowledgeEntry } | { why: string; at?: string } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { why: 'must be an object like { "package": "ioredis", "api": "new Redis()", "starts": "connection" }' };
  const e = raw as Record<string, unknown>;
  for (const key of Object.keys(e)) if (!KEYS.has(key)) return { why: `is not a known key (known: ${[...KEYS].join(", ")})`, at: key };
  if (typeof e.package !== "string" || e.package === "") return { why: "must be a non-empty string (the npm package name, or node:<module>)", at: "package" };
  if (typeof e.api !== "string" || !parseApi(e.api)) return { why: 'must be a call like "new Client()", "connect()" or "createClient().connect()"', at: "api" };
  if (typeof e.starts !== "string" || !(STARTS_KINDS as readonly string[]).includes(e.starts)) return { why: `must be one of ${STARTS_KINDS.join(", ")}`, at: "starts" };
  if (e.result !== undefined && e.result !== "handle" && e.result !== "promise") return { why: "must be handle or promise", at: "result" };
  for (const key of ["versions", "global", "effect", "lazy", "evidence"]) {
    if (e[key] !== undefined && (typeof e[key] !== "string" || e[key] === "")) return { why: "must be a non-empty string", at: key };
  }
  if (e.alsoAs !== undefined && (!Array.isArray(e.alsoAs) || e.alsoAs.some((a) => typeof a !== "string" || !parseApi(a)))) return { why: "must be an array of calls like the api", at: "alsoAs" };
  for (const key of ["lazyWhen", "onlyWhen"]) {
    const list = e[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return { why: "must be an array of conditions", at: key };
    const bad = list.findIndex((c) => !isCondition(c));
    if (bad >= 0) return { why: 'must be { "option": name, "equals"?: value }, { "argument": index, "is"?: type, "equals"?: value } or { "calledAfter": method }', at: `${key}[${bad}]` };
  }
  return { entry: e as unknown as UserKnowledgeEntry };
}

function isCondition(c: unknown): c is Condition {
  if (typeof c !== "object" || c === null) return false;
  const x = c as Record<string, unknown>;
  const literal = (v: unknown): boolean => v === undefined || v === null || ["string", "number", "boolean"].includes(typeof v);
  if (typeof x.calledAfter === "string") return Object.keys(x).length === 1;
  if (typeof x.option === "string") return literal(x.equals) && Object.keys(x).every((k) => k === "option" || k === "equals");
  if (typeof x.argument === "number" && Number.isInteger(x.argument) && x.argument >= 0) {
    return (x.is === undefined || ARG_TYPES.includes(x.is as string)) && literal(x.equals) && Object.keys(x).every((k) => ["argument", "is", "equals"].includes(k));
  }
  return false;
}
