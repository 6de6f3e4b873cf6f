// What a module does while it is being evaluated: the calls and async work of its module-scope
// code, its top-level awaits, and every module-scope read of an imported binding (TDZ-relevant),
// including the reads tsc's decorator metadata adds. For require()-bound names, also their first
// use in code that runs later: a stale CommonJS capture crashes there.
import { typescript, type TS } from "../typescript.js";
import { functionNameOf } from "../startup-functions.js";
import { bodyVisitor, emptyBody, type WhereOf } from "./body-facts.js";
import { collectBindings } from "./bindings.js";
import { metadataReads } from "./metadata-reads.js";
import { moduleLibraryValues } from "./library-calls.js";
import { walkRunNow } from "./run-now.js";
import type { ImportBinding, ImportUse, ModuleScopeFacts, UseHow, Where } from "./shapes.js";
import { whereIn, type FactExtractor } from "./types.js";

export const MODULE_SCOPE = "module-scope";

export const moduleScope: FactExtractor<ModuleScopeFacts> = {
  id: MODULE_SCOPE,
  extract({ sourceFile: sf, emit }) {
    const ts = typescript();
    const where: WhereOf = whereIn(sf);
    const imported = new Map(collectBindings(sf).imports.map((b) => [b.local, b]));
    const topLevelAwaits: Where[] = [];
    const uses: ImportUse[] = [];
    const seenNow = new Set<TS.Node>();
    // One walk of the code that runs at import: the body's calls and starts, and the uses here.
    const body = emptyBody();
    const visitBody = bodyVisitor(where, body);
    walkRunNow(sf.statements, (frame) => {
      visitBody(frame);
      const { node, detached, inDecorator } = frame;
      if (!detached && (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier))) topLevelAwaits.push(where(node));
      if (emit?.decoratorMetadata && ts.isClassLike(node)) {
        for (const read of metadataReads(ts, node, emit.strictNullChecks === true)) {
          const binding = imported.get(read.name);
          if (binding && (binding.imported !== "*" || read.member !== undefined || binding.viaRequire)) {
            const className = (ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.name ? node.name.text : "default";
            uses.push({ ...where(read.node), local: read.name, ...(read.member && binding.imported === "*" ? { member: read.member } : {}), how: "metadata", metadata: read.key, within: `${className}.${read.of}`, ...(read.injected ? { injected: true } : {}) });
          }
        }
      }
      if (!ts.isIdentifier(node) || !imported.has(node.text) || !isReference(ts, node)) return;
      seenNow.add(node);
      const use = useOf(ts, node, imported.get(node.text)!, inDecorator);
      if (use) uses.push({ ...where(node), ...use });
    });
    const laterUses = requireLaterUses(ts, sf, imported, seenNow, where);
    return {
      body,
      topLevelAwaits,
      uses,
      commonjs: !ts.isExternalModule(sf) && /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(sf.text),
      ...(laterUses.length > 0 ? { laterUses } : {}),
      ...(emit ? { emit } : {}),
      libraryValues: moduleLibraryValues(sf),
    };
  },
};

type UseShape = Pick<ImportUse, "local" | "member" | "how" | "property">;

function useOf(ts: typeof TS, node: TS.Identifier, binding: ImportBinding, inDecorator: boolean): UseShape | null {
  const p = node.parent;
  let subject: TS.Node = node;
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(p) && p.expression === node && binding.imported === "*") {
    member = p.name.text;
    subject = p;
  } else if (binding.imported === "*" && !binding.viaRequire) {
    // A namespace object exists from the start; only its bindings can be uninitialised.
    return null;
  }
  let how = howUsed(ts, subject, member !== undefined);
  // `@Inject(Repo)` passes Repo; `@Repo()` calls it.
  if (inDecorator && how !== "call") how = "decorator";
  const property = how === "member" ? propertyOf(ts, subject.parent) : undefined;
  return { local: node.text, ...(member ? { member } : {}), how, ...(property !== undefined ? { property } : {}) };
}

function howUsed(ts: typeof TS, subject: TS.Node, viaMember: boolean): UseHow {
  const p = subject.parent;
  if (ts.isExpressionWithTypeArguments(p) && ts.isHeritageClause(p.parent) && p.parent.token === ts.SyntaxKind.ExtendsKeyword) return "extends";
  if (ts.isNewExpression(p) && p.expression === subject) return "new";
  if (ts.isCallExpression(p) && p.expression === subject) return "call";
  if (!viaMember && ts.isPropertyAccessExpression(p) && p.expression === subject) return "member";
  if (!viaMember && ts.isElementAccessExpression(p) && p.expression === subject) return "member";
  if (ts.isSpreadElement(p) || ts.isSpreadAssignment(p)) return "spread";
  return "read";
}

function propertyOf(ts: typeof TS, access: TS.Node): string | undefined {
  if (ts.isPropertyAccessExpression(access)) return access.name.text;
  if (ts.isElementAccessExpression(access) && (ts.isStringLiteralLike(access.argumentExpression) || ts.isNumericLiteral(access.argumentExpression))) return access.argumentExpression.text;
  return undefined;
}

/** The first use, per require()-bound name, in code that does not run while the module loads. */
function requireLaterUses(ts: typeof TS, sf: TS.SourceFile, imported: Map<string, ImportBinding>, seenNow: Set<TS.Node>, where: WhereOf): ImportUse[] {
  const wanted = new Set([...imported.values()].filter((b) => b.viaRequire).map((b) => b.local));
  if (wanted.size === 0) return [];
  const out = new Map<string, ImportUse>();
  const stack: Array<{ node: TS.Node; within?: string }> = [...sf.statements].reverse().map((node) => ({ node }));
  while (stack.length > 0 && out.size < wanted.size) {
    const { node, within } = stack.pop()!;
    if (ts.isIdentifier(node)) {
      if (wanted.has(node.text) && !out.has(node.text) && !seenNow.has(node) && isReference(ts, node)) {
        const use = useOf(ts, node, imported.get(node.text)!, false);
        if (use && use.how !== "read") out.set(node.text, { ...where(node), ...use, ...(within ? { within } : {}) });
      }
      continue;
    }
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) continue;
    const inner = ts.isFunctionLike(node) ? (functionNameOf(node) ?? propertyNameOf(ts, node) ?? within ?? "a callback") : within;
    const children: TS.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], within: inner });
  }
  return [...out.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `{ level: () => ... }`: the property a function is the value of. */
function propertyNameOf(ts: typeof TS, fn: TS.Node): string | undefined {
  const p = fn.parent;
  return p && ts.isPropertyAssignment(p) && p.initializer === fn && ts.isIdentifier(p.name) ? p.name.text : undefined;
}

function isReference(ts: typeof TS, node: TS.Identifier): boolean {
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === node) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isEnumMember(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === node) return false;
  if ((ts.isVariableDeclaration(p) || ts.isBindingElement(p) || ts.isParameter(p) || ts.isClassDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isClassExpression(p) || ts.isFunctionExpression(p)) && p.name === node) return false;
  if (ts.isBindingElement(p) && p.propertyName === node) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p) || ts.isMetaProperty(p)) return false;
  if (ts.isJsxAttribute(p) && p.name === node) return false;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isImportEqualsDeclaration(p) || ts.isExportSpecifier(p)) return false;
  return true;
}
