// JSON with comments and trailing commas, read by the TypeScript parser we already ship (the one
// tsc reads tsconfig.json with): no added dependency. Objects are built with own data properties
// only, so a `__proto__` key stays a key (as with JSON.parse) and never becomes the prototype.
import { InputError } from "../util/errors.js";
import { typescript, type TS } from "../util/typescript.js";

export function parseJsonc(text: string, shownAs: string): unknown {
  const ts = typescript();
  let file: TS.JsonSourceFile;
  try {
    file = ts.parseJsonText(shownAs, text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // A stack overflow on absurd nesting is bad input like any other.
    throw new InputError(`${shownAs}: cannot be parsed (${error instanceof RangeError ? "nested too deeply" : (error as Error).message})`);
  }
  const diagnostics = (file as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) {
    const d = diagnostics[0];
    const { line, character } = file.getLineAndCharacterOfPosition(d.start);
    throw new InputError(`${shownAs}: invalid JSON: ${ts.flattenDiagnosticMessageText(d.messageText, " ")} (line ${line + 1}, column ${character + 1})`);
  }
  const statement = file.statements[0];
  if (!statement) throw new InputError(`${shownAs}: invalid JSON: the file is empty`);
  return valueOf(ts, statement.expression, shownAs, 0);
}

const MAX_DEPTH = 64;

function valueOf(ts: typeof TS, node: TS.Expression, shownAs: string, depth: number): unknown {
  const bad = (why: string): never => {
    const { line, character } = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart());
    throw new InputError(`${shownAs}: invalid JSON: ${why} (line ${line + 1}, column ${character + 1})`);
  };
  if (depth > MAX_DEPTH) return bad(`nested more than ${MAX_DEPTH} levels`);
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
      return (node as TS.StringLiteral).text;
    case ts.SyntaxKind.NumericLiteral:
      return Number((node as TS.NumericLiteral).text);
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const unary = node as TS.PrefixUnaryExpression;
      if (unary.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(unary.operand)) return -Number(unary.operand.text);
      return bad("not a JSON value");
    }
    case ts.SyntaxKind.TrueKeyword:
      return true;
    case ts.SyntaxKind.FalseKeyword:
      return false;
    case ts.SyntaxKind.NullKeyword:
      return null;
    case ts.SyntaxKind.ArrayLiteralExpression:
      return (node as TS.ArrayLiteralExpression).elements.map((e) => valueOf(ts, e, shownAs, depth + 1));
    case ts.SyntaxKind.ObjectLiteralExpression: {
      const out: Record<string, unknown> = {};
      for (const prop of (node as TS.ObjectLiteralExpression).properties) {
        if (!ts.isPropertyAssignment(prop) || !ts.isStringLiteral(prop.name)) return bad("keys must be double-quoted strings");
        Object.defineProperty(out, prop.name.text, { value: valueOf(ts, prop.initializer, shownAs, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      return bad("not a JSON value");
  }
}
