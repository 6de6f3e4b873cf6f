// Minimal globs for include/ignore, matched against root-relative forward-slash paths:
// `**` any number of folders, `*` and `?` within one segment, `{a,b}` alternatives.
// A pattern without a slash matches at any depth (like .gitignore): "*.test.ts", "generated".
// A pattern naming a folder matches everything below it.
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.replace(/^\.\//, "").replace(/\/+$/, "");
  const anchored = pattern.includes("/");
  if (!anchored) pattern = `**/${pattern}`;
  let re = "";
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "{") {
      depth += 1;
      re += "(?:";
    } else if (ch === "}" && depth > 0) {
      depth -= 1;
      re += ")";
    } else if (ch === "," && depth > 0) re += "|";
    else re += ch.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

export function matcher(globs: string[]): (file: string) => boolean {
  const res = globs.map(globToRegExp);
  return (file) => res.some((re) => re.test(file));
}
