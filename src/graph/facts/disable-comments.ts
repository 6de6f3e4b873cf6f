// `startup-doctor-disable...` comments, as ESLint users write them: collected in the parse pass
// as plain data; src/rules/suppressions applies them to findings.
//   // startup-doctor-disable-next-line tdz-risk, import-cycle -- reason
//   foo(); // startup-doctor-disable-line
//   /* startup-doctor-disable tdz-risk */   (from here to the end of the file, or to an enable)
//   /* startup-doctor-enable tdz-risk */
import { typescript, type TS } from "../typescript.js";
import type { FactExtractor } from "./types.js";

export const DISABLE_COMMENTS = "disable-comments";

export type DisableKind = "next-line" | "line" | "disable" | "enable";

export interface DisableComment {
  kind: DisableKind;
  /** Line of the comment itself (1-based). */
  line: number;
  /** Rule ids named; empty = every rule. */
  rules: string[];
  /** Text after `--`. */
  reason?: string;
}

const MARKER = "startup-doctor-";
const DIRECTIVE = /^\s*startup-doctor-(disable-next-line|disable-line|disable|enable)(?=\s|$)([\s\S]*)$/;

export const disableComments: FactExtractor<DisableComment[]> = {
  id: DISABLE_COMMENTS,
  extract({ sourceFile: sf }) {
    if (!sf.text.includes(MARKER)) return [];
    return collect(typescript(), sf);
  },
};

function collect(ts: typeof TS, sf: TS.SourceFile): DisableComment[] {
  const out: DisableComment[] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sf.languageVariant, sf.text);
  // Comments are trivia: a scanner that keeps trivia sees each one exactly once, never inside a string.
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== ts.SyntaxKind.SingleLineCommentTrivia && token !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const raw = scanner.getTokenText();
    if (!raw.includes(MARKER)) continue;
    const body = token === ts.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2).replace(/^\s*\*/gm, " ");
    const parsed = parseDirective(body);
    if (!parsed) continue;
    const line = sf.getLineAndCharacterOfPosition(scanner.getTokenStart()).line + 1;
    out.push({ ...parsed, line });
  }
  return out;
}

export function parseDirective(body: string): Omit<DisableComment, "line"> | null {
  const m = DIRECTIVE.exec(body);
  if (!m) return null;
  const kind: DisableKind = m[1] === "disable-next-line" ? "next-line" : m[1] === "disable-line" ? "line" : (m[1] as "disable" | "enable");
  const [list, ...why] = m[2].split(/\s--\s?|^--\s?/);
  const rules = list.split(/[\s,]+/).filter((r) => r !== "");
  const reason = why.join(" -- ").trim();
  return { kind, rules, ...(reason ? { reason } : {}) };
}
