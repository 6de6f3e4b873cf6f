// A module's code layout: its text with every comment blanked and the whitespace at each line's
// end dropped. Every token keeps its line and column, so two texts with the same layout have the
// same syntax tree at the same positions: the same import sites and facts (blank lines at the end
// are dropped too, which is sound for a module without syntax errors). The comments the facts
// do read (`startup-doctor-disable...`, disable-comments.ts) are kept as they are. A --cache run
// whose changed modules kept their layout (an edited or appended comment, trailing spaces) keeps
// the last analysis without loading the compiler (analysis-job.ts).
//
// The lexer is our own, so it declines wherever it could take code for a comment: a `/` whose
// meaning needs the grammar (after `}`, `++`, `!`, `of`, `yield`, `await`), code that may hold JSX
// (a `<` where an expression can start, outside .ts/.mts/.cts files), a backslash or non-ASCII
// character in code, anything left open at the end. A declined module has no layout and is
// parsed again, as before. test/graph/code-layout.test.ts holds its comments to the compiler's own, token by token.
import { createHash } from "node:crypto";
import { sourceTextOf } from "./read-source.js";

/**
 * Identifiers after which a `/` starts a regular expression: the keywords an expression follows,
 * and those after which only a new statement can (`break` then a line break: inserted semicolon).
 */
const BEFORE_EXPRESSION = new Set(["return", "typeof", "instanceof", "in", "new", "delete", "void", "throw", "case", "do", "else", "extends", "default", "break", "continue", "debugger"]);
/** Identifiers after which only the grammar tells a regular expression from a division. */
const AMBIGUOUS = new Set(["of", "yield", "await", "let"]);
/** Keywords whose parenthesised head is followed by a statement (where a `/` starts a regular expression). */
const STATEMENT_HEADS = new Set(["if", "while", "for", "with"]);
const MARKER = "startup-doctor-";

/** What a `/` met now would be. */
const Slash = { Regex: 0, Division: 1, Unknown: 2 } as const;
type Slash = (typeof Slash)[keyof typeof Slash];

/** What is open: a bracket of each kind, or a template literal's `${`. */
const Open = { Paren: 0, StatementParen: 1, Bracket: 2, Brace: 3, Substitution: 4 } as const;
type Open = (typeof Open)[keyof typeof Open];

const LF = 10;
const CR = 13;

function isLineBreak(c: number): boolean {
  return c === LF || c === CR || c === 0x2028 || c === 0x2029;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 35;
}

function lineEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
  return end;
}

export interface Layout {
  /** The text with comments blanked (each kept line break in place) and line-end whitespace dropped. */
  text: string;
  /** Where each comment is, [start, end) in the original text (for the test against the compiler). */
  comments: Array<[number, number]>;
}

