// Collects every import site of one parsed file with its kind, line and whether it runs at
// startup. Kinds follow what survives compilation (runtime-facts.md §4.15): tsc and esbuild drop
// an import whose bindings are used only as types, unless verbatimModuleSyntax keeps it.
import type { ImportSite } from "./types.js";
import { typescript, type TS } from "./typescript.js";
import { treeIndexOf } from "./tree-index.js";
import { collectValueNames, type ValueNames } from "./value-names.js";
import { findStartupFunctions, functionNameOf, isImmediatelyInvoked, isModuleLevelFunction } from "./startup-functions.js";

export interface CollectOptions {
  /** verbatimModuleSyntax or preserveValueImports: nothing but `import type` is elided. */
  verbatim: boolean;
  /** JavaScript files elide nothing. */
  isTypeScript: boolean;
  /** emitDecoratorMetadata: decorated classes' annotation types become runtime references. */
  decoratorMetadata: boolean;
}

export function collectImportSites(sf: TS.SourceFile, options: CollectOptions): ImportSite[] {
  const ts = typescript();
  const elides = options.isTypeScript && !options.verbatim;
  // Read off the tree index on first need only (barrels never ask), for the names this file imports.
  let valueNames: ValueNames | undefined;
  const names = (): ValueNames => (valueNames ??= collectValueNames(sf, options.decoratorMetadata, treeIndexOf(ts, sf).importedNames));
  const used = (local: string): boolean => !elides || names().values.has(local);
  // With emitDecoratorMetadata, names that only a decorated annotation uses: tsc emits an eager
  // `__metadata("design:type", X)` read for them right after the class (runtime-facts §6.3).
  const metadataOnly = (locals: string[]): boolean => elides && options.decoratorMetadata && locals.length > 0 && locals.every((l) => !names().plain.has(l));
  const sites: ImportSite[] = [];

  const add = (node: TS.Node, specifierNode: TS.Expression, kind: ImportSite["kind"], extra: Partial<ImportSite> = {}): void => {
    if (!ts.isStringLiteralLike(specifierNode)) return;
    const pos = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    sites.push({
      specifier: specifierNode.text,
      kind,
      line: pos.line + 1,
      column: pos.character + 1,
      lazy: false,
      awaited: false,
      names: [],
      ...extra,
    });
  };

  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement)) {
      const [kind, extra] = classifyImport(statement, elides, used);
      add(statement, statement.moduleSpecifier, kind, kind === "static" && metadataOnly(extra.names ?? []) ? { ...extra, metadataOnly: true } : extra);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      add(statement, statement.moduleSpecifier, ...classifyExport(statement, elides));
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
      const local = statement.name.text;
      const kind = statement.isTypeOnly || (!exported && !used(local)) ? "type" : "require";
      add(statement, statement.moduleReference.expression, kind, { names: kind === "type" ? [] : [local] });
    }
  }
  if (mayHaveCalls(sf.text)) collectCalls(sf, sites, add);
  return sites;
}

/**
 * Cheap textual guard for the full-tree walk: `import(` (maybe with spaces or a comment before
 * the parenthesis), an `import("x")` type, or `require`. A unicode escape anywhere keeps the
 * walk, since an identifier may be spelled with one.
 */
function mayHaveCalls(text: string): boolean {
  return /\bimport\s*(?:\(|\/[*/])|\brequire\b|\\u/.test(text);
}

type Classified = [ImportSite["kind"], Partial<ImportSite>];

function classifyImport(node: TS.ImportDeclaration, elides: boolean, used: (n: string) => boolean): Classified {
  const ts = typescript();
  const clause = node.importClause;
  if (!clause) return ["side-effect", {}];
  if (clause.isTypeOnly) return ["type", {}];
  const values: string[] = [];
  let typeModified = 0;
  let total = 0;
  if (clause.name) {
    total++;
    if (used(clause.name.text)) values.push(clause.name.text);
  }
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) {
    total++;
    if (used(bindings.name.text)) values.push(bindings.name.text);
  } else if (bindings) {
    for (const element of bindings.elements) {
      total++;
      if (element.isTypeOnly) typeModified++;
      else if (used(element.name.text)) values.push(element.name.text);
    }
  }
  if (!elides) {
    // Under verbatimModuleSyntax `import { type A } from "x"` is emitted as `import {} from "x"`
    // and still runs "x"; in JavaScript every binding stays.
    if (total > 0 && typeModified === total) return ["side-effect", {}];
    return ["static", { names: values }];
  }
  // `import {} from "x"` is dropped by tsc and esbuild alike (unlike `import "x"`).
  if (total === 0) return ["type", {}];
  return values.length > 0 ? ["static", { names: values }] : ["type", {}];
}

