// The serialisable facts the startup rules read. No syntax nodes survive the parse: only names and
// positions (a finding quotes its line through RuleContext.lineText).

export interface Where {
  line: number;
  column: number;
}

/** What a call's callee looks like, syntactically. */
export type Callee =
  | { kind: "name"; name: string }
  | { kind: "this"; name: string }
  | { kind: "super"; name: string }
  /** `ns.fn()` or `obj.method()`: `object` is the root identifier. */
  | { kind: "member"; object: string; name: string };

/**
 * What happens to a call's result: thrown away (`floating`, `void`, a `.then()` chain), waited for
 * (`awaited`), or handed on (`stored`, `returned`, `argument`), or used otherwise (`other`).
 */
export type CallUse = "floating" | "void" | "then" | "awaited" | "stored" | "returned" | "argument" | "other";

export interface CallFact extends Where {
  callee: Callee;
  isNew: boolean;
  use: CallUse;
}

/** Async work started directly, recognisable without following any call. */
export type StartKind = "new-promise" | "then-chain" | "void" | "connect" | "listen" | "async-iife";

export type LiteralValue = string | number | boolean | null;

/** An argument as far as its syntax tells: a literal, an object literal's properties, or opaque. */
export interface ArgFact {
  kind: "number" | "string" | "boolean" | "null" | "object" | "array" | "function" | "other";
  value?: LiteralValue;
  /** For an object literal: its named properties (one level deep). */
  props?: Record<string, ArgFact>;
  /** The argument may carry more than the syntax shows (an identifier, a spread). */
  opaque?: boolean;
}

export type ChainStepFact = { kind: "get"; name: string } | { kind: "call"; isNew: boolean; args: ArgFact[] };

/**
 * A call rooted at a name that may come from a package (an import binding, `require("x")`, a
 * global such as setInterval), with the property reads and calls that lead to it. Variables and
 * fields holding such a value are substituted: `const c = createClient(); c.connect()` is
 * recorded as `createClient().connect()`. Library knowledge matches these after resolution.
 */
export interface LibraryCallFact extends Where {
  /** An identifier as written, or `require:<specifier>`. */
  root: string;
  steps: ChainStepFact[];
  use: CallUse;
  /** Methods called on the result: chained, or later on the variable or field that holds it. */
  calledAfter: string[];
}

export interface StartFact extends Where {
  kind: StartKind;
  /** Short description, e.g. "setInterval(...)", ".then() chain on this.init()". */
  detail: string;
}

export interface AwaitedImport extends Where {
  specifier: string;
}

/** What one body (constructor, method, function, module scope) does when it runs. */
export interface BodyFacts {
  calls: CallFact[];
  starts: StartFact[];
  /** Calls that library knowledge may recognise (see LibraryCallFact). */
  libraryCalls: LibraryCallFact[];
  /** `import()` calls whose promise is awaited or returned by this body. */
  awaitedImports: AwaitedImport[];
  /** Calls whose promise is awaited or returned by this body. */
  awaitedCalls: CallFact[];
}

export interface MethodFact {
  name: string;
  line: number;
  async: boolean;
  isStatic: boolean;
  body: BodyFacts;
}

export interface ClassFact {
  /** Local name; "default" for an anonymous default-exported class. */
  name: string;
  line: number;
  /** `extends X` or `extends ns.X`; null without a base class or with another expression. */
  base: { name: string; member?: string } | null;
  methods: MethodFact[];
  /** Line of the explicit constructor, if any. */
  constructorLine: number | null;
  /** Constructor body plus instance field initialisers: what `new` runs in this class. */
  construction: BodyFacts;
}

export interface FunctionFact {
  name: string;
  line: number;
  async: boolean;
  body: BodyFacts;
}

export type LocalKind = "function" | "class" | "const" | "let" | "var" | "enum" | "default-expression";

export interface ImportBinding {
  local: string;
  specifier: string;
  /** Exported name, "default", or "*" for a namespace / whole `require()` result. */
  imported: string;
  /** Bound by `require()` (CommonJS): read once, when the require runs. */
  viaRequire: boolean;
  /** Added: line of the import statement or `require()` declaration. */
  line?: number;
}

export type ExportFact =
  | { exported: string; local: string }
  | { exported: string; specifier: string; imported: string };

/**
 * How a CommonJS module fills its exports object (hand-written, or TypeScript's `export =`):
 * until these lines run, a module that requires it sees the property missing (undefined).
 */
export interface CommonJsExports {
  /** `module.exports = ...` / `export = ...`: the object is replaced here; earlier holders keep the old, empty one. */
  replacedAt: number | null;
  /** `exports.x = ...` / `module.exports.x = ...`, by exported name. */
  assignedAt: Map<string, number>;
}

export interface DeclarationFacts {
  imports: ImportBinding[];
  exports: ExportFact[];
  /** `export * from "x"` specifiers. */
  starExports: string[];
  locals: Map<string, LocalKind>;
  /** Added: line of each module-level declaration. */
  localLines?: Map<string, number>;
  /** Added: present when the module exports through CommonJS (`module.exports`, `exports.x`, `export =`). */
  commonjsExports?: CommonJsExports;
  classes: ClassFact[];
  functions: FunctionFact[];
}

/**
 * `decorator`: passed as a decorator argument; `metadata`: read by the `design:*` metadata tsc
 * emits under emitDecoratorMetadata (runtime-facts §6.3).
 */
export type UseHow = "extends" | "new" | "call" | "member" | "decorator" | "metadata" | "spread" | "read";

/** A module-scope read of an imported binding (runs while the module is evaluated). */
export interface ImportUse extends Where {
  local: string;
  /** For `ns.X` on a namespace import: X. */
  member?: string;
  how: UseHow;
  /** Added: for `member`, the property read when it is written out (`x.name`, `x[0]`). */
  property?: string;
  /** Added: for a use that runs later, the function that holds it; for `metadata`, `Class.member`. */
  within?: string;
  /** Added: for `metadata`, the key tsc emits ("design:type", "design:paramtypes", "design:returntype"). */
  metadata?: string;
  /** Added: for `metadata`, a constructor parameter of a class a DI container builds (@Injectable...). */
  injected?: true;
}

/** What the file's compiler emits, as far as facts depend on it. */
export interface EmitFacts {
  decoratorMetadata: boolean;
  /** tsc keeps `X | null` as X in metadata only without strictNullChecks. */
  strictNullChecks?: boolean;
  /** The module format tsc writes for this file (tsconfig `module`, package.json `type`). */
  format: "esm" | "commonjs";
}

export interface ModuleScopeFacts {
  body: BodyFacts;
  /** Every module-scope `await` / `for await` (top-level await). */
  topLevelAwaits: Where[];
  uses: ImportUse[];
  /** The file uses CommonJS syntax (require / module.exports / exports.x). */
  commonjs: boolean;
  /** Added: the first use of each require()-bound name inside code that runs later (a handler). */
  laterUses?: ImportUse[];
  /** Added: what the compiler emits for this file. */
  emit?: EmitFacts;
  /** Module-level variables that hold a value from a package (`export const redis = createClient()`). */
  libraryValues: Map<string, LibraryValue>;
}

/** Where a variable's value comes from: `root` and the steps that produced it. */
export interface LibraryValue {
  root: string;
  steps: ChainStepFact[];
}
