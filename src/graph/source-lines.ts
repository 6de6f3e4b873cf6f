// The source line a finding quotes. Facts keep only line numbers: quoting every call and import
// while parsing kept each file's whole text alive through V8's sliced strings (about a fifth of
// the memory of a 100k-module scan), for the few lines that findings ever show.
import { readSourceText } from "./read-source.js";

/** The trimmed text of a 1-based line of a project file ("" when it cannot be read). */
export type LineText = (file: string, line: number) => string;

// The parser's line breaks (TypeScript's isLineBreak): CRLF, LF, CR, U+2028, U+2029.
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/** A line reader that reads each file once, when a finding first quotes it. */
export function createLineReader(read: (file: string) => string | null = textOf): LineText {
  const lines = new Map<string, readonly string[]>();
  return (file, line) => {
    let of = lines.get(file);
    if (!of) {
      of = read(file)?.split(LINE_BREAK) ?? [];
      lines.set(file, of);
    }
    // trim() matches what the parse quoted before (it also drops a BOM on line 1).
    return of[line - 1]?.trim() ?? "";
  };
}

function textOf(file: string): string | null {
  const source = readSourceText(file);
  return "text" in source ? source.text : null;
}
