// Module-level names: imported (ES `import`, `import x = require()`, `const { a } = require()`),
// exported (incl. re-exports and CommonJS `module.exports` / `exports.x`), and declared here.
import { typescript, type TS } from "../typescript.js";
import type { CommonJsExports, DeclarationFacts, ExportFact, ImportBinding, LocalKind } from "./shapes.js";

type Bindings = Pick<DeclarationFacts, "imports" | "exports" | "starExports" | "locals" | "localLines" | "commonjsExports">;

const memo = new WeakMap<TS.SourceFile, Bindings>();

/** Memoised per syntax tree: two extractors ask for the same file's bindings. */
export function collectBindings(sf: TS.SourceFile): Bindings {
  let bindings = memo.get(sf);
  if (!bindings) memo.set(sf, (bindings = computeBindings(sf)));
  return bindings;
}

function computeBindings(sf: TS.SourceFile): Bindings {
  const ts = typescript();
  const imports: ImportBinding[] = [];
  const exports: ExportFact[] = [];
  const starExports: string[] = [];
  const locals = new Map<string, LocalKind>();
  const cjs: CommonJsExports = { replacedAt: null, assignedAt: new Map() };
  const lineOf = (node: TS.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const isExported = (node: TS.Node): boolean => ts.getModifiers(node as TS.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
  const isDefault = (node: TS.Node): boolean => ts.getModifiers(node as TS.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
  const localLines = new Map<string, number>();
  const declare = (node: TS.Node, name: string, kind: LocalKind): void => {
    locals.set(name, kind);
    if (!localLines.has(name)) localLines.set(name, lineOf(node));
    if (isExported(node)) exports.push({ exported: isDefault(node) ? "default" : name, local: name });
  };

  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteralLike(s.moduleSpecifier) && s.importClause && !s.importClause.isTypeOnly) {
      const specifier = s.moduleSpecifier.text;
      const clause = s.importClause;
      const line = lineOf(s);
      if (clause.name) imports.push({ local: clause.name.text, specifier, imported: "default", viaRequire: false, line });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) imports.push({ local: nb.name.text, specifier, imported: "*", viaRequire: false, line });
      else if (nb) for (const e of nb.elements) if (!e.isTypeOnly) imports.push({ local: e.name.text, specifier, imported: (e.propertyName ?? e.name).text, viaRequire: false, line });
    } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference) && ts.isStringLiteralLike(s.moduleReference.expression) && !s.isTypeOnly) {
      imports.push({ local: s.name.text, specifier: s.moduleReference.expression.text, imported: "*", viaRequire: true, line: lineOf(s) });
    } else if (ts.isExportDeclaration(s) && !s.isTypeOnly) {
      const spec = s.moduleSpecifier && ts.isStringLiteralLike(s.moduleSpecifier) ? s.moduleSpecifier.text : null;
      const clause = s.exportClause;
      if (!clause && spec) starExports.push(spec);
      else if (clause && ts.isNamespaceExport(clause) && spec) exports.push({ exported: clause.name.text, specifier: spec, imported: "*" });
      else if (clause && ts.isNamedExports(clause)) {
        for (const e of clause.elements) {
          if (e.isTypeOnly) continue;
          const local = (e.propertyName ?? e.name).text;
          exports.push(spec ? { exported: e.name.text, specifier: spec, imported: local } : { exported: e.name.text, local });
        }
      }
    } else if (ts.isExportAssignment(s) && s.isExportEquals) {
      // `export =` compiles to `module.exports =` (tsc and esbuild alike).
      cjs.replacedAt = lineOf(s);
      wholeExports(ts, s.expression, exports);
    } else if (ts.isExportAssignment(s) && !s.isExportEquals) {
      if (ts.isIdentifier(s.expression)) exports.push({ exported: "default", local: s.expression.text });
      else {
        locals.set("default", "default-expression");
        exports.push({ exported: "default", local: "default" });
      }
    } else if (ts.isFunctionDeclaration(s) && s.body) {
      declare(s, s.name?.text ?? "default", "function");
    } else if (ts.isClassDeclaration(s)) {
      declare(s, s.name?.text ?? "default", "class");
    } else if (ts.isEnumDeclaration(s) && !s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
      declare(s, s.name.text, "enum");
    } else if (ts.isVariableStatement(s) && !s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
      const flags = s.declarationList.flags;
      const kind: LocalKind = flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
      for (const decl of s.declarationList.declarations) {
        const required = requireOf(ts, decl.initializer);
        const bound = required ? requireBindings(ts, decl.name, required, lineOf(s)) : [];
        imports.push(...bound);
        for (const name of namesIn(ts, decl.name)) if (!bound.some((b) => b.local === name)) declare(s, name, kind);
      }
    } else if (ts.isExpressionStatement(s)) {
      commonJsExport(ts, s.expression, exports, cjs, lineOf(s));
    }
  }
  const commonjs = cjs.replacedAt !== null || cjs.assignedAt.size > 0;
  return { imports, exports, starExports, locals, localLines, ...(commonjs ? { commonjsExports: cjs } : {}) };
}

/** `require("x")` or `require("x").y`. */
function requireOf(ts: typeof TS, init: TS.Expression | undefined): { specifier: string; member?: string } | null {
  if (!init) return null;
  let e = init;
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(e)) {
    member = e.name.text;
    e = e.expression;
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require" && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) {
    return { specifier: e.arguments[0].text, ...(member ? { member } : {}) };
  }
  return null;
}

function requireBindings(ts: typeof TS, name: TS.BindingName, required: { specifier: string; member?: string }, line: number): ImportBinding[] {
  const { specifier, member } = required;
  if (ts.isIdentifier(name)) return [{ local: name.text, specifier, imported: member ?? "*", viaRequire: true, line }];
  if (!ts.isObjectBindingPattern(name) || member) return [];
  const out: ImportBinding[] = [];
  for (const el of name.elements) {
    if (!ts.isIdentifier(el.name) || el.dotDotDotToken) continue;
    const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
    out.push({ local: el.name.text, specifier, imported, viaRequire: true, line });
  }
  return out;
}

function namesIn(ts: typeof TS, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...namesIn(ts, el.name));
  return out;
}

/** `module.exports = { A, B: C }`, `module.exports.A = A`, `exports.A = A`. */
function commonJsExport(ts: typeof TS, e: TS.Expression, exports: ExportFact[], cjs: CommonJsExports, line: number): void {
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = e.left.getText();
  if (target === "module.exports") {
    cjs.replacedAt = line;
    wholeExports(ts, e.right, exports);
    return;
  }
  const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
  if (!m) return;
  if (!cjs.assignedAt.has(m[1])) cjs.assignedAt.set(m[1], line);
  if (ts.isIdentifier(e.right)) exports.push({ exported: m[1], local: e.right.text });
}

/** The value that replaces the whole exports object: an object literal's names, or one binding. */
function wholeExports(ts: typeof TS, value: TS.Expression, exports: ExportFact[]): void {
  if (ts.isObjectLiteralExpression(value)) {
    for (const p of value.properties) {
      if (ts.isShorthandPropertyAssignment(p)) exports.push({ exported: p.name.text, local: p.name.text });
      else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && ts.isIdentifier(p.initializer)) exports.push({ exported: p.name.text, local: p.initializer.text });
    }
  } else if (ts.isIdentifier(value)) {
    exports.push({ exported: "*", local: value.text });
  }
}
