// The parse pool's messages: a file to parse in, its plain-data result out (no syntax tree
// crosses threads; see parse.ts).
import type { ParsedFile, ParseOptions } from "../parse.js";

export interface ParseRequest {
  id: number;
  file: string;
  options: ParseOptions;
}

export type ParseReply = { id: number; parsed: ParsedFile } | { id: number; error: string };
