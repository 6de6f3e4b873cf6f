// The JSON report's text: JSON.stringify's two-space layout, except that an object holding only
// numbers, strings, booleans and nulls is one line, as JSON.stringify writes it without spaces (a
// chain step, a cycle edge, a library entry), and so is such an array when it fits in WIDTH
// columns (a finding's entrypoints). The data is JSON.stringify's; a chain reads one step per
// line, and a 10k-module loop's report is 17% smaller. Leaves go to JSON.stringify whole: a writer
// of its own for every value took 5x JSON.stringify's time on that report (0.8 s).
const WIDTH = 100;

export function jsonText(value: unknown): string {
  const out: string[] = [];
  if (!write(out, value, "")) out.push("null");
  out.push("\n");
  return out.join("");
}

/** Appends the value's text; false for what JSON cannot say (undefined, a function, a symbol). */
function write(out: string[], value: unknown, indent: string): boolean {
  const v = toJsonValue(value);
  if (v === null || typeof v !== "object") {
    const text = JSON.stringify(v);
    if (text === undefined) return false;
    out.push(text);
    return true;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) out.push("[]");
    else if (!(v.every(isPlain) && fitsOneLine(out, JSON.stringify(v), indent))) {
      for (let i = 0; i < v.length; i++) {
        out.push(i > 0 ? `,\n${inner}` : `[\n${inner}`);
        if (!write(out, v[i], inner)) out.push("null");
      }
      out.push(`\n${indent}]`);
    }
    return true;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.every((k) => isPlain(o[k]))) {
    out.push(JSON.stringify(o));
    return true;
  }
  let first = true;
  for (const k of keys) {
    const at = out.length;
    out.push(`${first ? "{" : ","}\n${inner}${JSON.stringify(k)}: `);
    if (write(out, o[k], inner)) first = false;
    else out.length = at;
  }
  out.push(first ? "{}" : `\n${indent}}`);
  return true;
}

function fitsOneLine(out: string[], line: string, indent: string): boolean {
  if (indent.length + line.length > WIDTH) return false;
  out.push(line);
  return true;
}

/** Not an object or array once toJSON() is applied: it goes on the line of its parent. */
function isPlain(x: unknown): boolean {
  const v = toJsonValue(x);
  return v === null || typeof v !== "object";
}

/** What JSON.stringify would serialise for this value: toJSON() applied, leaves as they are. */
function toJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") return (value as { toJSON: () => unknown }).toJSON();
  return value;
}
