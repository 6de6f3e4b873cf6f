// Reads a tsconfig the way tsc does (extends chains, include/exclude, references), so files and
// module resolution match the project's own build.
import { statSync } from "node:fs";
import { listDir } from "../util/dir-listings.js";
import { InputError } from "../util/errors.js";
import { dirOf, joinPath, relativeTo, resolvePath, toPosix } from "../util/path.js";
import { isReallyInside, outsideMessage } from "./confine.js";
import { typescript, type TS } from "../util/typescript.js";
import type { TsConfig } from "./types.js";

/** Diagnostics that mean the config cannot be trusted: JSON syntax or an unreadable `extends`. */
const FATAL_CODES = new Set([5083, 6053, 5092, 18001]);

/** Reported by the project loader itself ("tsconfig includes no source files"). */
const SILENT_CODES = new Set([18003]);

/** `confineTo`: include globs never follow a symbolic link out of this folder (a link to `/`). */
export function loadTsConfig(file: string, confineTo: string = dirOf(resolvePath(file))): TsConfig {
  const ts = typescript();
  const path = resolvePath(file);
  const read = ts.readConfigFile(path, ts.sys.readFile);
  if (read.error) throw new InputError(`tsconfig ${path}${read.error.file ? " is malformed" : ""}: ${flatten(read.error)}${lineOf(read.error)}`);
  const sourceFile = ts.readJsonConfigFile(path, ts.sys.readFile);
  const syntax = (sourceFile as unknown as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? [];
  if (syntax.length > 0) throw new InputError(`tsconfig ${path} is malformed: ${flatten(syntax[0])}${lineOf(syntax[0])}`);
  // allowJs is forced so that JavaScript sources in `include` take part: they run at startup too.
  const outsideLinks = new Set<string>();
  const parsed = ts.parseJsonSourceFileConfigFileContent(sourceFile, confinedHost(ts, confineTo, outsideLinks), dirOf(path), { allowJs: true }, path);
  const fatal = parsed.errors.find((d) => FATAL_CODES.has(d.code) || (d.code >= 1000 && d.code < 1500));
  if (fatal) throw new InputError(`tsconfig ${path}: ${flatten(fatal)}`);
  // What tsc would print and still build with (a circular `extends`, `"include": "src"`), in tsc's words.
  const warnings = parsed.errors.filter((d) => !SILENT_CODES.has(d.code)).map((d) => `error TS${d.code}: ${flatten(d)}${lineOf(d)}`);
  return {
    file: path,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(outsideLinks.size > 0 ? { outsideLinks: [...outsideLinks].sort() } : {}),
    options: parsed.options,
    fileNames: parsed.fileNames.map(toPosix),
    references: (parsed.projectReferences ?? []).map((r) => resolveReference(r.path)),
  };
}

/**
 * ts.sys, except that directory listings leave out symbolic links whose real path is outside
 * `root`: tsc itself would walk `src/root -> /` for minutes (issue 10). Same listing otherwise.
 */
function confinedHost(ts: typeof TS, root: string, outsideLinks: Set<string>): TS.ParseConfigHost {
  const sys = ts.sys;
  const entries = (dir: string): { files: string[]; directories: string[] } => {
    const files: string[] = [];
    const directories: string[] = [];
    let listing;
    try {
      listing = listDir(dir || ".");
    } catch {
      return { files, directories };
    }
    for (const entry of listing) {
      let kind: { isFile(): boolean; isDirectory(): boolean } = entry;
      if (entry.isSymbolicLink()) {
        const path = joinPath(dir, entry.name);
        if (!isReallyInside(root, path)) {
          outsideLinks.add(path);
          continue;
        }
        try {
          kind = statSync(path);
        } catch {
          continue;
        }
      }
      if (kind.isFile()) files.push(entry.name);
      else if (kind.isDirectory()) directories.push(entry.name);
    }
    return { files: files.sort(), directories: directories.sort() };
  };
  const matchFiles = (ts as unknown as { matchFiles?: MatchFiles }).matchFiles;
  if (typeof matchFiles !== "function") return sys;
  return {
    useCaseSensitiveFileNames: sys.useCaseSensitiveFileNames,
    fileExists: sys.fileExists,
    readFile: sys.readFile,
    readDirectory: (dir, extensions, excludes, includes, depth) =>
      matchFiles(dir, extensions, excludes, includes, sys.useCaseSensitiveFileNames, sys.getCurrentDirectory(), depth, entries, (p) => sys.realpath?.(p) ?? p),
  };
}

/** typescript's internal matcher behind ts.sys.readDirectory (stable since TS 2.x). */
type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => { files: readonly string[]; directories: readonly string[] },
  realpath: (path: string) => string,
) => string[];

/** A tsconfig's own warnings and the links its include globs did not follow, as project warnings. */
export function tsconfigWarnings(root: string, config: TsConfig): Array<{ file: string; message: string }> {
  return [
    ...(config.warnings ?? []).map((message) => ({ file: relativeTo(root, config.file), message })),
    ...(config.outsideLinks ?? []).map((link) => ({ file: relativeTo(root, link), message: `symbolic link ${outsideMessage(link)}` })),
  ];
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
