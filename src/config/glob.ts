// Globs for include/ignore, matched by picomatch against root-relative forward-slash paths.
// picomatch (no dependencies) replaced a hand-written matcher that ignored `!negation`, `[ab]` and
// `@(a|b)` and crashed on a lone `{` (issue 11 §6). Semantics kept from before, as in .gitignore:
// a pattern without a slash matches at any depth ("*.test.ts", "generated"), a pattern naming a
// folder matches everything below it, and `!pattern` takes matching files back out.
import picomatch from "picomatch";

const OPTIONS = { dot: true } as const;

function compile(glob: string): (file: string) => boolean {
  let pattern = glob.replace(/^\.\//, "").replace(/\/+$/, "");
  if (!pattern.includes("/")) pattern = `**/${pattern}`;
  return picomatch([pattern, `${pattern}/**`], OPTIONS);
}

/** Why a glob cannot be used, or null. */
export function globProblem(glob: string): string | null {
  const body = glob.startsWith("!") ? glob.slice(1) : glob;
  if (body === "") return "empty pattern";
  if (body.startsWith("/") || /^[A-Za-z]:[\\/]/.test(body)) return "absolute; globs are relative to the project folder";
  if (body.split("/").includes("..")) return "'..' leaves the project folder";
  if (!balanced(body, "{", "}")) return "unbalanced { }";
  if (!balanced(body, "(", ")")) return "unbalanced ( )";
  let source: string;
  try {
    source = picomatch.makeRe(body, OPTIONS).source;
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
  // picomatch answers an unparsable pattern with a regexp that matches nothing.
  return source === "$^" ? "cannot be parsed" : null;
}

/** Matched by any positive glob and by no `!negated` one. */
export function matcher(globs: string[]): (file: string) => boolean {
  const positive = globs.filter((g) => !g.startsWith("!")).map(compile);
  const negative = globs.filter((g) => g.startsWith("!")).map((g) => compile(g.slice(1)));
  return (file) => positive.some((m) => m(file)) && !negative.some((m) => m(file));
}

function balanced(glob: string, open: string, close: string): boolean {
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === "\\") i += 1;
    else if (glob[i] === open) depth += 1;
    else if (glob[i] === close && --depth < 0) return false;
  }
  return depth === 0;
}
