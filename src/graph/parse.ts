// The single place where a source file is read and parsed (syntax only, no type check). Facts
// are extracted in the same pass so that no syntax tree outlives its file.
import { isTypeScriptFile } from "../util/path.js";
import { collectImportSites } from "./collect-edges.js";
import { factExtractors } from "./facts/index.js";
import { adoptAndIndex } from "./tree-index.js";
import { readSourceText } from "./read-source.js";
import { typescript, type TS } from "./typescript.js";
import type { ImportSite, ModuleFacts } from "./types.js";

export interface ParsedFile {
  sites: ImportSite[];
  facts: ModuleFacts;
  syntaxErrors: Array<{ line: number; message: string }>;
  problem?: string;
}

export interface ParseOptions {
  verbatim: boolean;
  decoratorMetadata: boolean;
  /** The module format tsc writes for this file (see emit-format.ts). */
  format?: "esm" | "commonjs";
  strictNullChecks?: boolean;
}

export function parseFile(file: string, options: ParseOptions): ParsedFile {
  const ts = typescript();
  const source = readSourceText(file);
  if ("unreadable" in source) return empty(source.unreadable);
  const { text } = source;
  let problem = source.problem;
  // A file nested deeper than the parser's recursion (784 parentheses, 1,955 blocks) overflows the
  // stack: that file is skipped with a warning and the run goes on (issue 10 §3).
  let sf: TS.SourceFile;
  try {
    // JSDoc is never read (no rule looks at comments' types): not parsing it saves about a quarter
    // of the parse (measured on typeorm), as tsc itself does for files it does not type-check.
    sf = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKindOf(ts, file));
    adoptAndIndex(ts, sf);
  } catch (error) {
    if (isStackOverflow(error)) return empty(`${problem ? `${problem}; ` : ""}nested too deeply for the TypeScript parser (stack overflow), skipped`);
    throw error;
  }
  const diagnostics = (sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const syntaxErrors = diagnostics.slice(0, 3).map((d) => ({
    line: sf.getLineAndCharacterOfPosition(d.start).line + 1,
    message: ts.flattenDiagnosticMessageText(d.messageText, " "),
  }));
  let sites: ImportSite[];
  try {
    sites = collectImportSites(sf, { verbatim: options.verbatim, isTypeScript: isTypeScriptFile(file), decoratorMetadata: options.decoratorMetadata });
  } catch (error) {
    if (isStackOverflow(error)) return empty(`${problem ? `${problem}; ` : ""}nested too deeply to read its imports (stack overflow), skipped`);
    throw error;
  }
  const facts: ModuleFacts = {};
  const skipped: string[] = [];
  for (const extractor of factExtractors) {
    try {
      facts[extractor.id] = extractor.extract({ file, sourceFile: sf, emit: { decoratorMetadata: options.decoratorMetadata, format: options.format ?? "esm", strictNullChecks: options.strictNullChecks === true } });
    } catch (error) {
      // Imports are kept; the rules that need this extractor's facts see none for the file.
      if (!isStackOverflow(error)) throw error;
      skipped.push(extractor.id);
    }
  }
  if (skipped.length > 0) problem = `${problem ? `${problem}; ` : ""}nested too deeply for the ${skipped.join(", ")} facts (stack overflow); its imports are kept`;
  return { sites, facts, syntaxErrors, ...(problem ? { problem } : {}) };
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function empty(problem: string): ParsedFile {
  return { sites: [], facts: {}, syntaxErrors: [], problem };
}

function scriptKindOf(ts: typeof TS, file: string): TS.ScriptKind {
  if (file.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (file.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.[cm]?ts$/.test(file)) return ts.ScriptKind.TS;
  // .js files may hold JSX (React projects); TS parses JSX in .js as JS with JSX support.
  return /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.Unknown;
}
