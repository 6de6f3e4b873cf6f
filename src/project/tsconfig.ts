// Reads a tsconfig the way tsc does (extends chains, include/exclude, references), so files and
// module resolution match the project's own build.
import { InputError } from "../util/errors.js";
import { dirOf, resolvePath, toPosix } from "../util/path.js";
import { typescript, type TS } from "../util/typescript.js";
import type { TsConfig } from "./types.js";

/** Diagnostics that mean the config cannot be trusted: JSON syntax or an unreadable `extends`. */
const FATAL_CODES = new Set([5083, 6053, 5092, 18001]);

export function loadTsConfig(file: string): TsConfig {
  const ts = typescript();
  const path = resolvePath(file);
  const read = ts.readConfigFile(path, ts.sys.readFile);
  if (read.error) throw new InputError(`tsconfig ${path}${read.error.file ? " is malformed" : ""}: ${flatten(read.error)}${lineOf(read.error)}`);
  const sourceFile = ts.readJsonConfigFile(path, ts.sys.readFile);
  const syntax = (sourceFile as unknown as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? [];
  if (syntax.length > 0) throw new InputError(`tsconfig ${path} is malformed: ${flatten(syntax[0])}${lineOf(syntax[0])}`);
  // allowJs is forced so that JavaScript sources in `include` take part: they run at startup too.
  const parsed = ts.parseJsonSourceFileConfigFileContent(sourceFile, ts.sys, dirOf(path), { allowJs: true }, path);
  const fatal = parsed.errors.find((d) => FATAL_CODES.has(d.code) || (d.code >= 1000 && d.code < 1500));
  if (fatal) throw new InputError(`tsconfig ${path}: ${flatten(fatal)}`);
  return {
    file: path,
    options: parsed.options,
    fileNames: parsed.fileNames.map(toPosix),
    references: (parsed.projectReferences ?? []).map((r) => resolveReference(r.path)),
  };
}

function resolveReference(path: string): string {
  const p = toPosix(path);
  return p.endsWith(".json") ? p : `${p}/tsconfig.json`;
}

function flatten(d: TS.Diagnostic): string {
  return typescript().flattenDiagnosticMessageText(d.messageText, " ");
}

function lineOf(d: TS.Diagnostic): string {
  if (!d.file || d.start === undefined) return "";
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return ` (line ${line + 1}, column ${character + 1})`;
}

/** verbatimModuleSyntax / preserveValueImports: imports are emitted as written. */
export function isVerbatim(options: TS.CompilerOptions): boolean {
  return options.verbatimModuleSyntax === true || options.preserveValueImports === true;
}