function classifyExport(node: TS.ExportDeclaration, elides: boolean): Classified {
  const ts = typescript();
  if (node.isTypeOnly) return ["type", {}];
  const clause = node.exportClause;
  if (clause && ts.isNamedExports(clause)) {
    const valueElements = clause.elements.filter((e) => !e.isTypeOnly);
    // `export {} from "x"` and `export { type A } from "x"` are dropped, or kept as a bare
    // `import {} from "x"` under verbatimModuleSyntax.
    if (valueElements.length === 0) return elides ? ["type", {}] : ["side-effect", {}];
    return ["reexport", { names: valueElements.map((e) => (e.propertyName ?? e.name).text) }];
  }
  return ["reexport", {}];
}

type AddSite = (node: TS.Node, spec: TS.Expression, kind: ImportSite["kind"], extra?: Partial<ImportSite>) => void;

interface Frame {
  node: TS.Node;
  /** Name of the innermost function this node sits in ("" at module scope). */
  fn: string | null;
  lazy: boolean;
  inType: boolean;
}

/** Finds `import()`, `require()` and `import("x")` types, iteratively (real ASTs are deep). */
function collectCalls(sf: TS.SourceFile, sites: ImportSite[], add: AddSite): void {
  const ts = typescript();
  const startup = findStartupFunctions(sf);
  const stack: Frame[] = [];
  for (let i = sf.statements.length - 1; i >= 0; i--) stack.push({ node: sf.statements[i], fn: null, lazy: false, inType: false });
  const importOpenings = importOpeningsOf(sf.text);
  const children: TS.Node[] = [];
  const collectChild = (child: TS.Node): void => {
    children.push(child);
  };
  while (stack.length > 0) {
    const { node, fn, lazy, inType } = stack.pop()!;
    if (ts.isCallExpression(node)) {
      const arg = node.arguments[0];
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require" && node.arguments.length === 1;
      if (arg && (isImport || isRequire)) {
        add(node, arg, isImport ? "dynamic" : "require", {
          lazy,
          awaited: isImport && isAwaited(node),
          ...(fn ? { enclosingFunction: fn } : {}),
        });
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal as TS.Expression, "type");
      continue;
    }
    let childFn = fn;
    let childLazy = lazy;
    if (isFunctionBoundary(node) && !isImmediatelyInvoked(node)) {
      const name = functionNameOf(node);
      childFn = name ?? "(anonymous)";
      // A module-level function called at startup runs its body at startup; anything nested deeper
      // (handlers, callbacks) is assumed to run later.
      const topLevel = fn === null && name !== undefined && startup.has(name) && isModuleLevelFunction(node);
      childLazy = lazy || !topLevel;
    }
    const childInType = inType || ts.isTypeNode(node);
    if (childInType && !containsImportType(importOpenings, node)) continue;
    children.length = 0;
    ts.forEachChild(node, collectChild);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], fn: childFn, lazy: childLazy, inType: childInType });
  }
}

/** Offsets of every `import(` in the text, ascending. */
function importOpeningsOf(text: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf("import("); at !== -1; at = text.indexOf("import(", at + 1)) found.push(at);
  return found;
}

function containsImportType(openings: readonly number[], node: TS.Node): boolean {
  // Cheap textual pre-check so type subtrees without `import(` are skipped.
  for (const at of openings) if (at >= node.pos) return at + "import(".length <= node.end;
  return false;
}

function isFunctionBoundary(node: TS.Node): boolean {
  const ts = typescript();
  if (ts.isFunctionLike(node)) return true;
  // Instance property initializers run when the class is instantiated, not when the module loads.
  return ts.isPropertyDeclaration(node) && !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

function isAwaited(node: TS.Node): boolean {
  const ts = typescript();
  let parent = node.parent;
  while (parent && ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return parent !== undefined && ts.isAwaitExpression(parent);
}
