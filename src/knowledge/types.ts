// The shape of library knowledge: which npm (or Node built-in) APIs start async work or keep a
// process alive when they are called, and what makes them lazy. Data only; see ./match.ts.

/** What the call starts. */
export type StartsKind = "connection" | "timer" | "server" | "worker" | "request" | "process" | "watcher";

export const STARTS_KINDS: readonly StartsKind[] = ["connection", "timer", "server", "worker", "request", "process", "watcher"];

export type LiteralValue = string | number | boolean | null;

/**
 * A condition on one call, read from its syntax:
 * - `option`: a property of an object-literal argument of the first call (`{ lazyConnect: true }`);
 *   without `equals`, the property only has to be present;
 * - `argument`: the argument at that index is a literal of this type or value (or is absent);
 * - `calledAfter`: this method is called on the result (`setInterval(...).unref()`, or `t.unref()`
 *   on the variable it was stored in).
 */
export type Condition =
  | { option: string; equals?: LiteralValue }
  | { argument: number; is?: "number" | "string" | "object" | "function" | "absent"; equals?: LiteralValue }
  | { calledAfter: string };

export interface KnowledgeEntry {
  /** npm package name, or `node:<module>` for a Node built-in. */
  package: string;
  /** The versions whose source the evidence was read from (a semver range). */
  versions: string;
  /**
   * The call, as written against the package's exports: `new Redis()`, `createClient().connect()`,
   * `connect()`. Each step after the first is a method called on the previous result (chained,
   * or later on the variable the result was stored in).
   */
  api: string;
  /** Other spellings of the same call (`new default()` when the class is also the default export). */
  alsoAs?: string[];
  starts: StartsKind;
  /** `promise`: the call returns a promise, and awaiting or keeping it hands the work back. */
  result?: "handle" | "promise";
  /** Any of these makes the call lazy: nothing starts. */
  lazyWhen?: Condition[];
  /** The call starts something only when one of these holds (ws `{ port }`, socket.io `new Server(3000)`). */
  onlyWhen?: Condition[];
  /** The global name that reaches the same API without an import (`setInterval`, `fetch`). */
  global?: string;
  /** What happens, completing "new Redis() from ioredis ...": "connects when constructed and reconnects forever". */
  effect: string;
  /** How to make it lazy, or where to move it. */
  lazy: string;
  /** The package source file and line (or the docs) that show the behaviour, and the fixture that checks it. */
  evidence: string;
}

/** An entry a user adds in the configuration file: the first three fields are required. */
export type UserKnowledgeEntry = Pick<KnowledgeEntry, "package" | "api" | "starts"> & Partial<Omit<KnowledgeEntry, "package" | "api" | "starts">>;

/** One parsed step of an API: a property read, or a call (`new` or not). */
export type ApiStep = { kind: "get"; name: string } | { kind: "call"; isNew: boolean };
