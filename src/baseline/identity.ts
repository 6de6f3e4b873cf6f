// What a baseline key keeps of a finding: rule + file + enclosing symbol + the fact's identity
// (callee or binding name). Rule keys may quote code (`app.listen(port, () => ...)`); argument
// lists (with the strings in them) and spacing are dropped, so renaming a callback parameter or
// reformatting a call leaves a known finding known. Old baseline files, written with the code
// text, normalise to the same identity when read.

/** The stable form of `key` for a finding of `rule` in `file` (the path itself is kept verbatim). */
export function stableKey(rule: string, file: string, key: string): string {
  const prefix = `${rule}:${file}:`;
  if (!key.startsWith(prefix)) return key;
  return prefix + identityText(key.slice(prefix.length));
}

export function identityText(text: string): string {
  let out = "";
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    // Quotes are tracked only inside an argument list (a ")" in a string is not the end);
    // outside, a quoted name ("Cannot access 'Base'") is identity and stays.
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (depth > 0 && (ch === '"' || ch === "'" || ch === "`")) {
      quote = ch;
      continue;
    }
    if (ch === "(") {
      if (depth === 0) out += "(";
      depth++;
      continue;
    }
    if (ch === ")" && depth > 0) {
      depth--;
      if (depth === 0) out += ")";
      continue;
    }
    if (depth === 0) out += ch;
  }
  // A call cut short ("app.listen(port, () =>...") closes like a complete one.
  if (depth > 0) out += ")";
  return out.replace(/\.\.\.$/, "").replace(/\s+/g, " ").replace(/ ?\(\)/g, "()").trim();
}
