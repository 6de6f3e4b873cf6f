// The names tsc's decorator metadata reads when a decorated class is defined. With
// emitDecoratorMetadata, `__metadata("design:type", User)` (and design:paramtypes /
// design:returntype) is emitted right after the class body: an eager read of each class named in
// a decorated member's annotation (runtime-facts §6.2, §6.3). Mirrors tsc's serializeTypeNode for
// the one shape that reads a binding: a type reference, also inside `X | null | undefined`.
import type { TS } from "../typescript.js";

export interface MetadataRead {
  /** The annotation's type reference. */
  node: TS.Node;
  /** Root identifier (`User`, or `entities` in `entities.User`). */
  name: string;
  member?: string;
  key: "design:type" | "design:paramtypes" | "design:returntype";
  /** The class member it describes: "constructor", a property or method name. */
  of: string;
  /** A constructor parameter of a class a dependency-injection container builds (Nest, typedi...). */
  injected?: true;
}

// Class decorators whose containers read design:paramtypes to construct the class.
const INJECTING = new Set(["Injectable", "Controller", "Resolver", "Service", "Gateway", "WebSocketGateway", "Processor", "JsonController", "Middleware", "Catch", "Component", "Module"]);

export function metadataReads(ts: typeof TS, cls: TS.ClassLikeDeclaration, strictNullChecks: boolean): MetadataRead[] {
  const out: MetadataRead[] = [];
  const add = (type: TS.TypeNode | undefined, key: MetadataRead["key"], of: string): void => {
    const ref = serialisedReference(ts, type, strictNullChecks);
    if (!ref) return;
    const name = ref.typeName;
    const extra = of === "constructor" && injecting ? { injected: true as const } : {};
    if (ts.isIdentifier(name)) out.push({ node: ref, name: name.text, key, of, ...extra });
    else if (ts.isIdentifier(name.left)) out.push({ node: ref, name: name.left.text, member: name.right.text, key, of, ...extra });
  };
  const nameOf = (m: TS.ClassElement): string => (m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : "member");
  const decorated = (node: TS.Node): boolean => ts.canHaveDecorators(node) && (ts.getDecorators(node)?.length ?? 0) > 0;
  const classDecorated = decorated(cls);
  const injecting = (ts.getDecorators(cls) ?? []).some((d) => {
    const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    return ts.isIdentifier(e) ? INJECTING.has(e.text) : ts.isPropertyAccessExpression(e) && INJECTING.has(e.name.text);
  });
  for (const member of cls.members) {
    if (ts.isConstructorDeclaration(member)) {
      if (classDecorated || member.parameters.some(decorated)) member.parameters.forEach((p) => add(p.type, "design:paramtypes", "constructor"));
      continue;
    }
    if (!decorated(member) && !(ts.isFunctionLike(member) && member.parameters.some(decorated))) continue;
    if (ts.isPropertyDeclaration(member) || ts.isGetAccessor(member)) add(member.type, "design:type", nameOf(member));
    if (ts.isMethodDeclaration(member) || ts.isSetAccessor(member)) {
      member.parameters.forEach((p) => add(p.type, "design:paramtypes", nameOf(member)));
      if (ts.isMethodDeclaration(member)) add(member.type, "design:returntype", nameOf(member));
    }
  }
  return out;
}

function serialisedReference(ts: typeof TS, type: TS.TypeNode | undefined, strictNullChecks: boolean): TS.TypeReferenceNode | null {
  let t = type;
  while (t && ts.isParenthesizedTypeNode(t)) t = t.type;
  if (!t) return null;
  if (ts.isTypeReferenceNode(t)) return t;
  if (ts.isUnionTypeNode(t) && !strictNullChecks) {
    // Without strictNullChecks tsc drops null and undefined from a union; with it, the union is Object.
    const rest = t.types.filter((m) => !(ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword) && m.kind !== ts.SyntaxKind.UndefinedKeyword);
    return rest.length === 1 ? serialisedReference(ts, rest[0], strictNullChecks) : null;
  }
  return null;
}
