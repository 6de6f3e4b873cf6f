// How a source file's bytes become the text the parser sees. The parse and the lines quoted in
// findings (source-lines.ts) read through this one function, so a quoted line is the parsed one.
import { readFileSync } from "node:fs";

export type SourceText = { text: string; problem?: string } | { unreadable: string };

const decoder = new TextDecoder("utf-8", { fatal: true });

export function readSourceText(file: string): SourceText {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { unreadable: `cannot read file (${(error as NodeJS.ErrnoException).code ?? "error"}), skipped` };
  }
  return sourceTextOf(bytes);
}

/** The text the parser sees in a file's bytes (the --cache reads them once for its hash and its layout too). */
export function sourceTextOf(bytes: Uint8Array): SourceText {
  if (bytes.includes(0)) return { unreadable: "binary file with a source extension, skipped" };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"), problem: "not valid UTF-8; read as Latin-1" };
  }
}
