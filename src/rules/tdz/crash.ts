// What a read of a binding does while the module that defines it has not run yet, and the exact
// error the runtime prints. ESM (and tsx's CommonJS output, whose exports are getters over the
// module's own bindings, runtime-facts §4.14) keeps the declaration in its TDZ; a hand-written
// CommonJS exports object, tsc's `exports.X = X` and `export =` (module.exports replaced) hold
// `undefined`, or an empty object for a caller that kept the whole exports object.
import type { ImportBinding, ImportUse } from "../../graph/facts/shapes.js";
import type { Declared } from "../../graph/facts/symbols.js";

export type Uninitialised = "tdz" | "undefined" | "empty-object";

/** How the module read from fills its exports: live ES bindings, or a CommonJS object. */
export type ExportStyle = "esm" | "commonjs-assign" | "commonjs-replace";

export function stateOf(declared: Declared, style: ExportStyle, wholeObject: boolean): Uninitialised | null {
  if (style === "commonjs-replace") return wholeObject ? "empty-object" : "undefined";
  if (style === "commonjs-assign") return wholeObject ? null : "undefined";
  switch (declared.kind) {
    // Hoisted and initialised before any module body runs (also in tsx's and tsc's CommonJS output).
    case "function":
    case "namespace":
      return null;
    case "var":
    case "enum":
      return "undefined";
    default:
      return "tdz";
  }
}

/** The error `use` throws in that state, or null when it only passes the missing value on. */
export function crashOf(state: Uninitialised, use: ImportUse, declaredName: string): string | null {
  const name = use.member ? `${use.local}.${use.member}` : use.local;
  if (state === "tdz") return `ReferenceError: Cannot access '${declaredName}' before initialization`;
  // A kept exports object `{}` is not undefined: only calling or extending it throws.
  const emptyObject = state === "empty-object" && !use.member;
  if (emptyObject && use.how === "member") return null;
  switch (use.how) {
    case "extends":
      return `TypeError: Class extends value ${emptyObject ? "#<Object>" : "undefined"} is not a constructor or null`;
    case "new":
      return `TypeError: ${name} is not a constructor`;
    case "call":
      return `TypeError: ${name} is not a function`;
    case "member":
      return `TypeError: Cannot read properties of undefined (reading '${use.property ?? "…"}')`;
    default:
      // Passing `undefined` on does not throw here; it only spreads the bug.
      return null;
  }
}

/**
 * The same use in tsc's CommonJS output, where `import { f } from "./worker"` becomes
 * `const worker_1 = require("./worker")` and a call `(0, worker_1.f)()`: Node names that
 * expression in its message ("(0 , worker_1.defineWorkers) is not a function").
 */
export function compiledCrashOf(use: ImportUse, binding: ImportBinding): string | null {
  if (binding.imported === "*" || binding.viaRequire) return crashOf("undefined", use, use.local);
  const base = (binding.specifier.split("/").pop() ?? "module").replace(/\.[cm]?[jt]sx?$/, "").replace(/[^\w$]/g, "_");
  const property = `${/^\d/.test(base) ? `_${base}` : base}_1.${binding.imported}`;
  if (use.how === "call") return `TypeError: (0 , ${property}) is not a function`;
  return crashOf("undefined", { ...use, local: property }, property);
}
