// Per module: what it imports and exports (ES and CommonJS), what it declares at module level,
// and, for its classes and functions, what their bodies do when they run.
import { typescript, type TS } from "../typescript.js";
import { emptyBody, summariseBody, type WhereOf } from "./body-facts.js";
import { collectBindings } from "./bindings.js";
import type { ClassFact, DeclarationFacts, FunctionFact, MethodFact } from "./shapes.js";
import { whereIn, type FactExtractor } from "./types.js";

export const DECLARATIONS = "declarations";

export const declarations: FactExtractor<DeclarationFacts> = {
  id: DECLARATIONS,
  extract({ sourceFile: sf }) {
    const ts = typescript();
    const where: WhereOf = whereIn(sf);
    const facts: DeclarationFacts = { ...collectBindings(sf), classes: [], functions: [] };
    for (const statement of sf.statements) {
      if (ts.isClassDeclaration(statement)) facts.classes.push(classFact(ts, statement, statement.name?.text ?? "default", where));
      if (ts.isFunctionDeclaration(statement) && statement.body) {
        facts.functions.push(functionFact(ts, statement, statement.name?.text ?? "default", where));
      }
      if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) {
          const init = decl.initializer && skipParens(ts, decl.initializer);
          if (!ts.isIdentifier(decl.name) || !init) continue;
          if (ts.isClassExpression(init)) facts.classes.push(classFact(ts, init, decl.name.text, where));
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) facts.functions.push(functionFact(ts, init, decl.name.text, where));
        }
      }
    }
    return facts;
  },
};

function classFact(ts: typeof TS, node: TS.ClassLikeDeclaration, name: string, where: WhereOf): ClassFact {
  const construction = emptyBody();
  const methods: MethodFact[] = [];
  let constructorLine: number | null = null;
  const fieldInitialisers: TS.Node[] = [];
  for (const member of node.members) {
    const isStatic = ts.getModifiers(member as TS.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false;
    if (ts.isConstructorDeclaration(member) && member.body) {
      constructorLine = where(member).line;
      summariseBody([member.body], where, construction);
    } else if (ts.isMethodDeclaration(member) && member.body && member.name && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name))) {
      methods.push({ name: member.name.text, line: where(member).line, async: isAsyncLike(ts, member), isStatic, body: summariseBody([member.body], where) });
    } else if (ts.isPropertyDeclaration(member) && member.initializer && !isStatic) {
      const init = skipParens(ts, member.initializer);
      if ((ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name))) {
        methods.push({ name: member.name.text, line: where(member).line, async: isAsyncLike(ts, init), isStatic, body: summariseBody([init.body], where) });
      } else {
        fieldInitialisers.push(member.initializer);
      }
    }
  }
  // Field initialisers run on `new`, before the constructor body (after super()).
  const fields = summariseBody(fieldInitialisers, where);
  const merged = {
    calls: [...fields.calls, ...construction.calls],
    starts: [...fields.starts, ...construction.starts],
    libraryCalls: [...fields.libraryCalls, ...construction.libraryCalls],
    awaitedImports: [],
    awaitedCalls: [],
  };
  return { name, line: where(node).line, base: baseOf(ts, node), methods, constructorLine, construction: merged };
}

function functionFact(ts: typeof TS, node: TS.FunctionLikeDeclaration, name: string, where: WhereOf): FunctionFact {
  return { name, line: where(node).line, async: isAsyncLike(ts, node), body: node.body ? summariseBody([node.body], where) : emptyBody() };
}

function baseOf(ts: typeof TS, node: TS.ClassLikeDeclaration): ClassFact["base"] {
  const clause = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const expr = clause?.types[0]?.expression;
  if (!expr) return null;
  if (ts.isIdentifier(expr)) return { name: expr.text };
  if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) return { name: expr.expression.text, member: expr.name.text };
  return null;
}

/** `async`, or a declared `Promise<...>` / `PromiseLike<...>` return type. */
export function isAsyncLike(ts: typeof TS, node: TS.SignatureDeclarationBase): boolean {
  if (ts.getModifiers(node as TS.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return true;
  const type = node.type;
  return type !== undefined && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && /^Promise(Like)?$/.test(type.typeName.text);
}

function skipParens(ts: typeof TS, e: TS.Expression): TS.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isSatisfiesExpression(x)) x = x.expression;
  return x;
}
