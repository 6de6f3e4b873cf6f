// V8 keeps a substring of 13 or more characters as a slice of its parent string, so a name read
// from a syntax tree (an identifier, a specifier) keeps its whole file's text alive: every file
// of a 100k-module scan stayed in memory that way. Facts are given strings of their own, one copy
// per distinct string across the run (class and import names repeat from file to file).

/** Replaces, in place, every string in a tree of plain objects and arrays by the run's copy. */
export type Interner = <T>(value: T) => T;

const SLICE_MIN = 13;

export function createInterner(): Interner {
  const table = new Map<string, string>();
  const own = (s: string): string => {
    let copy = table.get(s);
    if (copy === undefined) {
      // Concatenation then slicing flattens into a new string: the result no longer points into the file.
      copy = s.length < SLICE_MIN ? s : (` ${s}`).slice(1);
      table.set(copy, copy);
    }
    return copy;
  };
  const visit = (value: unknown): unknown => {
    if (typeof value === "string") return own(value);
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = visit(value[i]);
    } else {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) record[key] = visit(record[key]);
    }
    return value;
  };
  return <T>(value: T): T => visit(value) as T;
}
