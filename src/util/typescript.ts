// The TypeScript compiler is loaded lazily through require: its ESM import costs 2-3x more, and
// `--help` must not pay for it at all (design.md, habit 3). With --cache, the compiler is loaded
// through V8's code cache: compiling its 9 MB of JavaScript is about half of its load time
// (measured here: 0.70 s -> 0.30 s), the part a warm run with one changed file pays. That cache
// lives in a private per-user folder, never in the --cache folder: V8 accepts code cached for any
// script of the same length and runs it, so a repository that ships node_modules/.cache would
// otherwise run its own code in place of the compiler (test/security/planted-code-cache).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Script } from "node:vm";
import { threadId } from "node:worker_threads";
import type * as TS from "typescript";
import { privateDir } from "./private-dir.js";

export type { TS };

let loaded: typeof TS | undefined;
let codeCache = false;
let pendingCodeCache: { script: Script; file: string } | null = null;

// One code cache per compiler file and Node version: every install, clone or upgrade of
// startup-doctor adds one (2.7 MB), 28 in a day on the benchmark machine. A use touches its file;
// a run that writes one keeps the KEEP_CODE_CACHES most recently used.
const KEEP_CODE_CACHES = 8;
const CODE_CACHE_FILE = /^typescript-[0-9a-f]{16}\.v8code$/;

/** Load the compiler through a V8 code cache (--cache), kept in this user's private folder. */
export function useCompilerCodeCache(): void {
  codeCache = true;
}

/**
 * Every member of the compiler this code uses (a test checks the list against src/). The
 * compiler's exports object has 2,244 accessor properties, so V8 keeps it in dictionary mode and
 * each `ts.isIdentifier` is a hash lookup plus a getter call, millions of times per scan. A small
 * object holding these as plain values has fast properties: typeorm's scan went 4.9 s -> 4.2 s.
 */
export const COMPILER_MEMBERS = [
  "JSDocParsingMode", "ModuleKind", "ModuleResolutionKind", "NodeFlags", "ScriptKind", "ScriptTarget", "SyntaxKind",
  "canHaveDecorators", "canHaveModifiers", "createModuleResolutionCache", "createScanner", "createSourceFile", "escapeLeadingUnderscores",
  "flattenDiagnosticMessageText", "forEachChild", "getDecorators", "getModifiers", "isArrayLiteralExpression",
  "isArrowFunction", "isAsExpression", "isAwaitExpression", "isBinaryExpression", "isBindingElement",
  "isBreakOrContinueStatement", "isCallExpression", "isClassDeclaration", "isClassExpression", "isClassLike",
  "isClassStaticBlockDeclaration", "isComputedPropertyName", "isConditionalExpression", "isConstructorDeclaration",
  "isDecorator", "isElementAccessExpression", "isEnumDeclaration", "isEnumMember", "isExportAssignment",
  "isExportDeclaration", "isExportSpecifier", "isExpressionStatement", "isExpressionWithTypeArguments",
  "isExternalModule", "isExternalModuleReference", "isForOfStatement", "isFunctionDeclaration",
  "isFunctionExpression", "isFunctionLike", "isGetAccessor", "isHeritageClause", "isIdentifier", "isImportClause",
  "isImportDeclaration", "isImportEqualsDeclaration", "isImportSpecifier", "isImportTypeNode",
  "isInterfaceDeclaration", "isJsxAttribute", "isLabeledStatement", "isLiteralTypeNode", "isMetaProperty",
  "isMethodDeclaration", "isNamedExports", "isNamespaceExport", "isNamespaceImport", "isNewExpression",
  "isNonNullExpression", "isNumericLiteral", "isObjectBindingPattern", "isObjectLiteralExpression",
  "isOmittedExpression", "isParameter", "isParenthesizedExpression", "isParenthesizedTypeNode",
  "isPrivateIdentifier", "isPropertyAccessExpression", "isPropertyAssignment", "isPropertyDeclaration",
  "isPropertySignature", "isQualifiedName", "isReturnStatement", "isSatisfiesExpression", "isSetAccessor",
  "isShorthandPropertyAssignment", "isSourceFile", "isSpreadAssignment", "isSpreadElement", "isStatement",
  "isStringLiteral", "isStringLiteralLike", "isTaggedTemplateExpression", "isTemplateExpression",
  "isTypeAliasDeclaration", "isTypeAssertionExpression", "isTypeNode", "isTypeParameterDeclaration",
  "isTypeReferenceNode", "isUnionTypeNode", "isVariableDeclaration", "isVariableStatement", "isVoidExpression",
  "parseJsonConfigFileContent", "parseJsonSourceFileConfigFileContent", "parseJsonText", "readConfigFile",
  "readJsonConfigFile", "resolveModuleName", "sys",
] as const;

export function typescript(): typeof TS {
  if (!loaded) {
    const dir = codeCache ? privateDir("startup-doctor-code") : null;
    loaded = fastView(dir ? loadWithCodeCache(dir) : (createRequire(import.meta.url)("typescript") as typeof TS));
  }
  return loaded;
}

/** The compiler with COMPILER_MEMBERS as own data properties; anything else is still reached through its prototype. */
function fastView(ts: typeof TS): typeof TS {
  const view = Object.create(ts) as Record<string, unknown>;
  const all = ts as unknown as Record<string, unknown>;
  for (const name of COMPILER_MEMBERS) if (name in all) Object.defineProperty(view, name, { value: all[name], enumerable: true });
  return view as unknown as typeof TS;
}

/** Writes the code cache when this thread had none (after the run: it then holds the parser too). */
export function saveCompilerCodeCache(): void {
  if (!pendingCodeCache) return;
  const { script, file } = pendingCodeCache;
  pendingCodeCache = null;
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
  renameSync(tmp, file);
  pruneCodeCaches(file.slice(0, file.lastIndexOf("/")));
}

function pruneCodeCaches(dir: string): void {
  try {
    const caches = readdirSync(dir)
      .filter((name) => CODE_CACHE_FILE.test(name))
      .map((name) => ({ path: `${dir}/${name}`, used: statSync(`${dir}/${name}`).mtimeMs }))
      .sort((a, b) => b.used - a.used);
    for (const old of caches.slice(KEEP_CODE_CACHES)) unlinkSync(old.path);
  } catch {
    // Another run pruned or wrote at the same time: the next one prunes again.
  }
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Read-only or gone: it is only pruned sooner.
  }
}

function loadWithCodeCache(dir: string): typeof TS {
  const require = createRequire(import.meta.url);
  const file = require.resolve("typescript");
  const stat = statSync(file);
  const cacheFile = `${dir}/typescript-${createHash("sha1").update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}`).digest("hex").slice(0, 16)}.v8code`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = readFileSync(file, "utf8");
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as typeof TS };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, file.slice(0, file.lastIndexOf("/")));
  if (!cachedData || script.cachedDataRejected) pendingCodeCache = { script, file: cacheFile };
  else touch(cacheFile);
  return module.exports;
}