/** The layout of a module's text, or null where the lexer declines (see above). */
export function codeLayout(file: string, text: string): Layout | null {
  const jsxFree = /\.[cm]?ts$/.test(file);
  const parts: string[] = [];
  const comments: Array<[number, number]> = [];
  const open: Open[] = [];
  const n = text.length;
  let copied = 0;
  let slash: Slash = Slash.Regex;
  let afterDot = false;
  // The kind of `(` about to open: a statement head's, after `if` and the like.
  let statementHead = false;

  // A `#!` line is read by the parser as trivia, kept here as it is.
  let i = text.startsWith("#!") ? lineEnd(text, 0) : 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 11 || c === 12) {
      i++;
    } else if (c === LF || c === CR) {
      const end = c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      // Most lines end in code: they stay in the text copied as it is.
      const previous = text.charCodeAt(i - 1);
      if (i === copied || previous === 32 || previous === 9) {
        if (i > copied) parts.push(text.slice(copied, i));
        dropLineEndSpace(parts);
        parts.push(text.slice(i, end));
        copied = end;
      }
      i = end;
    } else if (c === 47) {
      const next = text.charCodeAt(i + 1);
      if (next === 47 || next === 42) {
        const start = i;
        let end: number;
        if (next === 47) end = lineEnd(text, i + 2);
        else {
          const close = text.indexOf("*/", i + 2);
          if (close < 0) return null;
          end = close + 2;
        }
        comments.push([start, end]);
        const body = text.slice(start, end);
        if (!body.includes(MARKER)) {
          if (start > copied) parts.push(text.slice(copied, start));
          if (next === 42) {
            // A comment over several lines keeps its line breaks; the columns after it on its last line hold.
            const breaks = body.match(/\r\n|[\n\r\u2028\u2029]/g);
            if (breaks) {
              dropLineEndSpace(parts);
              parts.push(breaks.join(""));
              const lastLine = body.length - Math.max(body.lastIndexOf("\n"), body.lastIndexOf("\r"), body.lastIndexOf("\u2028"), body.lastIndexOf("\u2029")) - 1;
              parts.push(" ".repeat(lastLine));
            } else parts.push(" ".repeat(body.length));
          }
          copied = end;
        }
        i = end;
      } else if (slash === Slash.Regex) {
        i++;
        let inClass = false;
        for (;;) {
          if (i >= n) return null;
          const r = text.charCodeAt(i);
          if (isLineBreak(r)) return null;
          if (r === 92) {
            if (isLineBreak(text.charCodeAt(i + 1))) return null;
            i += 2;
          } else {
            i++;
            if (r === 91) inClass = true;
            else if (r === 93) inClass = false;
            else if (r === 47 && !inClass) break;
          }
        }
        while (i < n && isWordChar(text.charCodeAt(i))) i++;
        slash = Slash.Division;
        afterDot = false;
      } else if (slash === Slash.Division) {
        i++;
        slash = Slash.Regex;
        afterDot = false;
      } else return null;
      continue;
    } else if (c === 39 || c === 34) {
      i++;
      for (;;) {
        if (i >= n) return null;
        const s = text.charCodeAt(i);
        if (s === c) break;
        if (s === LF || s === CR) return null;
        i += s === 92 ? (text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF ? 3 : 2) : 1;
      }
      i++;
      slash = Slash.Division;
      afterDot = false;
    } else if (c === 96) {
      i = templateEnd(text, i + 1, open);
      if (i < 0) return null;
      slash = text.charCodeAt(i - 1) === 123 ? Slash.Regex : Slash.Division;
      afterDot = false;
    } else if (isWordChar(c)) {
      const start = i;
      while (i < n && (isWordChar(text.charCodeAt(i)) || (c >= 48 && c <= 57 && text.charCodeAt(i) === 46))) i++;
      // Every keyword that matters is 2 to 10 lowercase letters: other words are never sliced.
      const word = !afterDot && c >= 97 && c <= 122 && i - start >= 2 && i - start <= 10 ? text.slice(start, i) : "";
      if (word === "") slash = Slash.Division;
      else if (BEFORE_EXPRESSION.has(word)) slash = Slash.Regex;
      else if (AMBIGUOUS.has(word)) slash = Slash.Unknown;
      else slash = Slash.Division;
      // `for await (`: the parenthesis is still a statement head's.
      statementHead = word !== "" && (STATEMENT_HEADS.has(word) || (word === "await" && statementHead));
      afterDot = false;
      continue;
    } else if (c >= 0x80 || c === 92 || (c === 60 && !jsxFree && slash !== Slash.Division)) {
      // JSX starts where an expression can (where a `/` would start a regular expression): a `<`
      // after a name, a number or a `)` compares, or opens type arguments.
      return null;
    } else {
      // Punctuation.
      i++;
      const head = statementHead;
      statementHead = false;
      afterDot = false;
      if (c === 40) {
        open.push(head ? Open.StatementParen : Open.Paren);
        slash = Slash.Regex;
      } else if (c === 41) {
        const was = open.pop();
        if (was !== Open.Paren && was !== Open.StatementParen) return null;
        slash = was === Open.StatementParen ? Slash.Regex : Slash.Division;
      } else if (c === 91) {
        open.push(Open.Bracket);
        slash = Slash.Regex;
      } else if (c === 93) {
        if (open.pop() !== Open.Bracket) return null;
        slash = Slash.Division;
      } else if (c === 123) {
        open.push(Open.Brace);
        slash = Slash.Regex;
      } else if (c === 125) {
        const was = open.pop();
        if (was === Open.Substitution) {
          i = templateEnd(text, i, open);
          if (i < 0) return null;
          slash = text.charCodeAt(i - 1) === 123 ? Slash.Regex : Slash.Division;
        } else if (was === Open.Brace) slash = Slash.Unknown;
        else return null;
      } else if (c === 46) {
        if (text.charCodeAt(i) === 46 && text.charCodeAt(i + 1) === 46) {
          i += 2;
          slash = Slash.Regex;
        } else if (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
          while (i < n && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
          slash = Slash.Division;
        } else {
          afterDot = true;
          slash = Slash.Regex;
        }
      } else if ((c === 43 || c === 45) && text.charCodeAt(i) === c) {
        i++;
        slash = Slash.Unknown;
      } else if (c === 33 && text.charCodeAt(i) !== 61) {
        // `x!` (TypeScript's non-null assertion) or `!x`.
        slash = Slash.Unknown;
      } else if (c === 63 && text.charCodeAt(i) === 46 && !(text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57)) {
        i++;
        afterDot = true;
        slash = Slash.Regex;
      } else {
        slash = Slash.Regex;
      }
    }
  }
  if (open.length > 0) return null;
  if (n > copied) parts.push(text.slice(copied, n));
  // Blank lines at the end move no token: only the end of the file, where a syntax error may be
  // reported (a layout is kept only for modules that parsed without one: parsed-cache.ts).
  return { text: parts.join("").trimEnd(), comments };
}

/**
 * From inside a template literal's text to just after its closing backtick, or just after a `${`
 * (then pushed on `open`); -1 when it never ends.
 */
function templateEnd(text: string, from: number, open: Open[]): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === 96) return i + 1;
    else if (c === 36 && text.charCodeAt(i + 1) === 123) {
      open.push(Open.Substitution);
      return i + 2;
    } else i++;
  }
  return -1;
}

function dropLineEndSpace(parts: string[]): void {
  while (parts.length > 0) {
    const last = parts[parts.length - 1];
    let end = last.length;
    while (end > 0 && (last.charCodeAt(end - 1) === 32 || last.charCodeAt(end - 1) === 9)) end--;
    if (end === last.length) return;
    if (end > 0) {
      parts[parts.length - 1] = last.slice(0, end);
      return;
    }
    parts.pop();
  }
}

/** A digest of a module's layout from its file's bytes, as the parser reads them; null when unreadable as UTF-8, or declined. */
export function codeLayoutDigest(file: string, bytes: Uint8Array): string | null {
  const source = sourceTextOf(bytes);
  if (!("text" in source) || source.problem) return null;
  return digestOf(file, source.text);
}

export function digestOf(file: string, text: string): string | null {
  const layout = codeLayout(file, text);
  return layout ? createHash("sha1").update(layout.text).digest("base64") : null;
}
